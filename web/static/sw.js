// backcare's service worker: static files (content-hashed, never change)
// come from the cache first; pages and the timeline come from the network
// first and fall back to the last copy, so the app opens and plays offline.
// The server fills in VERSION, FILES and PAGES.
const VERSION = /*VERSION*/"";
const FILES = /*FILES*/[];
const PAGES = /*PAGES*/[];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(VERSION);
    await cache.addAll(FILES);
    // Pages are a bonus: one that fails must not stop the install.
    await Promise.all(PAGES.map((p) => cache.add(p).catch(() => {})));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== VERSION) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/static/')) {
    event.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
    return;
  }
  // Downloads are made fresh each time and never kept; the health check
  // and the saved sessions must come from the server or not at all.
  if (url.pathname === '/sw.js' || url.pathname === '/healthz' || url.pathname.startsWith('/export/') ||
      url.pathname.startsWith('/api/sessions') || url.pathname.endsWith('.pdf') || url.pathname.endsWith('.ics')) return;
  event.respondWith((async () => {
    try {
      const res = await fetch(req);
      // Never keep what the server marks no-store (sign-in links, the
      // account) or a page a redirect gave instead (the sign-in page).
      if (res.ok && !res.redirected && !/no-store/.test(res.headers.get('Cache-Control') || '')) {
        const cache = await caches.open(VERSION);
        await cache.put(req, res.clone());
      }
      return res;
    } catch (err) {
      const hit = await caches.match(req, { ignoreSearch: url.pathname.startsWith('/play/') });
      if (hit) return hit;
      if (req.mode === 'navigate') {
        const home = await caches.match('/');
        if (home) return home;
      }
      throw err;
    }
  })());
});
