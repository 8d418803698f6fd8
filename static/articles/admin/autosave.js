// Autosave on the article form: what is typed is copied into this browser every 30 seconds
// and on leaving the page; coming back, the writer is offered the copy to restore. A copy is
// only ever put back into the form, never saved by itself, so it cannot overwrite the article
// or anyone's newer save: a copy made before someone else saved keeps its starting revision,
// and saving it then meets the form's edit-conflict check.
(function () {
  "use strict";
  var FIELDS = ["headline", "slug", "standfirst", "body", "hero_caption"];
  var INTERVAL = 30 * 1000;

  function start() {
    var form = document.getElementById("article_form");
    if (!form || !window.localStorage) return;
    var key = "newsarchive:autosave:" + window.location.pathname;
    var base = form.querySelector('input[name="base_revision"]');

    function field(name) { return form.elements.namedItem(name); }
    function current() {
      var values = {};
      FIELDS.forEach(function (name) { if (field(name)) values[name] = field(name).value; });
      return values;
    }
    var initial = JSON.stringify(current());
    var changed = false;
    form.addEventListener("input", function () { changed = true; });

    function keep() {
      if (!changed) return;
      var values = current();
      if (JSON.stringify(values) === initial) return;
      try {
        localStorage.setItem(key, JSON.stringify({
          savedAt: new Date().toISOString(),
          baseRevision: base ? base.value : "",
          values: values,
        }));
      } catch (error) { /* storage full or off: nothing to keep */ }
    }
    setInterval(keep, INTERVAL);
    window.addEventListener("pagehide", keep);
    document.addEventListener("visibilitychange", function () { if (document.hidden) keep(); });
    // Saving the form for real makes the copy obsolete (a refused save shows the form again,
    // with everything that was posted).
    form.addEventListener("submit", function () { localStorage.removeItem(key); changed = false; });

    var stored;
    try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (error) { stored = null; }
    if (!stored || !stored.values || JSON.stringify(stored.values) === initial) {
      if (stored) localStorage.removeItem(key);
      return;
    }
    offer(stored);

    function offer(copy) {
      // Translated by the page: templates/admin/articles/article/change_form.html.
      var words = document.getElementById("newsroom-words").dataset;
      var when = new Date(copy.savedAt);
      var banner = document.createElement("div");
      banner.className = "autosave-offer";
      banner.setAttribute("role", "region");
      banner.setAttribute("aria-label", words.autosaved);
      var text = document.createElement("p");
      var language = document.documentElement.lang || undefined;
      text.textContent = words.autosavedFrom.replace(
        "{when}", when.toLocaleString(language, { dateStyle: "medium", timeStyle: "short" }));
      banner.append(text);
      if (base && copy.baseRevision && copy.baseRevision !== base.value) {
        var newer = document.createElement("p");
        newer.className = "autosave-offer__newer";
        newer.textContent = words.autosavedOlder;
        banner.append(newer);
      }
      var restore = document.createElement("button");
      restore.type = "button";
      restore.className = "button default";
      restore.textContent = words.autosaveRestore;
      var discard = document.createElement("button");
      discard.type = "button";
      discard.className = "button";
      discard.textContent = words.autosaveDiscard;
      banner.append(restore, " ", discard);
      form.prepend(banner);

      restore.addEventListener("click", function () {
        FIELDS.forEach(function (name) {
          if (!field(name) || copy.values[name] === undefined) return;
          field(name).value = copy.values[name];
          field(name).dispatchEvent(new Event("input", { bubbles: true }));
        });
        var editor = form.querySelector(".ProseMirror");
        if (editor && editor.editor && copy.values.body !== undefined) {
          editor.editor.commands.setContent(copy.values.body, { emitUpdate: true });
        }
        // Keep the revision the copy started from: a newer save by anyone is then caught.
        if (base && copy.baseRevision) base.value = copy.baseRevision;
        changed = true;
        banner.replaceChildren(words.autosaveRestored);
        banner.setAttribute("role", "status");
      });
      discard.addEventListener("click", function () {
        localStorage.removeItem(key);
        banner.remove();
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
