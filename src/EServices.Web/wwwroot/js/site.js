// Enhancements only: every page works without this file.
(function () {
  "use strict";

  // "Show only when field X is V": hide the dependent fields until the answer matches.
  function refreshConditions(form) {
    form.querySelectorAll("[data-show-when]").forEach(function (block) {
      var name = block.getAttribute("data-show-when");
      var expected = block.getAttribute("data-show-value");
      var inputs = form.querySelectorAll('[name="' + name + '"]');
      var match = Array.prototype.some.call(inputs, function (input) {
        if (input.type === "radio" || input.type === "checkbox") { return input.checked && input.value === expected; }
        return input.value === expected;
      });
      block.hidden = !match;
      var hint = block.querySelector(".condition-hint");
      if (hint) { hint.hidden = true; }
    });
  }

  document.querySelectorAll("form").forEach(function (form) {
    if (form.querySelector("[data-show-when]")) {
      refreshConditions(form);
      form.addEventListener("change", function () { refreshConditions(form); });
    }
  });

  // A second click on "Déposer" while the first is on its way does nothing (the server is idempotent anyway).
  document.querySelectorAll("button[data-once]").forEach(function (button) {
    button.form.addEventListener("submit", function () {
      window.setTimeout(function () { button.disabled = true; }, 0);
    });
  });

  // Move focus to the error summary so that screen readers announce it.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();
