/* Characters typed against a field's limit (data-maxlength, set by core.forms.counted_limits).
   The count shows once four fifths of the limit are typed, and in red past it; the form refuses a
   longer text on saving and names the limit, so nothing is cut silently. */
(function () {
  "use strict";

  function counterFor(field) {
    var counter = document.createElement("div");
    counter.className = "form-text char-counter";
    counter.id = field.id ? field.id + "-counter" : "";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    return counter;
  }

  function update(field, counter) {
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    var length = field.value.length;
    var over = length > limit;
    counter.hidden = length < limit * 0.8;
    counter.textContent = (field.getAttribute("data-counter-text") || "{n} / {max}")
      .replace("{n}", length.toLocaleString())
      .replace("{max}", limit.toLocaleString());
    counter.classList.toggle("text-danger", over);
    counter.classList.toggle("fw-semibold", over);
  }

  function attach(field) {
    var counter = counterFor(field);
    update(field, counter);
    field.addEventListener("input", function () { update(field, counter); });
  }

  document.querySelectorAll("input[data-maxlength], textarea[data-maxlength]").forEach(attach);
})();
