// Say "Connecting to <provider>…" on the clicked sign-in icon while the browser moves on.
// Without JavaScript the next page says it (accounts/connecting.html), so this is only
// the same words a moment sooner.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".login-icon[data-connecting]");
    if (!button) return;
    // After the click, not during it: the form must still send this button's name and value.
    window.setTimeout(function () {
      var label = button.querySelector(".login-icon-label") || button;
      label.textContent = button.dataset.connecting;
      button.setAttribute("aria-busy", "true");
      button.classList.add("connecting");
    }, 0);
  });
})();
