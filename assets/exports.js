/* Clientside helpers for the export bar. Every click downloads ONE file that says what it is:
   an SVG with every figure of the panel stacked (parameters, units, version and citation in its
   <title>, <desc> and <metadata>), or the plotted data of every figure as one tidy CSV (figure, trace,
   x, y) under the same "#" header as the server's CSV (components/exports.py). PNG: camera icon. */
(function () {
  function panelGraphs(buttonId, suffix) {
    const panel = buttonId.replace(new RegExp(suffix + "$"), "");
    return Array.from(document.querySelectorAll("#" + panel + "-panel .dash-graph"));
  }
  function cell(value) {
    const text = value === null || value === undefined ? "" : String(value);
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  /* {name: {value, unit}} of the panel's controls (physical values, as the URL writes them);
     ``controls``: the control ids, then their values (components/exports.py). */
  function parameters(registry, controls) {
    const state = window.dash_clientside.migdal_state;
    const ids = controls.slice(0, controls.length / 2), values = controls.slice(controls.length / 2);
    const out = {};
    ids.forEach(function (id, i) {
      const name = id.replace(/^param-/, "");
      const spec = registry.specs.find(function (s) { return s.name === name; });
      const value = spec ? state.physical(spec, values[i]) : null;
      if (value !== null) { out[name] = {value: state.urlText(spec, value), unit: spec.unit}; }
    });
    return out;
  }
  function stamp() {
    return new Date().toISOString().slice(0, 16).replace("T", " ");
  }
  /* The header lines of components/exports.py (export_header and csv_string's parameter line). */
  function headerLines(meta, params) {
    const pairs = Object.keys(params).map(function (name) { return name + "=" + params[name].value; });
    return ["Migdal regimes explorer " + meta.version + ", exported " + stamp() + " UTC",
            "cite: " + meta.citation,
            "parameters and units: " + pairs.join(", ")];
  }
  function fileStem(meta, params) {
    const names = Object.keys(params).slice(0, 3);
    return ["migdal", meta.panel].concat(names.map(function (n) { return n + "-" + params[n].value; }))
      .join("_").replace(/[^A-Za-z0-9_.-]/g, "");
  }
  function save(text, filename, type) {
    const url = URL.createObjectURL(new Blob([text], {type: type}));
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  const SVG_NS = "http://www.w3.org/2000/svg";
  /* One SVG document: each figure's own SVG (Plotly.toImage) as a nested <svg> below the last. */
  function combinedSvg(images, meta, params, lines) {
    const outer = document.implementation.createDocument(SVG_NS, "svg", null);
    const root = outer.documentElement;
    const add = function (parent, tag, text) {
      const el = outer.createElementNS(SVG_NS, tag);
      if (text !== undefined) { el.textContent = text; }
      parent.appendChild(el);
      return el;
    };
    add(root, "title", "Migdal regimes explorer " + meta.version + ": " + (meta.title || meta.panel));
    add(root, "desc", lines.join("\n") + "\nfigures, top to bottom: " +
        images.map(function (im) { return im.id; }).join(", "));
    add(root, "metadata", JSON.stringify({
      app: "Migdal regimes explorer", version: meta.version, citation: meta.citation, panel: meta.panel,
      title: meta.title, exported_utc: stamp(), parameters: params,
      figures: images.map(function (im) { return im.id; })}));
    let y = 0, width = 0;
    images.forEach(function (im) {
      const svg = new DOMParser().parseFromString(im.text, "image/svg+xml").documentElement;
      const nested = outer.importNode(svg, true);
      nested.setAttribute("x", "0");
      nested.setAttribute("y", String(y));
      nested.setAttribute("id", im.id);
      root.appendChild(nested);
      y += im.height;
      width = Math.max(width, im.width);
    });
    root.setAttribute("width", String(width));
    root.setAttribute("height", String(y));
    root.setAttribute("viewBox", "0 0 " + width + " " + y);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(outer);
  }
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    migdal: {
      downloadSvg: function (nClicks, buttonId, meta, registry) {
        if (!nClicks) { return window.dash_clientside.no_update; }
        const params = parameters(registry, Array.prototype.slice.call(arguments, 4));
        const plots = panelGraphs(buttonId, "-svg-button")
          .map(function (graph) { return [graph.id, graph.querySelector(".js-plotly-plot")]; })
          .filter(function (pair) { return pair[1] && pair[1]._fullLayout; });
        return Promise.all(plots.map(function (pair) {
          const layout = pair[1]._fullLayout;
          return Plotly.toImage(pair[1], {format: "svg", width: layout.width, height: layout.height})
            .then(function (url) {
              return {id: pair[0], width: layout.width, height: layout.height,
                      text: decodeURIComponent(url.slice(url.indexOf(",") + 1))};
            });
        })).then(function (images) {
          save(combinedSvg(images, meta, params, headerLines(meta, params)),
               fileStem(meta, params) + ".svg", "image/svg+xml");
          return String(nClicks);
        });
      },
      allFiguresCsv: function (nClicks, buttonId, meta, registry) {
        if (!nClicks) { return window.dash_clientside.no_update; }
        const params = parameters(registry, Array.prototype.slice.call(arguments, 4));
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
        const head = headerLines(meta, params).map(function (line) { return "# " + line + "\n"; }).join("");
        return {content: head + rows.map(r => r.map(cell).join(",")).join("\n") + "\n",
                filename: fileStem(meta, params) + "_all_figures.csv", type: "text/csv", base64: false};
      }
    }
  });
})();
