// Registers the service worker that makes the studio work offline, reports
// when its cache is complete, and offers "reload to update" for a new build.
import { getLogger } from "./log.js";
import { showNotice } from "./notice.js";

const log = getLogger("offline");
/** How often an open page asks the server for a new build, in ms. */
const UPDATE_CHECK_MS = 30 * 60 * 1000;

function askStatus(worker) {
  return new Promise((resolve) => {
    const listener = ({ data }) => {
      if (data?.type !== "sw-status") return;
      navigator.serviceWorker.removeEventListener("message", listener);
      resolve(data);
    };
    navigator.serviceWorker.addEventListener("message", listener);
    worker.postMessage({ type: "status" });
  });
}

function offerUpdate(worker) {
  showNotice("update", "A new version of shopbox is ready. Your work is saved.", [
    {
      label: "Reload to update",
      action: () => {
        navigator.serviceWorker.addEventListener("controllerchange", () => location.reload());
        worker.postMessage({ type: "skip-waiting" });
      },
    },
  ]);
}

/**
 * Registers sw.js. Sets data-offline="ready" on <html> once every file of
 * this build is cached, so the studio then starts without a network.
 */
export async function setupOffline() {
  const root = document.documentElement;
  if (!("serviceWorker" in navigator)) {
    root.dataset.offline = "unsupported";
    return;
  }
  try {
    const registration = await navigator.serviceWorker.register("sw.js", {
      updateViaCache: "none",
    });
    const hadController = Boolean(navigator.serviceWorker.controller);
    if (registration.waiting && hadController) offerUpdate(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) {
          offerUpdate(worker);
        }
      });
    });
    const ready = await navigator.serviceWorker.ready;
    const status = await askStatus(ready.active);
    root.dataset.offline = status.complete ? "ready" : "partial";
    root.dataset.build = status.build;
    setInterval(() => registration.update().catch(() => null), UPDATE_CHECK_MS);
  } catch (error) {
    root.dataset.offline = "failed";
    log.warn("the service worker could not be registered:", error);
  }
}
