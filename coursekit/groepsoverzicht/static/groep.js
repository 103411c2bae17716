/* Groepsoverzicht: the only script of the trainers' pages (no inline script: CSP).
   Oefeningen, "Nakijken van ...": while grading runs, ask the small JSON endpoint every
   two seconds how far it is, and show it in the status line and the progress bar; when
   grading has ended, load the page once more to show the results. Without script the
   page's "Vernieuw" link shows the same state. */
(function () {
  "use strict";
  var job = document.querySelector("[data-voortgang]");
  if (!job || !window.fetch) { return; }
  var url = job.getAttribute("data-voortgang");
  var text = job.querySelector("[data-voortgang-tekst]");
  var bar = job.querySelector("[data-voortgang-balk]");
  var shown = text ? text.textContent : "";

  function update(state) {
    if (!state) { return; }
    var line = state.text + (state.failed_text ? "; " + state.failed_text : "");
    if (text && line !== shown) { text.textContent = line; shown = line; }
    if (bar) {
      bar.max = Math.max(1, state.total);
      bar.value = state.done;
      bar.textContent = state.text;
    }
    if (!state.running) {
      window.location.reload();
      return;
    }
    window.setTimeout(poll, 2000);
  }

  function poll() {
    window.fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(update)
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  if (job.getAttribute("data-loopt") === "ja") { window.setTimeout(poll, 1000); }
}());
