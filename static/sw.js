// Service worker: keeps every file of one build in a cache named after the
// build, so the studio starts and works without a network after one visit.
//
// tools/build_site.py moves this file to the site root and writes the build
// id below. A new build changes this file, so the browser installs the new
// worker beside the old one. It waits until the page asks it to take over
// ("reload to update"), and a page loaded from an older build keeps reading
// that build's cache until it reloads.

const BUILD = "__SHOPBOX_BUILD__";
const PREFIX = "shopbox-build-";
const CACHE = PREFIX + BUILD;
/** Cache entry mapping the ids of pages loaded from older builds to their build. */
const CLIENTS_CACHE = "shopbox-clients";
const CLIENTS_KEY = "clients.json";

let clientBuilds = null;

async function readClientBuilds() {
  if (clientBuilds) return clientBuilds;
  const cache = await caches.open(CLIENTS_CACHE);
  const response = await cache.match(CLIENTS_KEY);
  clientBuilds = new Map(response ? Object.entries(await response.json()) : []);
  return clientBuilds;
}

async function writeClientBuilds(map) {
  clientBuilds = map;
  const cache = await caches.open(CLIENTS_CACHE);
  await cache.put(CLIENTS_KEY, new Response(JSON.stringify(Object.fromEntries(map))));
}

async function precache() {
  const response = await fetch("build.json", { cache: "no-store" });
  const manifest = await response.json();
  if (manifest.build !== BUILD) {
    // The site changed between fetching this worker and its file list; the
    // next update check installs the matching worker.
    throw new Error(`build.json is build ${manifest.build}, this worker is ${BUILD}`);
  }
  const files = manifest.files.filter((name) => name !== "sw.js");
  const cache = await caches.open(CACHE);
  await cache.addAll(["./", ...files].map((url) => new Request(url, { cache: "reload" })));
  await cache.put("build.json", new Response(JSON.stringify(manifest)));
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Pages still open were loaded from the newest older build; keep that
      // build's cache for them and drop every other one.
      const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE);
      const previous = names.at(-1);
      const pages = await self.clients.matchAll({ includeUncontrolled: true });
      const map = new Map();
      if (previous && pages.length) {
        for (const page of pages) map.set(page.id, previous.slice(PREFIX.length));
      }
      for (const name of names) {
        if (name !== previous || !pages.length) await caches.delete(name);
      }
      await writeClientBuilds(map);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const { type } = event.data || {};
  if (type === "skip-waiting") self.skipWaiting();
  else if (type === "status") event.waitUntil(reportStatus(event.source));
});

async function reportStatus(client) {
  const cache = await caches.open(CACHE);
  const manifest = await cache.match("build.json");
  const files = manifest ? (await manifest.json()).files : [];
  const keys = await cache.keys();
  const complete = Boolean(manifest) && keys.length >= files.length;
  client.postMessage({ type: "sw-status", build: BUILD, complete });
}

async function cacheFor(clientId) {
  const map = await readClientBuilds();
  const build = map.get(clientId);
  if (build && (await caches.has(PREFIX + build))) return caches.open(PREFIX + build);
  return caches.open(CACHE);
}

async function respond(event) {
  const request = event.request;
  const url = new URL(request.url);
  if (url.pathname.endsWith("/build.json")) {
    // The page asks for the newest build.json to learn about updates.
    try {
      return await fetch(request);
    } catch {
      return (await caches.open(CACHE)).match("build.json");
    }
  }
  const clientId = event.clientId || event.resultingClientId;
  const cache = await cacheFor(clientId);
  const root = new URL("./", self.location);
  const isStart = url.pathname === root.pathname || url.pathname === `${root.pathname}index.html`;
  const key = request.mode === "navigate" && isStart ? root.href : request;
  const cached = await cache.match(key, { ignoreSearch: true });
  if (cached) return cached;
  return fetch(request);
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(respond(event));
});
