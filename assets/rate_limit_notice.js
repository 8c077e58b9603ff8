/* A 429 from the callback endpoint (components/rate_limit.py), or a 503 of the heavy lane
   (components/fairness.py), becomes a notice on the page, and the update is sent again once the
   server's Retry-After has passed, so the view is not left stale. */
(function () {
  const originalFetch = window.fetch.bind(window);
  const MAX_WAIT_S = 10;
  const MAX_ATTEMPTS = 8;
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
    let response = await originalFetch(resource, init);
    if (url.indexOf("_dash-update-component") === -1) { return response; }
    // Retry until the server accepts the update (a few times at most): the page's first load fires
    // several callbacks at once, and their retries would meet the same limit again if all were sent
    // together, so each waits Retry-After plus a random share of a second.
    for (let attempt = 0; attempt < MAX_ATTEMPTS && (response.status === 429 || response.status === 503);
         attempt++) {
      const wait = Math.min(MAX_WAIT_S, Math.max(1, parseInt(response.headers.get("Retry-After"), 10) || 1));
      const message = (await messageOf(response)) || "The server is busy.";
      notice(message + " Updating again in " + wait + " s.");
      await new Promise(function (resolve) { setTimeout(resolve, (wait + Math.random()) * 1000); });
      response = await originalFetch(resource, init);
    }
    if (response.status === 429 || response.status === 503) {
      notice(((await messageOf(response)) || "The server is busy.") + " Move a control again in a few seconds.");
    } else {
      hideSoon();
    }
    return response;
  };
})();
