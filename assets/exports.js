/* Clientside helpers for the export bar: SVG of every figure of a panel, and the plotted
   data of every figure as one tidy CSV (figure, trace, x, y). PNG: the camera icon of each figure. */
(function () {
  function panelGraphs(buttonId, suffix) {
    const panel = buttonId.replace(new RegExp(suffix + "$"), "");
    return Array.from(document.querySelectorAll("#" + panel + "-panel .dash-graph"));
  }
  function cell(value) {
    const text = value === null || value === undefined ? "" : String(value);
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    migdal: {
      downloadSvg: function (nClicks, buttonId) {
        if (!nClicks) { return window.dash_clientside.no_update; }
        panelGraphs(buttonId, "-svg-button").forEach(function (graph) {
          const plot = graph.querySelector(".js-plotly-plot");
          if (plot) { Plotly.downloadImage(plot, {format: "svg", filename: graph.id, scale: 1}); }
        });
        return String(nClicks);
      },
      allFiguresCsv: function (nClicks, buttonId) {
        if (!nClicks) { return window.dash_clientside.no_update; }
        const rows = [["figure", "trace", "x", "y"]];
        panelGraphs(buttonId, "-allcsv-button").forEach(function (graph) {
          const plot = graph.querySelector(".js-plotly-plot");
          (plot && plot.data ? plot.data : []).forEach(function (trace) {
            if (!trace.x || !trace.y || trace.type === "heatmap") { return; }
            if (trace.showlegend === false && trace.hoverinfo === "skip") { return; }  // a band's helper edge
            for (let i = 0; i < trace.x.length; i++) {
              rows.push([graph.id, trace.name, trace.x[i], trace.y[i]]);
            }
          });
        });
        const panel = buttonId.replace(/-allcsv-button$/, "");
        return {content: rows.map(r => r.map(cell).join(",")).join("\n") + "\n",
                filename: panel + "_all_figures.csv", type: "text/csv", base64: false};
      }
    }
  });
})();
