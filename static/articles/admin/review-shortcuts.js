// Keyboard shortcuts on the moderators' review page, as listed on the page: a letter presses
// the button (or follows the link) marked with it; N moves to the note. Off while typing.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    var target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    var key = event.key.toLowerCase();
    if (!/^[a-z]$/.test(key)) return;
    if (key === "n") {
      var note = document.getElementById("note");
      if (note) { event.preventDefault(); note.focus(); }
      return;
    }
    var button = document.querySelector('button[data-shortcut="' + key + '"]');
    if (button) { event.preventDefault(); button.click(); return; }
    var link = document.querySelector('a[data-shortcut-link="' + key + '"]');
    if (link) { event.preventDefault(); link.click(); }
  });
})();
