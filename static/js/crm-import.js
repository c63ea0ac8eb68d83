// The import page: send the file with a progress bar, then show the rows read as the server reads them.
// Without this script the form posts as usual and the preview follows when the file is read.
(function () {
  "use strict";
  document.querySelectorAll("form[data-busy]").forEach(function (commitForm) {
    commitForm.addEventListener("submit", function () {
      var commitButton = commitForm.querySelector("button[type=submit]");
      commitButton.disabled = true;
      commitButton.textContent = commitForm.dataset.busy;
    });
  });

  var form = document.getElementById("import-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) {
    return;
  }
  var box = document.getElementById("import-progress");
  var bar = box.querySelector(".progress-bar");
  var label = document.getElementById("import-progress-label");
  var errors = document.getElementById("import-progress-errors");
  var button = form.querySelector("button[type=submit]");

  function show(fraction, text) {
    var percent = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
    bar.style.width = percent + "%";
    bar.parentNode.setAttribute("aria-valuenow", String(percent));
    label.textContent = text;
  }

  function fail(messages) {
    box.classList.add("d-none");
    button.disabled = false;
    errors.textContent = "";
    messages.forEach(function (message) {
      var line = document.createElement("div");
      line.textContent = message;
      errors.appendChild(line);
    });
    errors.classList.remove("d-none");
    errors.focus();
  }

  form.addEventListener("submit", function (event) {
    if (!form.querySelector("input[type=file]").files.length) {
      return; // The server says what is missing.
    }
    event.preventDefault();
    var request = new XMLHttpRequest();
    var seen = 0;
    var done = false;
    request.open("POST", form.action || window.location.href);
    request.setRequestHeader("X-Import-Progress", "1");
    request.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        show(e.loaded / e.total / 2, box.dataset.sending.replace("{percent}", Math.round((e.loaded / e.total) * 100)));
      }
    };
    request.onprogress = request.onload = function () {
      if (request.status !== 200 || (request.getResponseHeader("Content-Type") || "").indexOf("ndjson") < 0) {
        if (request.readyState === 4 && !done) {
          // Not a progress answer (a refused form, say): post the form plainly, for the page with its errors.
          done = true;
          form.submit();
        }
        return;
      }
      var text = request.responseText;
      var end = text.lastIndexOf("\n");
      if (end < seen) {
        return;
      }
      text.slice(seen, end).split("\n").forEach(function (line) {
        if (!line.trim() || done) {
          return;
        }
        var data = JSON.parse(line);
        if (data.redirect) {
          done = true;
          show(1, box.dataset.opening);
          window.location.assign(data.redirect);
        } else if (data.errors) {
          done = true;
          fail(data.errors);
        } else if (data.total) {
          show(0.5 + data.read / data.total / 2, box.dataset.reading.replace("{read}", data.read.toLocaleString()).replace("{total}", data.total.toLocaleString()));
        } else {
          show(0.5, box.dataset.opening);
        }
      });
      seen = end + 1;
    };
    request.onerror = function () {
      fail([box.dataset.failed]);
    };
    errors.classList.add("d-none");
    box.classList.remove("d-none");
    button.disabled = true;
    show(0, box.dataset.sending.replace("{percent}", "0"));
    request.send(new FormData(form));
  });

})();
