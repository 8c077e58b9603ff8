/* Tooltip transform for log sliders: the slider moves on log10(value). */
window.dccFunctions = window.dccFunctions || {};
window.dccFunctions.migdalPow10 = function (exponent) {
  const value = Math.pow(10, exponent);
  return value.toPrecision(3).replace(/\.?0+e/, "e").replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
};
