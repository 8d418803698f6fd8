// Public pages are the same for every reader (an HTTP cache serves them). What is the reader's
// own comes from /accounts/me/: their name and "Sign out" in the masthead, their messages, and
// for comments.js a CSRF token, whether they may comment and their own comments on the story.
// Without this file the pages still work: "Sign in" and the form pages need no script.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch || !window.Promise) return;
  var url = script.getAttribute("data-me-url");
  var signOut = script.getAttribute("data-sign-out");  // translated by the page

  function fillMasthead(me) {
    var nav = document.querySelector("[data-me-account]");
    if (!nav || !me.signed_in) return;
    var account = document.createElement("a");
    account.href = me.account_url;
    account.textContent = me.name;
    var form = document.createElement("form");
    form.method = "post";
    form.action = me.logout_url;
    var token = document.createElement("input");
    token.type = "hidden";
    token.name = "csrfmiddlewaretoken";
    token.value = me.csrf_token;
    var button = document.createElement("button");
    button.type = "submit";
    button.className = "link-button";
    button.textContent = signOut;
    form.appendChild(token);
    form.appendChild(button);
    nav.replaceChildren(account, form);
  }

  function fillMessages(me) {
    var box = document.querySelector("[data-me-messages]");
    if (!box || !me.messages.length) return;
    me.messages.forEach(function (message) {
      var line = document.createElement("p");
      line.className = "message message--" + message.level;
      line.textContent = message.text;
      box.appendChild(line);
    });
    box.hidden = false;
  }

  window.newsarchiveMe = new Promise(function (resolve) {
    document.addEventListener("DOMContentLoaded", function () {
      var region = document.getElementById("comments");
      var article = region && region.getAttribute("data-article");
      var address = url + (article ? "?article=" + encodeURIComponent(article) : "");
      fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (me) {
          if (me) { fillMasthead(me); fillMessages(me); }
          resolve(me);
        })
        .catch(function () { resolve(null); });
    });
  });
})();
