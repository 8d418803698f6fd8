// Comment feedback around comments.js: the report dialog quotes the comment being reported
// (and leaves it in view), its thank-you has its own heading, and the comment count follows
// comments posted without a reload. Its words come translated from the page: the data-*
// attributes of its script element (templates/articles/includes/comments.html).
(function () {
  "use strict";
  var text = document.currentScript ? document.currentScript.dataset : {};
  var region = document.getElementById("comments");
  if (!region) return;

  var dialog = document.getElementById("report-dialog");
  var title = dialog && dialog.querySelector("#report-dialog-title");
  var question = title && title.textContent;
  if (dialog) {
    region.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-report]");
      var comment = link && link.closest(".comment");
      if (!comment) return;
      var quote = dialog.querySelector(".report-dialog__quote");
      if (!quote) {
        quote = document.createElement("blockquote");
        quote.className = "report-dialog__quote";
        title.insertAdjacentElement("afterend", quote);
      }
      var cite = document.createElement("cite");
      var author = comment.querySelector(".comment__author");
      cite.textContent = author ? author.textContent : "";
      var text = document.createElement("div");
      var body = comment.querySelector(".comment__text");
      text.textContent = body ? body.textContent.trim() : "";
      quote.replaceChildren(cite, text);
      quote.hidden = false;
      title.textContent = question;
      // The dialog opens at the bottom of the screen; the comment is scrolled to the top,
      // with room made below the page's end if need be, so it stays visible above it.
      document.documentElement.classList.add("is-reporting");
      comment.scrollIntoView({ block: "start" });
    });
    dialog.addEventListener("close", function () {
      document.documentElement.classList.remove("is-reporting");
    });
    var thanks = dialog.querySelector("[data-report-thanks]");
    if (thanks && title) {
      new MutationObserver(function () {
        var thanked = !thanks.hidden;
        title.textContent = thanked ? text.thanks : question;
        var quote = dialog.querySelector(".report-dialog__quote");
        if (quote) quote.hidden = thanked;
      }).observe(thanks, { attributes: true, attributeFilter: ["hidden"] });
    }
  }

  var count = document.getElementById("comment-count");
  var list = document.getElementById("comment-list");
  if (count && list) {
    new MutationObserver(function (mutations) {
      var added = 0;
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType !== 1) return;
          // Readers see the visible comments counted; one awaiting moderation is not yet.
          if (node.matches(".comment--visible")) added += 1;
          added += node.querySelectorAll(".comment--visible").length;
        });
      });
      if (!added) return;
      var number = (parseInt(count.dataset.count, 10) || 0) + added;
      var language = document.documentElement.lang || undefined;
      var message = new Intl.PluralRules(language).select(number) === "one" ? text.countOne : text.countOther;
      count.dataset.count = number;
      count.textContent = (message || "").replace("{number}", new Intl.NumberFormat(language).format(number));
    }).observe(list, { childList: true, subtree: true });
  }
})();
