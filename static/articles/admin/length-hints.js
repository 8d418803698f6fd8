// Under the headline and standfirst: how long they are, and how much a search result shows.
// A hint, not a limit: nothing is refused or cut.
(function () {
  "use strict";
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
      hint.textContent = length + (length === 1 ? " character" : " characters") + " · search results show about " + shown +
        (long ? ": the end will be cut off there" : "");
    }
    field.addEventListener("input", update);
    update();
  }
  function attachAll() { document.querySelectorAll("[data-length-hint]").forEach(attach); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attachAll);
  else attachAll();
})();
