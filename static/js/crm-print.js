// "Print brief" buttons open the browser's print dialog; the print styles in crm.css do the rest.
(function () {
  "use strict";
  document.querySelectorAll("[data-crm-print]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      window.print();
    });
  });
})();
