/* The editor's conveniences (issue #6): a live preview, autosave, a warning before leaving
   with unsaved changes, and tag suggestions after a comma. The editor works without this
   script: "Preview" and "Save" are ordinary form buttons (byline/dashboard/views/editor.py). */
(function () {
  "use strict";

  /* Media library: drop an image anywhere on the upload box to send it. */
  var dropZone = document.getElementById("drop-zone");
  var upload = document.getElementById("upload-form");
  if (dropZone && upload && window.DataTransfer) {
    ["dragenter", "dragover"].forEach(function (name) {
      dropZone.addEventListener(name, function (event) {
        event.preventDefault();
        dropZone.classList.add("is-dragging");
      });
    });
    dropZone.addEventListener("dragleave", function () { dropZone.classList.remove("is-dragging"); });
    dropZone.addEventListener("drop", function (event) {
      event.preventDefault();
      dropZone.classList.remove("is-dragging");
      var files = event.dataTransfer.files;
      if (!files.length) return;
      var chosen = new DataTransfer();
      chosen.items.add(files[0]);
      upload.elements.file.files = chosen.files;
      upload.requestSubmit ? upload.requestSubmit() : upload.submit();
    });
  }

  /* Editor: insert an image's Markdown where the cursor is. */
  Array.prototype.forEach.call(document.querySelectorAll("[data-insert-markdown]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var target = document.getElementById("id_body_markdown");
      var text = "\n" + button.getAttribute("data-insert-markdown") + "\n";
      var at = target.selectionStart || target.value.length;
      target.setRangeText(text, at, target.selectionEnd || at, "end");
      target.dispatchEvent(new Event("input", { bubbles: true }));
      target.focus();
    });
  });

  var form = document.getElementById("editor-form");
  if (!form || !window.fetch || !window.FormData) return;

  var AUTOSAVE_EVERY = 10000; // milliseconds
  var fields = form.elements;
  var body = fields.body_markdown;
  var preview = document.getElementById("preview-content");
  var status = document.getElementById("autosave-status");
  var csrf = fields.csrfmiddlewaretoken.value;

  function send(url, data) {
    return fetch(url, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "X-Requested-With": "fetch" }
    });
  }

  /* Live preview: the server renders, with the renderer and sanitizer of the public page. */
  var previewTimer = null;
  function refreshPreview() {
    var data = new FormData();
    data.append("body_markdown", body.value);
    data.append("body_format", form.dataset.bodyFormat || "markdown");
    send(form.dataset.previewUrl, data)
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { preview.innerHTML = html; })
      .catch(function () { /* the Preview button still works */ });
  }
  body.addEventListener("input", function () {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 300);
  });
  if (body.value.trim()) refreshPreview();

  /* What has changed since the last save, for autosave and the warning before leaving. */
  var CONTENT = ["title", "body_markdown", "excerpt"];
  function content() {
    return CONTENT.map(function (n) { return fields[n] ? fields[n].value : ""; }).join("\u0000");
  }
  var savedContent = content(), sentContent = savedContent;
  var otherChanges = false, submitting = false, saving = false, conflict = false;
  form.addEventListener("input", function (event) {
    if (CONTENT.indexOf(event.target.name) < 0) otherChanges = true;
  });
  form.addEventListener("change", function (event) {
    if (CONTENT.indexOf(event.target.name) < 0) otherChanges = true;
  });
  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (event) {
    if (!submitting && (otherChanges || content() !== savedContent)) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  function autosave() {
    var now = content();
    if (saving || conflict || now === sentContent || !fields.title.value.trim()) return;
    saving = true;
    var data = new FormData();
    CONTENT.forEach(function (n) { if (fields[n]) data.append(n, fields[n].value); });
    data.append("version", fields.version.value);
    send(form.dataset.autosaveUrl, data)
      .then(function (r) { return r.json().then(function (json) { return [r, json]; }); })
      .then(function (answer) {
        var r = answer[0], json = answer[1];
        if (json.saved) {
          sentContent = now;
          fields.version.value = json.version;
          if (json.edit_url) { // a new post is a draft now: keep editing it
            form.action = json.edit_url;
            form.dataset.autosaveUrl = json.autosave_url;
            history.replaceState(null, "", json.edit_url);
          }
          if (json.in_place) savedContent = now;
          status.textContent = (json.in_place ? "Draft saved at " : "Autosaved at ") + json.saved_at + ".";
        } else if (r.status === 409) {
          conflict = true;
          status.textContent = json.reason;
        }
      })
      .catch(function () { status.textContent = "Autosave failed; press Save to keep your work."; })
      .then(function () { saving = false; });
  }
  setInterval(autosave, AUTOSAVE_EVERY);

  /* Tags: suggest the blog's tags for the word after the last comma, too. */
  var tags = fields.tag_names, list = document.getElementById("tag-suggestions");
  if (tags && list) {
    tags.setAttribute("list", "tag-suggestions");
    tags.setAttribute("autocomplete", "off");
    var names = Array.prototype.map.call(list.options, function (o) { return o.value; });
    tags.addEventListener("input", function () {
      var cut = tags.value.lastIndexOf(",");
      var before = cut < 0 ? "" : tags.value.slice(0, cut + 1) + " ";
      list.innerHTML = "";
      names.forEach(function (name) {
        var option = document.createElement("option");
        option.value = before + name;
        list.appendChild(option);
      });
    });
  }
})();
