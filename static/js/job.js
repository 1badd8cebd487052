// The job page's progress bar, kept up to date while the job runs. Without this file the page
// reloads itself instead (a <noscript> refresh), so it works the same with JavaScript off.
(function () {
  "use strict";
  var box = document.querySelector("[data-job-active]");
  if (!box || !window.fetch) {
    return;
  }
  var bar = document.getElementById("job-progress");
  function field(name) {
    return box.querySelector('[data-job-field="' + name + '"]');
  }
  function show(job) {
    field("state_words").textContent = job.state_words;
    if (job.percent !== null) {
      bar.value = job.percent;
      bar.textContent = job.percent + "%";
    }
    if (job.total) {
      field("counts").textContent =
        job.done.toLocaleString("en-GB") + " of " + job.total.toLocaleString("en-GB") + " " +
        job.unit + " (" + job.percent + "%)";
    }
  }
  function poll() {
    fetch(box.getAttribute("data-job-status"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        show(job);
        if (job.active) {
          window.setTimeout(poll, 1500);
        } else {
          window.location.reload(); // the finished page shows the result and any retry button
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
