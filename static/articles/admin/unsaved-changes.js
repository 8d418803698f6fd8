// The article form never drops what was typed: leaving it with unsaved changes asks first,
// and a workflow button ("Submit for review", "Publish"...) saves the changes, then goes on.
(function () {
  "use strict";
  function start() {
    var form = document.getElementById("article_form");
    if (!form) return;
    var dirty = false;
    var submitting = false;
    function markDirty(event) {
      if (event.target && event.target.name === "base_revision") return;
      dirty = true;
    }
    form.addEventListener("input", markDirty);
    form.addEventListener("change", markDirty);
    form.addEventListener("submit", function () { submitting = true; });
    window.addEventListener("beforeunload", function (event) {
      if (!dirty || submitting) return;
      event.preventDefault();
      event.returnValue = "";
    });
    document.querySelectorAll(".workflow-bar a").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (!dirty) return;
        event.preventDefault();
        var then = document.createElement("input");
        then.type = "hidden";
        then.name = "_then";
        then.value = link.getAttribute("href");
        form.appendChild(then);
        var save = form.querySelector('input[name="_continue"]');
        submitting = true;
        if (save) save.click(); else form.requestSubmit();
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
