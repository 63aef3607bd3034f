// The intake forms and their confirmation. Everything works without this script; with it,
// the error summary takes the focus on load so that it is read out first, its links move
// the focus to their field (with its label in view), and the confirmation can be printed.
(function () {
  "use strict";

  function labelOf(control) {
    var group = control.closest("fieldset");
    if (group && (control.type === "radio" || control.type === "checkbox") &&
        group.querySelector("legend")) {
      return group.querySelector("legend");
    }
    return document.querySelector("label[for='" + control.id + "']") || control;
  }

  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var control = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!control) {
        return;
      }
      event.preventDefault();
      labelOf(control).scrollIntoView();
      control.focus({preventScroll: true});
    });
  }

  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
}());
