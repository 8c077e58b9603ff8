/* Clientside mirror of the controls: readouts and the URL follow every move without a server request.
   The registry (components/params.py, ParameterSpec.client_spec) says how each control maps to its
   physical value; the formatting here reproduces Python's "%.Ng" exactly (tests/browser/test_light_moves.py). */
(function () {
  /* Python's format(x, ".<p>g") for finite numbers. */
  function pyG(x, p) {
    if (x === 0) { return "0"; }
    const parts = x.toExponential(p - 1).split("e");
    const exponent = parseInt(parts[1], 10);
    const strip = function (text) { return text.indexOf(".") < 0 ? text : text.replace(/0+$/, "").replace(/\.$/, ""); };
    if (exponent < -4 || exponent >= p) {
      const digits = String(Math.abs(exponent)).padStart(2, "0");
      return strip(parts[0]) + "e" + (exponent < 0 ? "-" : "+") + digits;
    }
    return strip(x.toFixed(Math.max(0, p - 1 - exponent)));
  }

  /* ParameterSpec.from_control: the snapped physical value of a control value, or null if unreadable. */
  function physical(spec, controlValue) {
    if (spec.kind === "choice") {
      return Object.prototype.hasOwnProperty.call(spec.options, controlValue) ? controlValue : null;
    }
    if (typeof controlValue !== "number" || !isFinite(controlValue)) { return null; }
    let value;
    if (spec.kind === "log") {
      value = Number(pyG(Math.min(Math.max(Math.pow(10, controlValue), spec.low), spec.high), spec.digits + 1));
    } else {
      value = Number((spec.low + Math.round((controlValue - spec.low) / spec.step) * spec.step).toPrecision(12));
    }
    return Math.min(Math.max(value, spec.low), spec.high);
  }

  function readout(spec, value) {
    if (spec.kind === "choice") { return spec.options[value]; }
    return (pyG(value, spec.digits) + " " + spec.unit).trim();
  }

  function urlText(spec, value) {
    return spec.kind === "choice" ? String(value) : pyG(value, spec.digits + 1);
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    migdal_state: {
      pyG: pyG,
      physical: physical,
      urlText: urlText,
      /* Inputs: every control's value, then every slider's drag_value, then the server's URL-sync
         token and the preset menu's value; State: the registry. Returns the readouts; writes the URL
         (replaceState, the preset first: a lecture step's bookmark) when a committed value changed or
         the server asks for it. */
      mirror: function () {
        const args = Array.prototype.slice.call(arguments);
        const registry = args[args.length - 1];
        const preset = args[args.length - 2];
        const specs = registry.specs;
        const values = args.slice(0, specs.length);
        const drags = args.slice(specs.length, specs.length + registry.sliders.length);
        const committed = {};
        specs.forEach(function (spec, i) { committed[spec.name] = physical(spec, values[i]); });
        const live = Object.assign({}, committed);
        registry.sliders.forEach(function (name, j) {
          const spec = specs.find(function (s) { return s.name === name; });
          const value = physical(spec, drags[j]);
          if (value !== null) { live[name] = value; }
        });
        const triggered = (window.dash_clientside.callback_context.triggered || [])
          .map(function (t) { return t.prop_id; })
          .filter(function (id) { return id && id !== "." && !id.endsWith(".drag_value"); });
        if (triggered.length) {
          const query = new URLSearchParams();
          if (typeof preset === "string" && preset) { query.append("preset", preset); }
          specs.forEach(function (spec) {
            if (committed[spec.name] !== null) { query.append(spec.name, urlText(spec, committed[spec.name])); }
          });
          const current = new URLSearchParams(window.location.search);
          (registry.companions || []).forEach(function (key) {  // e.g. the pinned point A
            if (current.has(key)) { query.append(key, current.get(key)); }
          });
          const search = "?" + query.toString();
          if (search !== window.location.search) {
            window.history.replaceState(window.history.state, "", search + window.location.hash);
          }
        }
        return specs.map(function (spec) {
          return live[spec.name] === null ? window.dash_clientside.no_update : readout(spec, live[spec.name]);
        });
      },
      /* The code box's text is computed only while its box is open: forward the control values to the
         server then, and nothing otherwise. Returns a promise so the <details> toggle has happened. */
      codeRequest: function () {
        const args = Array.prototype.slice.call(arguments);
        const detailsId = args[args.length - 1];
        const controls = args.slice(1, args.length - 1);
        return new Promise(function (resolve) {
          setTimeout(function () {
            const details = document.getElementById(detailsId);
            resolve(details && details.open ? {values: controls, at: Date.now()} : window.dash_clientside.no_update);
          }, 0);
        });
      }
    }
  });
})();
