// Under the headline and standfirst: how long they are, and how much a search result shows.
// A hint, not a limit: nothing is refused or cut. Its words come translated from the page
// (the data-* attributes of #newsroom-words, templates/admin/articles/article/change_form.html).
(function () {
  "use strict";
  var language = document.documentElement.lang || undefined;
  var plural = new Intl.PluralRules(language);
  function fill(message, values) {
    return (message || "").replace(/\{(\w+)\}/g, function (match, name) {
      return name in values ? values[name] : match;
    });
  }
  function attach(field) {
    var shown = parseInt(field.dataset.lengthHint, 10);
    var hint = document.createElement("p");
    hint.className = "length-hint";
    hint.id = field.id + "-length";
    hint.setAttribute("aria-live", "polite");
    // Under the box, aligned with its help text, not beside it.
    (field.closest(".flex-container") || field).insertAdjacentElement("afterend", hint);
    field.setAttribute("aria-describedby", ((field.getAttribute("aria-describedby") || "") + " " + hint.id).trim());
    function update() {
      var length = Array.from(field.value).length;
      var long = length > shown;
      hint.classList.toggle("length-hint--long", long);
      var words = document.getElementById("newsroom-words").dataset;
      var form = plural.select(length) === "one" ? "One" : "Other";
      hint.textContent = fill(words[(long ? "lengthLong" : "length") + form], { length: length, shown: shown });
    }
    field.addEventListener("input", update);
    update();
  }
  function attachAll() { document.querySelectorAll("[data-length-hint]").forEach(attach); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attachAll);
  else attachAll();
})();
