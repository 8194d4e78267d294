// Quick exit: leave for a neutral page and, where the browser allows, take this page out
// of the back button's reach (location.replace). The link works without this file.
(function () {
  "use strict";
  var lastEscape = 0;

  function leave(url) {
    try {
      window.location.replace(url);
    } catch (error) {
      window.location.href = url;
    }
  }

  function exitLink() {
    return document.querySelector("[data-quick-exit]");
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-quick-exit]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    leave(link.href);
  });

  // Escape twice within a second also leaves, from anywhere on the page.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var now = Date.now();
    var link = exitLink();
    if (link && now - lastEscape < 1000) {
      leave(link.href);
    }
    lastEscape = now;
  });
})();
