// Storage quota: ask the browser to keep our data, and report use and space left.
import { getLogger } from "./log.js";

const log = getLogger("quota");

/** Asks for persistent storage so the browser does not evict the projects. */
export async function requestPersistence() {
  if (!navigator.storage?.persist) return false;
  try {
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch (error) {
    log.warn("navigator.storage.persist failed:", error);
    return false;
  }
}

export function formatBytes(bytes) {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function isQuotaError(error) {
  return error?.name === "QuotaExceededError";
}

/** Returns { usage, quota, persisted } or null where the API is missing. */
export async function storageEstimate() {
  if (!navigator.storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  const persisted = navigator.storage.persisted ? await navigator.storage.persisted() : false;
  return { usage, quota, persisted };
}

/** Writes "12 MB used, 2 GB left" into elements; call update() after each save. */
export class QuotaMeter {
  constructor(elements) {
    this.elements = elements;
    this.timer = null;
  }

  /** Refreshes the reading at most once a second. */
  update() {
    if (this.timer !== null) return;
    this.timer = setTimeout(async () => {
      this.timer = null;
      await this.refresh();
    }, 1000);
  }

  async refresh() {
    const estimate = await storageEstimate();
    for (const element of this.elements) {
      if (!estimate) {
        element.textContent = "Storage use unknown";
        continue;
      }
      const left = Math.max(0, estimate.quota - estimate.usage);
      element.textContent = `${formatBytes(estimate.usage)} used, ${formatBytes(left)} left`;
      element.title = estimate.persisted
        ? "The browser keeps this data until you delete it."
        : "The browser may clear this data when the disk runs low. Export a bundle to back it up.";
      element.dataset.usage = String(estimate.usage);
      element.dataset.quota = String(estimate.quota);
    }
  }
}
