// IndexedDB persistence. One record per image, so an edit writes only the
// image it touched; the project record holds the name, taxonomy and order.
import { getLogger } from "./log.js";

const log = getLogger("persist");

export const DB_NAME = "shopbox";
export const DB_VERSION = 1;

export function openDatabase(name = DB_NAME) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains("projects")) {
        db.createObjectStore("projects", { keyPath: "id" });
      }
      if (!db.objectStoreNames.contains("images")) {
        const images = db.createObjectStore("images", { keyPath: ["project_id", "id"] });
        images.createIndex("by_project", "project_id");
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error("the database is held open by an older tab"));
  });
}

function done(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error || new Error("transaction aborted"));
  });
}

function result(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function projectMeta(projectId, project) {
  return {
    id: projectId,
    format: project.format,
    version: project.version,
    name: project.name,
    taxonomy: project.taxonomy,
    image_ids: project.images.map((image) => image.id),
    updated: Date.now(),
  };
}

export class Persistence extends EventTarget {
  constructor(db) {
    super();
    this.db = db;
    this.dirtyImages = new Map();
    this.dirtyMeta = null;
    this.flushing = null;
    this.timer = null;
  }

  async listProjects() {
    const tx = this.db.transaction("projects", "readonly");
    const all = await result(tx.objectStore("projects").getAll());
    return all.map(({ id, name, updated, image_ids }) => ({
      id,
      name,
      updated,
      images: image_ids.length,
    }));
  }

  /** Reads a whole project back as native JSON, or null if it does not exist. */
  async loadProject(projectId) {
    const tx = this.db.transaction(["projects", "images"], "readonly");
    const meta = await result(tx.objectStore("projects").get(projectId));
    if (!meta) return null;
    const records = await result(tx.objectStore("images").index("by_project").getAll(projectId));
    const byId = new Map(records.map(({ project_id, ...image }) => [image.id, image]));
    const images = meta.image_ids.map((id) => byId.get(id)).filter(Boolean);
    return {
      format: meta.format,
      version: meta.version,
      name: meta.name,
      taxonomy: meta.taxonomy,
      images,
    };
  }

  /** Writes a whole project at once, replacing what was stored under its id. */
  async saveProject(projectId, project) {
    const tx = this.db.transaction(["projects", "images"], "readwrite");
    const images = tx.objectStore("images");
    const old = await result(images.index("by_project").getAllKeys(projectId));
    for (const key of old) images.delete(key);
    for (const image of project.images) images.put({ ...image, project_id: projectId });
    tx.objectStore("projects").put(projectMeta(projectId, project));
    await done(tx);
  }

  /** Queues one image for writing; writes go out together within a few ms. */
  queueImage(projectId, image) {
    this.dirtyImages.set(image.id, { ...image, project_id: projectId });
    this.#schedule();
  }

  queueMeta(projectId, project) {
    this.dirtyMeta = projectMeta(projectId, project);
    this.#schedule();
  }

  #schedule() {
    if (this.timer !== null) return;
    this.#status("saving");
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, 0);
  }

  #status(state, error = null) {
    this.dispatchEvent(new CustomEvent("status", { detail: { state, error } }));
  }

  /** Writes everything queued; resolves when it is durable in IndexedDB. */
  async flush() {
    while (this.flushing) await this.flushing;
    if (this.dirtyImages.size === 0 && !this.dirtyMeta) return;
    const images = [...this.dirtyImages.values()];
    const meta = this.dirtyMeta;
    this.dirtyImages.clear();
    this.dirtyMeta = null;
    this.flushing = this.#write(images, meta);
    try {
      await this.flushing;
      this.#status("saved");
    } catch (error) {
      log.error("saving failed:", error);
      // Put the records back so that the next edit retries them.
      for (const image of images) {
        if (!this.dirtyImages.has(image.id)) this.dirtyImages.set(image.id, image);
      }
      this.dirtyMeta ??= meta;
      this.#status("failed", error);
    } finally {
      this.flushing = null;
    }
  }

  async #write(images, meta) {
    const tx = this.db.transaction(["projects", "images"], "readwrite", {
      durability: "strict",
    });
    const store = tx.objectStore("images");
    for (const image of images) store.put(image);
    if (meta) tx.objectStore("projects").put(meta);
    await done(tx);
  }
}
