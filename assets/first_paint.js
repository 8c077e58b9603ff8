/* The first paint follows the link: ?theme=dark and ?lecture=on set the page's classes before Dash's
   callbacks have run (no light flash); on a phone the control groups start closed, so the first
   figure is on the first screen (PhET: the simulation first, controls a tap away). React keeps what
   is set here: the theme callback later writes the same class, and nothing re-renders the groups. */
(function () {
  const query = new URLSearchParams(window.location.search);
  const dark = query.get("theme") === "dark";
  const narrow = window.matchMedia("(max-width: 700px)").matches;
  /* Lecture mode is for a projector: its 22-px figure text does not fit a phone's 350-px figures, and a
     phone hides its switch. A lecturer's ?lecture=on link opens there in the phone view (its step and
     parameters kept): dropped from the address before Dash reads it, so the figures are drawn for a phone. */
  if (narrow && query.has("lecture")) {
    query.delete("lecture");
    const search = query.toString();
    window.history.replaceState(window.history.state, "",
                                window.location.pathname + (search ? "?" + search : "") + window.location.hash);
  }
  const lecture = !narrow && query.get("lecture") === "on";
  if (dark) { document.documentElement.style.background = "#11151c"; }
  const observer = new MutationObserver(function () {
    const page = document.getElementById("page");
    if (!page) { return; }
    observer.disconnect();
    if (dark) { page.classList.replace("theme-light", "theme-dark"); }
    if (lecture) { page.classList.add("lecture"); }
    if (narrow) {
      page.querySelectorAll("details.control-group[open]").forEach(function (group) {
        group.removeAttribute("open");
      });
    }
  });
  observer.observe(document.documentElement, {childList: true, subtree: true});
})();
