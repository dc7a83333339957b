// SPDX-License-Identifier: MIT
// sw.js — the page offline: on its first visit the service worker keeps
// every file the page can need (offline.txt lists them: the page, the
// module, the routines, the voice pack, the icons) in one cache; after
// that each request goes to the network first, so a new build is taken as
// soon as it is served, and to the cache when there is no network.
const CACHE = 'rollout';

self.addEventListener('install', (e) => {
    e.waitUntil((async () => {
        const list = await (await fetch('offline.txt', { cache: 'no-store' })).text();
        const cache = await caches.open(CACHE);
        await cache.addAll(['./', 'offline.txt', ...list.trim().split('\n')]);
        await self.skipWaiting();
    })());
});

self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (e) => {
    if (e.request.method !== 'GET')
        return;
    e.respondWith((async () => {
        const cache = await caches.open(CACHE);
        try {
            const r = await fetch(e.request);
            if (r.ok)
                await cache.put(e.request, r.clone());
            return r;
        } catch (err) {
            const kept = await cache.match(e.request, { ignoreSearch: true });
            if (kept)
                return kept;
            throw err;
        }
    })());
});
