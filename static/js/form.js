// Extras for the survey forms. Everything works without this file: it only adds Listen buttons
// (the browser's own speech, no outside service) and keeps answers on the phone when the signal
// drops, sending them once it is back. The server stores each form once (its form token), so
// sending again never makes a second response.
(function () {
  "use strict";

  // -- Listen ---------------------------------------------------------------------------------
  if ("speechSynthesis" in window && "SpeechSynthesisUtterance" in window) {
    var lang = document.documentElement.lang || "en-GB";
    document.querySelectorAll("button[data-listen]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var words = new SpeechSynthesisUtterance(button.getAttribute("data-listen"));
        words.lang = lang === "en" ? "en-GB" : lang;
        window.speechSynthesis.cancel();
        window.speechSynthesis.speak(words);
      });
    });
  }

  // -- Follow-up questions show once their box is ticked (all show without this script) -----
  document.querySelectorAll("[data-show-if]").forEach(function (block) {
    var rule = block.getAttribute("data-show-if").split("=");
    var boxes = document.querySelectorAll('input[name="' + rule[0] + '"]');
    function update() {
      var shown = false;
      boxes.forEach(function (box) { if (box.checked && box.value === rule[1]) { shown = true; } });
      block.hidden = !shown;
    }
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    update();
  });

  // -- The error summary takes focus at once (autofocus alone may land after the first key) --
  var summary = document.querySelector(".error-summary");
  if (summary && document.activeElement === document.body) {
    summary.focus();
  }

  // -- Answers kept on the phone --------------------------------------------------------------
  var store = null;
  try {
    store = window.localStorage;
    store.setItem("feedback-check", "1");
    store.removeItem("feedback-check");
  } catch (e) {
    store = null; // private mode or storage switched off: the form still works
  }

  // The thank-you page clears what was kept for its form.
  var sent = document.querySelector("[data-draft-sent]");
  if (sent && store) {
    store.removeItem("feedback-draft:" + sent.getAttribute("data-draft-sent"));
  }

  var form = document.querySelector("form[data-draft]");
  if (!form || !store) {
    return;
  }
  var key = "feedback-draft:" + form.getAttribute("data-draft");
  var status = document.getElementById("offline-status");
  var skip = { csrf_token: true, website: true };

  function save() {
    var values = {};
    new FormData(form).forEach(function (value, name) {
      if (skip[name]) {
        return;
      }
      (values[name] = values[name] || []).push(String(value));
    });
    store.setItem(key, JSON.stringify({ saved: Date.now(), values: values }));
  }

  function restore() {
    var kept;
    try {
      kept = JSON.parse(store.getItem(key) || "null");
    } catch (e) {
      kept = null;
    }
    // Answers older than a week are not brought back on a shared phone.
    if (!kept || Date.now() - kept.saved > 7 * 24 * 3600 * 1000) {
      store.removeItem(key);
      return;
    }
    Object.keys(kept.values).forEach(function (name) {
      var values = kept.values[name];
      form.querySelectorAll("[name='" + name.replace(/'/g, "") + "']").forEach(function (field) {
        if (field.type === "radio" || field.type === "checkbox") {
          field.checked = values.indexOf(field.value) !== -1;
        } else if (field.type !== "hidden" || name === "form_token") {
          field.value = values[0];
        }
      });
    });
    say(form.getAttribute("data-restored"));
  }

  function say(message) {
    if (status && message) {
      status.textContent = message;
      status.hidden = false;
    }
  }

  function send() {
    if (!navigator.onLine) {
      return;
    }
    var body = new FormData(form);
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        if (response.redirected && /\/thanks/.test(response.url)) {
          store.removeItem(key);
          window.location.assign(response.url);
        } else {
          // Something to fix on the form (or a busy server): show the page as usual.
          form.submit();
        }
      })
      .catch(function () {
        say(form.getAttribute("data-offline"));
      });
  }

  // Only a form the person is filling now is restored, not one shown with errors after sending.
  if (!form.querySelector(".question--error")) {
    restore();
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", function (event) {
    save();
    if (!navigator.onLine) {
      event.preventDefault();
      say(form.getAttribute("data-offline"));
      window.addEventListener("online", send, { once: true });
    }
  });
})();
