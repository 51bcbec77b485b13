// The courier's service worker (scope /courier): keeps the app's page and assets so the
// phone opens it with no signal. It never touches /api/ calls: the page keeps the day's
// route and its queued actions in IndexedDB and syncs them itself (POST /sync), taking
// device times in the page (this worker does not share the page's clock).
// Rendered by api/pages/courier.py; VERSION changes with the page or any kept asset.
const VERSION = {{ version|tojson }};
const PREFIX = "bcci-courier-";
const CACHE = PREFIX + VERSION;
const PAGE = {{ page|tojson }};
const PRECACHE = {{ precache|tojson }};

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // "reload": from the server, not from the browser's HTTP cache.
    await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

async function fromCache(request, fallback) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(fallback ?? request, { ignoreSearch: Boolean(fallback) });
  if (hit) return hit;
  return fetch(request);
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    // The page is the same for every courier (a shell): the kept copy opens at once.
    if (url.pathname === PAGE) event.respondWith(fromCache(request, PAGE));
    return;
  }
  if (PRECACHE.includes(url.pathname)) event.respondWith(fromCache(request));
});
