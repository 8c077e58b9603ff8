/* The first paint follows the link: ?theme=dark and ?lecture=on set the page's classes before Dash's
   callbacks have run (no light flash); on a phone the control groups start closed, so the first
   figure is on the first screen (PhET: the simulation first, controls a tap away). React keeps what
   is set here: the theme callback later writes the same class, and nothing re-renders the groups. */
(function () {
  const query = new URLSearchParams(window.location.search);
  const dark = query.get("theme") === "dark";
  const lecture = query.get("lecture") === "on";
  const narrow = window.matchMedia("(max-width: 700px)").matches;
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
