/* A 429 from the callback endpoint (components/rate_limit.py), or a 503 of the heavy lane
   (components/fairness.py), becomes a notice on the page, and the update is sent again once the
   server's Retry-After has passed, so the view is not left stale. */
(function () {
  const originalFetch = window.fetch.bind(window);
  const MAX_WAIT_S = 10;
  let hideTimer = null;

  function notice(text) {
    let box = document.getElementById("rate-limit-notice");
    if (!box) {
      box = document.createElement("div");
      box.id = "rate-limit-notice";
      box.className = "rate-limit-notice";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      document.body.appendChild(box);
    }
    box.textContent = text;
    box.hidden = false;
    clearTimeout(hideTimer);
    return box;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      const box = document.getElementById("rate-limit-notice");
      if (box) { box.hidden = true; }
    }, 1500);
  }

  async function messageOf(response) {
    try {
      const body = await response.clone().json();
      return (body && body.error && body.error.message) || "";
    } catch (error) {
      return "";
    }
  }

  window.fetch = async function (resource, init) {
    const url = typeof resource === "string" ? resource : (resource && resource.url) || "";
    const response = await originalFetch(resource, init);
    const waitable = response.status === 429 || response.status === 503;
    if (!waitable || url.indexOf("_dash-update-component") === -1) { return response; }
    const wait = Math.min(MAX_WAIT_S, Math.max(1, parseInt(response.headers.get("Retry-After"), 10) || 1));
    const message = (await messageOf(response)) || "The server is busy.";
    notice(message + " Updating again in " + wait + " s.");
    await new Promise(function (resolve) { setTimeout(resolve, wait * 1000); });
    const retried = await originalFetch(resource, init);
    if (retried.status === 429 || retried.status === 503) {
      notice(message + " Move a control again in a few seconds.");
    } else {
      hideSoon();
    }
    return retried;
  };
})();
