// Mijn cursus: Snel weg (also three presses of Shift), focus on what an action changed,
// and saving a choice as it is made.
// Everything works without this script: each form posts and the page reloads.
(function () {
  "use strict";
  // As on the hub's pages: end the login at the hub (/hub/logout?snel-weg expires every
  // cookie of the hub and of this server), ask the course site to forget its cookies, wait
  // at most 600 ms, and replace this tab's history entry with a neutral website.
  var exit = document.querySelector(".coursekit-exit");
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.documentElement.style.visibility = "hidden";
    var gone = false;
    function go() {
      if (!gone) { gone = true; window.location.replace(exit.href); }
    }
    var forget = [exit.getAttribute("data-forget"), exit.getAttribute("data-forget-site")];
    try {
      Promise.all(forget.map(function (url, i) {
        return fetch(url, {
          method: i === 0 ? "GET" : "POST", credentials: "same-origin",
          cache: "no-store", redirect: "manual", keepalive: true
        }).catch(function () { return null; });
      })).then(go, go);
    } catch (error) { go(); }
    window.setTimeout(go, 600);
  }
  if (exit) { exit.addEventListener("click", leave); }
  var shifts = 0, reset = null;
  window.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") { shifts = 0; return; }
    if (event.repeat) { return; }
    shifts += 1;
    if (shifts === 1) { reset = window.setTimeout(function () { shifts = 0; }, 5000); }
    if (shifts === 3) { window.clearTimeout(reset); shifts = 0; leave(); }
  }, true);

  // After an action the page reloads with the place to read next in its address (after a
  // hand-in: #ingeleverd, the confirmation): focus goes there, so that a screen reader
  // reads it and Tab goes on from there.
  var place = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (place && place.getAttribute("tabindex") === "-1") { place.focus(); }

  var form = document.querySelector("form.mc-exercise");
  if (!form || !window.fetch) { return; }
  var status = document.getElementById("bewaard");
  var xsrf = form.querySelector("input[name=_xsrf]").value;
  function save(name, value) {
    var body = new URLSearchParams();
    body.append("_xsrf", xsrf);
    body.append(name, value);
    return fetch(form.getAttribute("data-bewaar"), {
      method: "POST", credentials: "same-origin", cache: "no-store", body: body,
      headers: { "Accept": "application/json", "X-XSRFToken": xsrf }
    }).then(function (response) {
      return response.json().then(function (data) {
        status.textContent = data.melding;
      });
    }).catch(function () {
      status.textContent = status.getAttribute("data-fout");
    });
  }
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type === "radio" && input.checked) { save(input.name, input.value); }
  });
  var text = document.getElementById("reflectie");
  var timer = null;
  if (text) {
    text.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { save("reflectie", text.value); }, 1500);
    });
    text.addEventListener("blur", function () {
      window.clearTimeout(timer);
      save("reflectie", text.value);
    });
  }
  // A button press posts the whole form; a save still under way must not race it.
  form.addEventListener("submit", function () { window.clearTimeout(timer); });
})();
