// One writer per project across tabs. The writer holds a Web Lock named after
// the project; another tab that opens the project reads it without writing
// until the user takes over, and the lock then moves.
import { getLogger } from "./log.js";

const log = getLogger("tabs");
const CHANNEL = "shopbox.tabs";
/** How long a takeover waits for the holder to save and let go, in ms. */
const HANDOVER_MS = 2000;

function lockName(projectId) {
  return `shopbox.project.${projectId}`;
}

/**
 * Events: "lost" when another tab takes the project, "handover" (await
 * detail.flush work) just before this tab lets go, "saved" when the writing
 * tab has saved an edit of the project this tab shows.
 */
export class TabLock extends EventTarget {
  constructor() {
    super();
    this.projectId = null;
    this.writer = false;
    this.release = null;
    this.channel = "BroadcastChannel" in self ? new BroadcastChannel(CHANNEL) : null;
    this.channel?.addEventListener("message", ({ data }) => this.#receive(data));
  }

  get supported() {
    return Boolean(navigator.locks);
  }

  /** Tries to become the writer of a project; resolves to true on success. */
  acquire(projectId) {
    this.#let();
    this.projectId = projectId;
    if (!this.supported) {
      this.writer = true;
      return Promise.resolve(true);
    }
    return this.#request(projectId, { ifAvailable: true });
  }

  /** Takes the project from the tab that writes it, waiting for it to save first. */
  async takeOver() {
    const projectId = this.projectId;
    this.channel?.postMessage({ type: "takeover", projectId });
    const signal = AbortSignal.timeout(HANDOVER_MS);
    try {
      return await this.#request(projectId, { signal });
    } catch (error) {
      if (error.name !== "TimeoutError" && error.name !== "AbortError") throw error;
      log.warn("the other tab did not let go in time; taking the project anyway");
      return this.#request(projectId, { steal: true });
    }
  }

  /** Tells read-only tabs that the project changed on disk. */
  announceSave() {
    if (this.writer) this.channel?.postMessage({ type: "saved", projectId: this.projectId });
  }

  /** Returns true if some tab (this one included) holds the project's lock. */
  async isHeld(projectId) {
    if (!this.supported) return false;
    const { held } = await navigator.locks.query();
    return held.some((lock) => lock.name === lockName(projectId));
  }

  #request(projectId, options) {
    return new Promise((resolve, reject) => {
      navigator.locks
        .request(lockName(projectId), options, (lock) => {
          if (!lock) {
            this.writer = false;
            resolve(false);
            return undefined;
          }
          this.writer = true;
          resolve(true);
          return new Promise((release) => {
            this.release = release;
          });
        })
        .catch((error) => {
          if (this.writer && projectId === this.projectId) {
            // Another tab stole the lock.
            this.writer = false;
            this.release = null;
            this.dispatchEvent(new CustomEvent("lost"));
          } else {
            reject(error);
          }
        });
    });
  }

  #let() {
    this.release?.();
    this.release = null;
    this.writer = false;
  }

  async #receive(message) {
    if (message.projectId !== this.projectId) return;
    if (message.type === "takeover" && this.writer) {
      const work = [];
      this.dispatchEvent(new CustomEvent("handover", { detail: { work } }));
      await Promise.allSettled(work);
      this.#let();
      this.dispatchEvent(new CustomEvent("lost"));
    } else if (message.type === "saved" && !this.writer) {
      this.dispatchEvent(new CustomEvent("saved"));
    }
  }
}

const WRITE_CONTROLS = [
  "#open-images",
  "#open-samples",
  "#import-button",
  "#welcome-open",
  "#welcome-samples",
  "#project-name",
  "#box-form input",
  "#box-form textarea",
  "#box-form button",
  "[data-writes]",
];

/** Disables every control that would change the project, or enables them again. */
export function setReadOnlyControls(readOnly) {
  document.documentElement.toggleAttribute("data-readonly", readOnly);
  for (const element of document.querySelectorAll(WRITE_CONTROLS.join(","))) {
    element.disabled = readOnly;
  }
}
