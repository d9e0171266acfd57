// Move the "Leave a Reply" form under the comment being replied to, as WordPress's
// comment-reply.js does. Without JavaScript the Reply link loads ?replytocom=ID#respond,
// which the server renders the same way, so this script is only a shortcut.
(function () {
  "use strict";
  var respond = document.getElementById("respond");
  if (!respond) return;
  var form = respond.querySelector("form");
  var parentField = form && form.querySelector("input[name=parent]");
  var title = document.getElementById("reply-title");
  if (!parentField || !title) return;
  var home = document.createElement("div");
  home.id = "respond-home";
  respond.parentNode.insertBefore(home, respond);
  var originalTitle = title.innerHTML;

  function cancel(event) {
    if (event) event.preventDefault();
    home.parentNode.insertBefore(respond, home.nextSibling);
    parentField.value = "";
    title.innerHTML = originalTitle;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".comment-reply-link");
    if (!link) return;
    event.preventDefault();
    var comment = document.getElementById("comment-" + link.dataset.commentId);
    var body = comment && comment.querySelector(".comment-body");
    if (!body) return;
    body.parentNode.insertBefore(respond, body.nextSibling);
    parentField.value = link.dataset.commentId;
    var name = comment.querySelector(".comment-author").textContent.trim();
    title.textContent = "Reply to " + name + " ";
    var small = document.createElement("small");
    var cancelLink = document.createElement("a");
    cancelLink.href = "#respond";
    cancelLink.id = "cancel-comment-reply-link";
    cancelLink.textContent = "Cancel reply";
    cancelLink.addEventListener("click", cancel);
    small.appendChild(cancelLink);
    title.appendChild(small);
    var textarea = form.querySelector("textarea");
    if (textarea) textarea.focus();
  });
})();
