/* Clientside helpers: SVG export of every figure of a panel (PNG: the camera icon of each figure). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  migdal: {
    downloadSvg: function (nClicks, buttonId) {
      if (!nClicks) { return window.dash_clientside.no_update; }
      const panel = buttonId.replace(/-svg-button$/, "");
      document.querySelectorAll("#" + panel + "-panel .dash-graph").forEach(function (graph) {
        const plot = graph.querySelector(".js-plotly-plot");
        if (plot) { Plotly.downloadImage(plot, {format: "svg", filename: graph.id, scale: 1}); }
      });
      return String(nClicks);
    }
  }
});
