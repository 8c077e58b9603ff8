/* Point A of the two-point comparison (components/compare.py) in the link: "pinA" beside the controls,
   removed when the pin is cleared. The controls' mirror (state.js) keeps it when it rewrites the query. */
(function () {
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    migdal_compare: {
      writePin: function (pin) {
        const query = new URLSearchParams(window.location.search);
        if (pin && pin.link) { query.set("pinA", pin.link); } else { query.delete("pinA"); }
        const search = query.toString() ? "?" + query.toString() : "";
        if (search !== window.location.search) {
          window.history.replaceState(window.history.state, "", window.location.pathname + search + window.location.hash);
        }
        return pin && pin.link ? pin.link : "";
      }
    }
  });
})();
