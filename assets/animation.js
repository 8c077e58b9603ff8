/* Parameter animation (components/animation.py): each tick moves one slider by 1/frames of its range,
   skipped while the phase figure has not drawn the last frame; the sweep stops at the range's end. */
(function () {
  const PLAY = "\u25b6 Play", PAUSE = "\u23f8 Pause";
  function controlValue(spec, physical) { return spec.kind === "log" ? Math.log10(physical) : physical; }
  function onGrid(value, spec) {  // the slider's step grid (log10 units for a log slider)
    return Number((Math.round(value / spec.step) * spec.step).toPrecision(12));
  }
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    migdal_play: {
      /* Outputs: the swept sliders' values, interval disabled, interval ms, play label, aria-pressed. */
      frame: function (play, step, ticks, speed, parameter, stopped) {
        const args = Array.prototype.slice.call(arguments);
        const config = args[args.length - 2], shown = args[args.length - 1], registry = args[args.length - 3];
        const values = args.slice(6, 6 + config.names.length);
        const none = window.dash_clientside.no_update;
        const out = config.names.map(function () { return none; });
        const triggered = (window.dash_clientside.callback_context.triggered || [])
          .map(function (t) { return t.prop_id.split(".")[0]; });
        const result = function (running) {
          return out.concat([!running, Number(speed), running ? PAUSE : PLAY, running ? "true" : "false"]);
        };
        const i = Math.max(0, config.names.indexOf(parameter));
        const spec = registry.specs.find(function (s) { return s.name === config.names[i]; });
        const low = controlValue(spec, spec.low), high = controlValue(spec, spec.high);
        const direction = config.directions[i];
        const start = direction < 0 ? high : low, end = direction < 0 ? low : high;
        const stride = Math.max(spec.step, onGrid((high - low) / config.frames, spec));
        const current = typeof values[i] === "number" ? values[i] : start;
        const atEnd = (end - current) * direction <= spec.step / 2;
        if (triggered.indexOf("play-speed") >= 0) { return result(!stopped); }
        if (triggered.indexOf("play-button") >= 0) {
          if (!stopped) { return result(false); }  // pause
          if (atEnd) { out[i] = start; }  // play again from the start
          return result(true);
        }
        if (triggered.indexOf("play-interval") >= 0 && !stopped) {
          const drawn = shown && shown.point ? shown.point[1 + i] : null;  // [m/M, E_F, omega, lambda, Z]
          const state = window.dash_clientside.migdal_state;
          if (drawn !== null && Math.abs(drawn - state.physical(spec, current)) > 1e-9 * Math.abs(drawn)) {
            return result(true);  // the last frame is not drawn yet: wait a tick
          }
        } else if (triggered.indexOf("play-step") < 0) {
          return result(!stopped);
        }
        if (atEnd) { return result(false); }
        const next = current + direction * stride;
        out[i] = (next - end) * direction >= 0 ? end : onGrid(next, spec);
        return result(triggered.indexOf("play-step") >= 0 ? !stopped : (out[i] !== end));
      }
    }
  });
})();
