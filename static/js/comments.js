// Progressive enhancement for the comments region: everything works without this file.
// The page is the same for every reader; with the reader's own bits from /accounts/me/ (see
// me.js) this shows the comment form to readers who may post, opens reply forms in place,
// adds their pending comments and edit links, posts without a page reload and opens "Report"
// as a dialog. Its words come translated from the page: the data-* attributes of its script
// element (templates/articles/includes/comments.html).
(function () {
  "use strict";
  var text = document.currentScript ? document.currentScript.dataset : {};
  var region = document.getElementById("comments");
  if (!region || !window.fetch || !window.FormData) return;
  var status = region.querySelector("[data-comments-status]");
  var me = null;

  function say(message) {
    if (status) status.textContent = message;
  }

  // Errors go under the form they belong to (the reply box for a reply), announced.
  function showErrors(form, message) {
    var box = form.querySelector(".comment-form__errors");
    if (!box) {
      box = document.createElement("p");
      box.className = "comment-form__errors";
      box.setAttribute("role", "alert");
      form.appendChild(box);
    }
    box.textContent = message;
    box.hidden = !message;
  }

  function errorsText(data) {
    var lines = [];
    Object.keys((data && data.errors) || {}).forEach(function (field) {
      data.errors[field].forEach(function (error) { lines.push(error.message); });
    });
    return lines.join(" ") || text.error;
  }

  // The reader's CSRF token, from /accounts/me/ (or, failing that, from the form's own page).
  function withToken(form) {
    if (form.querySelector("input[name=csrfmiddlewaretoken]")) return Promise.resolve(form);
    if (me && me.csrf_token) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "csrfmiddlewaretoken";
      input.value = me.csrf_token;
      form.appendChild(input);
      return Promise.resolve(form);
    }
    return fetch(form.action, { credentials: "same-origin" }).then(function (response) {
      return response.text();
    }).then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      var token = page.querySelector("input[name=csrfmiddlewaretoken]");
      if (token) form.appendChild(document.importNode(token, true));
      return form;
    });
  }

  function send(form) {
    return withToken(form).then(function () {
      return fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
    }).then(function (response) {
      if (response.status === 429) {
        return { ok: false, data: { errors: { __all__: [{ message: text.tooOften }] } } };
      }
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    });
  }

  function place(html, parent) {
    var holder = document.createElement("li");
    holder.innerHTML = html;
    var replies = parent && document.getElementById("replies-" + parent);
    if (replies) {
      replies.appendChild(holder);
    } else {
      holder.className = "thread";
      var list = document.getElementById("comment-list");
      var empty = list.querySelector("[data-empty]");
      if (empty) empty.remove();
      if (list.dataset.order === "newest") list.prepend(holder); else list.appendChild(holder);
    }
    return holder;
  }

  function enhance(form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      send(form).then(function (result) {
        button.disabled = false;
        if (!result.ok) { showErrors(form, errorsText(result.data)); return; }
        showErrors(form, "");
        var holder = place(result.data.html, result.data.parent);
        form.reset();
        var details = form.closest("details");
        if (details) details.remove();
        say(result.data.message);
        holder.querySelector(".comment").setAttribute("tabindex", "-1");
        holder.querySelector(".comment").focus();
      }).catch(function () { button.disabled = false; form.submit(); });
    });
  }

  function link(href, text) {
    var anchor = document.createElement("a");
    anchor.href = href;
    anchor.textContent = text;
    return anchor;
  }

  // The reader's own comments: pending ones are theirs alone, so not on the shared page.
  function showOwn(comments) {
    comments.forEach(function (own) {
      var node = document.getElementById("comment-" + own.id);
      if (!node && own.html) {
        place(own.html, own.parent);
        return;
      }
      if (!node) return;
      var actions = node.querySelector(".comment__actions");
      if (!actions) return;
      var report = actions.querySelector("a[data-report]");
      if (report) report.remove();
      [[own.edit_url, text.edit], [own.delete_url, text.delete]].forEach(function (pair) {
        if (!pair[0]) return;
        actions.appendChild(document.createTextNode(" "));
        actions.appendChild(link(pair[0], pair[1]));
      });
    });
  }

  var replyCount = 0;
  function openReply(anchor) {
    var template = document.getElementById("reply-form-template");
    if (!template) return false;
    var holder = anchor.parentNode;
    var open = holder.nextElementSibling;
    if (open && open.matches("details.reply")) { open.querySelector("textarea").focus(); return true; }
    var details = template.content.firstElementChild.cloneNode(true);
    var form = details.querySelector("form");
    replyCount += 1;
    var id = "reply-text-" + anchor.getAttribute("data-reply") + "-" + replyCount;
    var parent = form.querySelector("input[name=parent]");
    parent.value = anchor.getAttribute("data-reply");
    parent.id = id + "-parent";
    var textarea = form.querySelector("textarea");
    textarea.id = id;
    var help = form.querySelector("[data-reply-help]");
    help.id = id + "-help";
    textarea.setAttribute("aria-describedby", help.id);
    var label = form.querySelector("[data-reply-label]");
    label.htmlFor = id;
    label.textContent = (text.replyTo || "").replace("{name}", anchor.getAttribute("data-reply-to"));
    var trap = form.querySelector(".hp input");
    trap.id = id + "-website";
    form.querySelector(".hp label").htmlFor = trap.id;
    holder.after(details);
    enhance(form);
    if (window.newsarchiveCharCounter) window.newsarchiveCharCounter(form.querySelector("textarea"));
    form.querySelector("textarea").focus();
    return true;
  }

  (window.newsarchiveMe || Promise.resolve(null)).then(function (data) {
    me = data;
    if (!me) return;
    showOwn(me.comments || []);
    if (!me.can_comment) return;
    var prompt = region.querySelector("[data-comment-prompt]");
    var form = region.querySelector("form[data-comment-main]");
    if (!form) return;
    region.querySelectorAll("[data-me-name]").forEach(function (name) { name.textContent = me.name; });
    if (prompt) { prompt.removeAttribute("id"); prompt.hidden = true; }
    form.id = "comment-form";
    form.hidden = false;
    enhance(form);
    region.addEventListener("click", function (event) {
      var anchor = event.target.closest("a[data-reply]");
      if (anchor && openReply(anchor)) event.preventDefault();
    });
  });

  var dialog = document.getElementById("report-dialog");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var reportForm = dialog.querySelector("form[data-report-form]");
  var fields = dialog.querySelector("[data-report-fields]");
  var thanks = dialog.querySelector("[data-report-thanks]");
  var errors = dialog.querySelector("[data-report-errors]");

  region.addEventListener("click", function (event) {
    var anchor = event.target.closest("a[data-report]");
    if (!anchor) return;
    event.preventDefault();
    reportForm.reset();
    reportForm.action = anchor.href;
    errors.textContent = "";
    fields.hidden = false;
    thanks.hidden = true;
    dialog.showModal();
  });
  dialog.querySelectorAll("[data-close]").forEach(function (button) {
    button.addEventListener("click", function () { dialog.close(); });
  });
  reportForm.addEventListener("submit", function (event) {
    event.preventDefault();
    send(reportForm).then(function (result) {
      if (!result.ok) { errors.textContent = errorsText(result.data); return; }
      fields.hidden = true;
      thanks.hidden = false;
      dialog.querySelector("[data-report-message]").textContent = result.data.message;
      thanks.querySelector("button").focus();
    }).catch(function () { window.location.href = reportForm.action; });
  });
})();
