// A live character count under every textarea[data-max-length] (comments and replies).
// Nothing is cut: past the limit the count says by how much, and the form is not sent until
// the text fits (the server refuses an over-long comment too, keeping the whole text).
(function () {
  "use strict";
  var format = new Intl.NumberFormat("en-GB");

  function attach(textarea) {
    var limit = parseInt(textarea.dataset.maxLength, 10);
    if (!limit || textarea.dataset.counterAttached) return;
    textarea.dataset.counterAttached = "true";
    var counter = document.createElement("p");
    counter.className = "char-counter";
    counter.id = (textarea.id || "text") + "-counter";
    counter.setAttribute("aria-live", "polite");
    textarea.insertAdjacentElement("afterend", counter);
    var described = textarea.getAttribute("aria-describedby");
    textarea.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);

    function update() {
      // Count as the server does: characters (code points), line breaks as one.
      var length = Array.from(textarea.value.replace(/\r\n/g, "\n")).length;
      var over = length - limit;
      counter.classList.toggle("char-counter--over", over > 0);
      counter.textContent = over > 0
        ? format.format(over) + (over === 1 ? " character" : " characters") + " over the " + format.format(limit) + " limit: shorten your comment to post it."
        : format.format(length) + " of " + format.format(limit) + " characters";
      textarea.setCustomValidity(over > 0 ? counter.textContent : "");
      return over <= 0;
    }
    textarea.addEventListener("input", update);
    if (textarea.form) textarea.form.addEventListener("reset", function () { setTimeout(update); });
    update();
  }

  window.newsarchiveCharCounter = attach;  // for reply boxes added later (comments.js)

  function attachAll() {
    document.querySelectorAll("textarea[data-max-length]").forEach(attach);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attachAll);
  else attachAll();
})();
