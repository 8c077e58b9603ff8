// Text that overflows, is clipped or overlaps other text, as [description] (empty: all readable).
// Evaluated by tests/browser/test_readability.py on the live page.
() => {
  const problems = [];
  const visible = el => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) { return false; }
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden" || s.opacity === "0") { return false; }
      if (e.tagName === "DETAILS" && !e.open && e !== el && !el.closest("summary")) { return false; }
    }
    return true;
  };
  const name = el => (el.textContent || "").trim().slice(0, 40);
  const overlap = (a, b, tol) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > tol &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > tol;
  const inside = (r, box, tol) => r.left >= box.left - tol && r.right <= box.right + tol &&
    r.top >= box.top - tol && r.bottom <= box.bottom + tol;
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    problems.push("page scrolls sideways: " + document.documentElement.scrollWidth + " > " + width);
  }
  // SVG text of every figure: inside its figure, not on top of other text of the same figure
  document.querySelectorAll(".js-plotly-plot").forEach(plot => {
    const graph = plot.closest(".dash-graph");
    const box = plot.getBoundingClientRect();
    const texts = Array.from(plot.querySelectorAll(
      ".annotation-text, .xtick text, .ytick text, .y2tick text, .g-xtitle text, .g-ytitle text, " +
      ".g-y2title text, .legendtext, .textpoint text, .gtitle"))
      .filter(t => name(t) && visible(t))
      .map(t => ({el: t, r: t.getBoundingClientRect()}));
    texts.forEach((t, i) => {
      if (!inside(t.r, box, 1)) { problems.push(graph.id + ": cut '" + name(t.el) + "'"); }
      if (t.r.right > width + 1) { problems.push(graph.id + ": off screen '" + name(t.el) + "'"); }
      for (let j = i + 1; j < texts.length; j++) {
        if (overlap(t.r, texts[j].r, 2)) {
          problems.push(graph.id + ": '" + name(t.el) + "' overlaps '" + name(texts[j].el) + "'");
        }
      }
    });
  });
  // HTML labels: no text running out of its box or off the screen, no label on top of another
  const labels = Array.from(document.querySelectorAll(
    "h1, h2, h3, .subtitle, .badge, .caption, .control-label label, .readout, .readout-table td, " +
    ".export-button, summary, .dash-slider-mark, .notice, .preset-picker label, .lecture-step, .lecture-button"))
    .filter(visible);
  labels.forEach(el => {
    const r = el.getBoundingClientRect();
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== "inline") {
      problems.push("text runs out of its box: '" + name(el) + "'");
    }
    if (r.right > width + 1 || r.left < -1) { problems.push("off screen: '" + name(el) + "'"); }
  });
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i], b = labels[j];
      if (a.contains(b) || b.contains(a)) { continue; }
      if (overlap(a.getBoundingClientRect(), b.getBoundingClientRect(), 2)) {
        problems.push("'" + name(a) + "' overlaps '" + name(b) + "'");
      }
    }
  }
  return problems;
}
