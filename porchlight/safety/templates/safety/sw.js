// Service worker for /help/: network first, the last good copy when offline.
"use strict";
const CACHE = "porchlight-help-v2";
const LAST_PAGE = "/help/__last__";
const PRECACHE = ["/help/", "{{ stylesheet }}", "{{ icon }}", "{{ quick_exit }}"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => Promise.all(PRECACHE.map((path) => fetch(path).then((response) =>
        response.ok ? copy(response).then((fresh) => cache.put(path, fresh)) : undefined
      ))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

function copy(response) {
  // A fresh Response drops the "redirected" flag, which browsers refuse for navigations.
  return response.blob().then((body) => new Response(body, {
    status: response.status, statusText: response.statusText, headers: response.headers,
  }));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  const isHelpPage = request.mode === "navigate" && url.pathname.startsWith("/help/");
  const isAsset = PRECACHE.includes(url.pathname);
  if (!isHelpPage && !isAsset) {
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          copy(response.clone()).then((fresh) => caches.open(CACHE).then((cache) => {
            cache.put(request, fresh.clone());
            if (isHelpPage) {
              cache.put(new URL(response.url).pathname, fresh.clone());
              cache.put(LAST_PAGE, fresh);
            }
          }));
        }
        return response;
      })
      .catch(() => caches.open(CACHE).then((cache) =>
        cache.match(request, { ignoreSearch: true })
          .then((hit) => hit || (isHelpPage ? cache.match(LAST_PAGE) : undefined))
          .then((hit) => hit || cache.match("/help/"))
          .then((hit) => hit || new Response("You are offline. Call your local emergency number.", {
            status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" },
          }))
      ))
  );
});
