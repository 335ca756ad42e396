// Warn two minutes before an idle session ends; any request (page or htmx) restarts the clock.
(function () {
  "use strict";
  const seconds = Number(document.body.dataset.sessionSeconds || 0);
  const warning = document.getElementById("session-warning");
  if (!seconds || !warning) return;
  let timer = null;
  function restart() {
    warning.hidden = true;
    clearTimeout(timer);
    timer = setTimeout(function () { warning.hidden = false; }, Math.max(0, seconds - 120) * 1000);
  }
  document.body.addEventListener("htmx:afterRequest", restart);
  restart();
})();
