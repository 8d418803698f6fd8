// A live character count under every textarea[data-max-length] (comments and replies).
// Nothing is cut: past the limit the count says by how much, and the form is not sent until
// the text fits (the server refuses an over-long comment too, keeping the whole text).
// Its words come translated from the page: data-count, data-over-one and data-over-other on
// the script element (templates/includes/char_counter_script.html).
(function () {
  "use strict";
  var script = document.currentScript;
  var text = script ? script.dataset : {};
  var language = document.documentElement.lang || undefined;
  var format = new Intl.NumberFormat(language);
  var plural = new Intl.PluralRules(language);

  function fill(message, values) {
    return (message || "").replace(/\{(\w+)\}/g, function (match, name) {
      return name in values ? values[name] : match;
    });
  }

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
        ? fill(plural.select(over) === "one" ? text.overOne : text.overOther,
               { over: format.format(over), limit: format.format(limit) })
        : fill(text.count, { length: format.format(length), limit: format.format(limit) });
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
