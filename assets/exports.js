/* Clientside helpers: SVG export of a panel's main figure. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  migdal: {
    downloadSvg: function (nClicks, buttonId) {
      if (!nClicks) { return window.dash_clientside.no_update; }
      const panel = buttonId.replace(/-svg-button$/, "");
      const graph = document.querySelector("#" + panel + "-graph .js-plotly-plot");
      if (graph) { Plotly.downloadImage(graph, {format: "svg", filename: panel, scale: 1}); }
      return String(nClicks);
    }
  }
});
