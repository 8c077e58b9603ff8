/* Tooltip transform for log sliders: the slider moves on log10(value). */
window.dccFunctions = window.dccFunctions || {};
window.dccFunctions.migdalPow10 = function (exponent) {
  const value = Math.pow(10, exponent);
  return value.toPrecision(3).replace(/\.?0+e/, "e").replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
};

/* Screen readers hear the physical value with its unit ("0.001 eV"), not the slider's log10 ("-3"):
   every slider thumb's aria-valuetext follows aria-valuenow (data-unit / data-log on its .control). */
(function () {
  function describe(thumb) {
    const control = thumb.closest(".control[data-unit]");
    const now = parseFloat(thumb.getAttribute("aria-valuenow"));
    if (!control || !isFinite(now)) { return; }
    const value = control.dataset.log === "1" ? window.dccFunctions.migdalPow10(now) : String(+now.toPrecision(4));
    const text = (value + " " + control.dataset.unit).trim();
    if (thumb.getAttribute("aria-valuetext") !== text) { thumb.setAttribute("aria-valuetext", text); }
  }
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      const node = record.target;
      if (record.type === "attributes") { describe(node); }
      else if (node.querySelectorAll && node.closest && node.closest(".sidebar, .header")) {
        node.querySelectorAll("[role=slider]").forEach(describe);
      } else if (node.querySelectorAll && node.querySelector && node.querySelector(".sidebar")) {
        node.querySelectorAll(".sidebar [role=slider]").forEach(describe);
      }
    });
  }).observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                         attributeFilter: ["aria-valuenow"]});
})();
