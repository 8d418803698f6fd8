// Progressive enhancement for the comments region: everything works without this file.
// With it, comments and replies post without a page reload and "Report" opens a dialog.
(function () {
  "use strict";
  var region = document.getElementById("comments");
  if (!region || !window.fetch || !window.FormData) return;
  var status = region.querySelector("[data-comments-status]");

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
    return lines.join(" ") || "Something went wrong. Please try again.";
  }

  function send(form) {
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      if (response.status === 429) {
        return { ok: false, data: { errors: { __all__: [{ message: "You are doing that too often. Please wait a minute." }] } } };
      }
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    });
  }

  region.querySelectorAll("form[data-comment-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      send(form).then(function (result) {
        button.disabled = false;
        if (!result.ok) { showErrors(form, errorsText(result.data)); return; }
        showErrors(form, "");
        var holder = document.createElement("li");
        holder.innerHTML = result.data.html;
        if (result.data.parent) {
          document.getElementById("replies-" + result.data.parent).appendChild(holder);
        } else {
          holder.className = "thread";
          var list = document.getElementById("comment-list");
          var empty = list.querySelector("[data-empty]");
          if (empty) empty.remove();
          if (list.dataset.order === "newest") list.prepend(holder); else list.appendChild(holder);
        }
        form.reset();
        var details = form.closest("details");
        if (details) details.open = false;
        say(result.data.message);
        holder.querySelector(".comment").setAttribute("tabindex", "-1");
        holder.querySelector(".comment").focus();
      }).catch(function () { button.disabled = false; form.submit(); });
    });
  });

  var dialog = document.getElementById("report-dialog");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var reportForm = dialog.querySelector("form[data-report-form]");
  var fields = dialog.querySelector("[data-report-fields]");
  var thanks = dialog.querySelector("[data-report-thanks]");
  var errors = dialog.querySelector("[data-report-errors]");

  region.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-report]");
    if (!link) return;
    event.preventDefault();
    reportForm.reset();
    reportForm.action = link.href;
    errors.textContent = "";
    fields.hidden = false;
    thanks.hidden = true;
    dialog.showModal();
  });
  dialog.querySelectorAll("[data-close]").forEach(function (button) {
    button.addEventListener("click", function () { dialog.close(); });
  });
  // Pages for readers who are not signed in are cached whole, so they carry no CSRF token:
  // the report page (not cached) hands one over before the first report is sent.
  function withToken(form) {
    if (form.querySelector("input[name=csrfmiddlewaretoken]")) return Promise.resolve(form);
    return fetch(form.action, { credentials: "same-origin" }).then(function (response) {
      return response.text();
    }).then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      var token = page.querySelector("input[name=csrfmiddlewaretoken]");
      if (token) form.appendChild(document.importNode(token, true));
      return form;
    });
  }
  reportForm.addEventListener("submit", function (event) {
    event.preventDefault();
    withToken(reportForm).then(send).then(function (result) {
      if (!result.ok) { errors.textContent = errorsText(result.data); return; }
      fields.hidden = true;
      thanks.hidden = false;
      dialog.querySelector("[data-report-message]").textContent = result.data.message;
      thanks.querySelector("button").focus();
    }).catch(function () { window.location.href = reportForm.action; });
  });
})();
