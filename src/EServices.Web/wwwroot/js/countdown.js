// Enhancement only: the server wrote each countdown; this keeps it ticking while the page stays open. The time left is
// read against the server's clock (data-now, when the page was made), not the phone's, which may be wrong.
(function () {
  "use strict";
  var loaded = Date.now();

  function unit(n, one) { return n === 1 ? "1 " + one : n + " " + one + "s"; }
  function two(n, one, m, other) { return m === 0 ? unit(n, one) : unit(n, one) + " et " + unit(m, other); }

  // The same wording as OpenCompetitions.Countdown on the server.
  function words(ms) {
    var minutes = Math.floor(ms / 60000), hours = Math.floor(minutes / 60), days = Math.floor(hours / 24);
    if (days >= 1) { return two(days, "jour", hours % 24, "heure"); }
    if (hours >= 1) { return two(hours, "heure", minutes % 60, "minute"); }
    if (minutes >= 1) { return unit(minutes, "minute"); }
    return "moins d'une minute";
  }

  function tick() {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var left = Number(el.getAttribute("data-until")) - (Number(el.getAttribute("data-now")) + (Date.now() - loaded));
      el.textContent = left > 0 ? el.getAttribute("data-countdown") + words(left) : el.getAttribute("data-ended");
    });
  }

  if (document.querySelector("[data-countdown]")) {
    window.setInterval(tick, 20000);
  }
})();
