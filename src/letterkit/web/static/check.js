// The letter check as one types: after a pause, the form goes to /api/check and the
// check's HTML (rendered and escaped by the server) replaces the panel. Without this
// script the "Check the letter" button does the same with a page load.
(function () {
  "use strict";
  var form = document.getElementById("letter");
  var panel = document.getElementById("check-body");
  if (!form || !panel || !window.fetch) return;
  var DELAY_MS = 600; // a pause in typing
  var timer = null;
  var sent = 0;
  function run() {
    var number = ++sent;
    var body = new URLSearchParams(new FormData(form));
    var csrf = form.querySelector("input[name=csrf]").value;
    fetch("/api/check", {
      method: "POST",
      body: body,
      headers: { "X-CSRF-Token": csrf },
      credentials: "same-origin"
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (data && number === sent) {
        panel.innerHTML = data.html;
        panel.setAttribute("data-checked", String(number));
      }
    }).catch(function () { /* the button still checks */ });
  }
  function later() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, DELAY_MS);
  }
  ["text", "sender", "country", "writer_ru"].forEach(function (id) {
    var field = document.getElementById(id);
    if (field) field.addEventListener("input", later);
  });
})();
