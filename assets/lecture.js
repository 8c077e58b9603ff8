/* Guided lecture (components/lecture.py): Previous / Next step through the presets in the browser, the
   counter and the talking point follow the preset menu, and keys click the buttons. */
(function () {
  function stepIndex(sequence, key) {
    return sequence.steps.findIndex(function (step) { return step.key === key; });
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    migdal_lecture: {
      /* Previous / Next: the preset key of the neighbouring step (the preset menu applies it). */
      step: function (previousClicks, nextClicks, key, sequence) {
        const triggered = (window.dash_clientside.callback_context.triggered || [])
          .map(function (t) { return t.prop_id; });
        const index = stepIndex(sequence, key);
        const target = triggered.indexOf("lecture-previous.n_clicks") >= 0 ? index - 1
          : (index < 0 ? 0 : index + 1);
        if (target < 0 || target >= sequence.steps.length || target === index) {
          return window.dash_clientside.no_update;
        }
        return sequence.steps[target].key;
      },
      /* Counter "3 / 13", the preset's name (style.css puts the dash after it), its talking point, Previous / Next disabled at the ends
         and the bar's class (idle before the first step). */
      show: function (key, sequence) {
        const n = sequence.steps.length;
        const index = stepIndex(sequence, key);
        if (index < 0) {
          return ["– / " + n, "", sequence.intro, true, false, "lecture-bar lecture-idle"];
        }
        const step = sequence.steps[index];
        return [(index + 1) + " / " + n, step.label, step.point, index === 0, index === n - 1,
                "lecture-bar"];
      }
    }
  });

  /* Keys. Not while the focus is in a control that uses them itself (slider thumbs and radio buttons
     take the arrows, text fields and menus take letters). */
  const OWN_KEYS = "input, textarea, select, [contenteditable], [role=slider], [role=listbox], [role=option], " +
    "[role=combobox], [aria-haspopup], .dash-dropdown-content, .rc-slider";
  const NEXT = {ArrowRight: true, n: true};
  const PREVIOUS = {ArrowLeft: true, p: true};
  const CLICKER = {PageDown: "lecture-next", PageUp: "lecture-previous"};

  function press(id) {
    const button = document.getElementById(id);
    if (button && !button.disabled) { button.click(); }
  }

  /* --lecture-bar-height: the sticky sidebar, and whatever is scrolled to or focused, start below the bar
     (wide screens, where it sticks to the top); --lecture-bar-bottom: the room the page leaves under it
     at its end (a phone, where it is fixed to the bottom). */
  const sized = new MutationObserver(function () {
    const bar = document.getElementById("lecture-bar");
    if (!bar) { return; }
    sized.disconnect();
    const root = document.documentElement.style;
    new ResizeObserver(function () {
      const position = getComputedStyle(bar).position;
      root.setProperty("--lecture-bar-height", (position === "sticky" ? bar.offsetHeight : 0) + "px");
      root.setProperty("--lecture-bar-bottom", (position === "fixed" ? bar.offsetHeight : 0) + "px");
    }).observe(bar);
  });
  sized.observe(document.documentElement, {childList: true, subtree: true});

  /* A phone's bar shows the step's name only: its button opens and closes the talking point above it. */
  document.addEventListener("click", function (event) {
    const more = event.target && event.target.closest && event.target.closest("#lecture-more");
    if (more) { more.setAttribute("aria-expanded", more.getAttribute("aria-expanded") === "true" ? "false" : "true"); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) { return; }
    const help = document.getElementById("lecture-keys");
    if (event.key === "Escape" && help && help.open) { help.open = false; return; }
    const target = event.target;
    if (target && target.closest && target.closest(OWN_KEYS)) { return; }
    const page = document.getElementById("page");
    const lecture = page && page.classList.contains("lecture");
    if (event.key === "?") {
      if (help) { help.open = !help.open; }
    } else if (NEXT[event.key]) {
      press("lecture-next");
    } else if (PREVIOUS[event.key]) {
      press("lecture-previous");
    } else if (lecture && CLICKER[event.key]) {
      press(CLICKER[event.key]);
    } else {
      return;
    }
    event.preventDefault();
  });
})();
