// Keeps "Get help now" available without a connection after one visit.
// The page works without this file; it only registers the service worker.
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/help/sw.js", { scope: "/help/" });
  }
})();
