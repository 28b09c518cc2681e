// IndexedDB persistence. One record per image, so an edit writes only the
// image it touched; the project record contains the name, taxonomy and order.
// Photo bytes sit in their own store, one Blob per image, written once when
// the image is added.
import { getLogger } from "./log.js";
import { migrateMeta, SCHEMA_VERSION } from "./migrate.js";

const log = getLogger("persist");

export const DB_NAME = "shopbox";
/** IndexedDB version: 1 had projects and images, 2 adds the photo blobs. */
export const DB_VERSION = 2;

function upgrade(db, transaction, oldVersion) {
  if (oldVersion < 1) {
    db.createObjectStore("projects", { keyPath: "id" });
    const images = db.createObjectStore("images", { keyPath: ["project_id", "id"] });
    images.createIndex("by_project", "project_id");
  }
  if (oldVersion < 2) {
    const blobs = db.createObjectStore("blobs", { keyPath: ["project_id", "id"] });
    blobs.createIndex("by_project", "project_id");
  }
  // Rewrite every project record in the current schema inside the upgrade
  // transaction, so a half-migrated database is never committed.
  const projects = transaction.objectStore("projects");
  projects.openCursor().onsuccess = (event) => {
    const cursor = event.target.result;
    if (!cursor) return;
    if (cursor.value.schema !== SCHEMA_VERSION) cursor.update(migrateMeta(cursor.value));
    cursor.continue();
  };
}

export function openDatabase(name = DB_NAME) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, DB_VERSION);
    request.onupgradeneeded = (event) => {
      log.info(`upgrading ${name} from version ${event.oldVersion} to ${DB_VERSION}`);
      upgrade(request.result, request.transaction, event.oldVersion);
    };
    request.onsuccess = () => {
      const db = request.result;
      // A newer tab wants to upgrade: step aside instead of blocking it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error("the database is held open by an older tab"));
  });
}

export function done(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error || new Error("transaction aborted"));
  });
}

export function result(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export function projectMeta(projectId, project, created) {
  return {
    id: projectId,
    schema: SCHEMA_VERSION,
    format: project.format,
    version: project.version,
    name: project.name,
    taxonomy: project.taxonomy,
    image_ids: project.images.map((image) => image.id),
    created: created ?? Date.now(),
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
    /** Creation time of each project loaded, kept when its record is rewritten. */
    this.created = new Map();
    /** Set to false in a read-only tab: queued edits are then dropped. */
    this.writable = true;
    /** Test hook: the name of a DOMException that every write then throws. */
    this.failWrites = null;
  }

  async listProjects() {
    const tx = this.db.transaction("projects", "readonly");
    const all = await result(tx.objectStore("projects").getAll());
    return all.map(migrateMeta).map(({ id, name, updated, created, image_ids }) => ({
      id,
      name,
      created,
      updated,
      images: image_ids.length,
    }));
  }

  /** Reads a whole project back as native JSON, or null if it does not exist. */
  async loadProject(projectId) {
    const tx = this.db.transaction(["projects", "images"], "readonly");
    const stored = await result(tx.objectStore("projects").get(projectId));
    if (!stored) return null;
    const meta = migrateMeta(stored);
    this.created.set(projectId, meta.created);
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
  async saveProject(projectId, project, blobs = null) {
    this.#checkFault();
    const stores = blobs ? ["projects", "images", "blobs"] : ["projects", "images"];
    const tx = this.db.transaction(stores, "readwrite", { durability: "strict" });
    const images = tx.objectStore("images");
    const old = await result(images.index("by_project").getAllKeys(projectId));
    for (const key of old) images.delete(key);
    for (const image of project.images) images.put({ ...image, project_id: projectId });
    if (blobs) {
      const store = tx.objectStore("blobs");
      for (const [id, blob] of blobs) store.put({ project_id: projectId, id, blob });
    }
    tx.objectStore("projects").put(projectMeta(projectId, project, this.created.get(projectId)));
    await done(tx);
  }

  /** Stores the bytes of one photo; resolves once they are durable. */
  async saveBlob(projectId, imageId, blob) {
    this.#checkFault();
    const tx = this.db.transaction("blobs", "readwrite", { durability: "strict" });
    tx.objectStore("blobs").put({ project_id: projectId, id: imageId, blob });
    await done(tx);
  }

  /** Returns a Map of image id to stored photo Blob for one project. */
  async loadBlobs(projectId) {
    const tx = this.db.transaction("blobs", "readonly");
    const records = await result(tx.objectStore("blobs").index("by_project").getAll(projectId));
    return new Map(records.map(({ id, blob }) => [id, blob]));
  }

  /** Renames a stored project without touching its images. */
  async renameProject(projectId, name) {
    this.#checkFault();
    const tx = this.db.transaction("projects", "readwrite", { durability: "strict" });
    const store = tx.objectStore("projects");
    const meta = migrateMeta(await result(store.get(projectId)));
    store.put({ ...meta, name, updated: Date.now() });
    await done(tx);
  }

  /** Deletes a project, its image records and its photos in one transaction. */
  async deleteProject(projectId) {
    const tx = this.db.transaction(["projects", "images", "blobs"], "readwrite");
    tx.objectStore("projects").delete(projectId);
    for (const name of ["images", "blobs"]) {
      const store = tx.objectStore(name);
      const keys = await result(store.index("by_project").getAllKeys(projectId));
      for (const key of keys) store.delete(key);
    }
    await done(tx);
  }

  /** Queues one image for writing; writes go out together within a few ms. */
  queueImage(projectId, image) {
    if (!this.writable) return;
    this.dirtyImages.set(image.id, { ...image, project_id: projectId });
    this.#schedule();
  }

  queueMeta(projectId, project) {
    if (!this.writable) return;
    this.dirtyMeta = projectMeta(projectId, project, this.created.get(projectId));
    this.#schedule();
  }

  /** Image ids and project fields queued but not yet written. */
  pending() {
    return { images: [...this.dirtyImages.keys()], meta: this.dirtyMeta !== null };
  }

  #schedule() {
    this.#status("saving");
    // Start the transaction now, inside the edit's own event, before slower
    // listeners (panels, canvas) run. Edits made while a write is in flight
    // go out together in the next one.
    if (!this.flushing) this.flush();
  }

  #status(state, error = null) {
    this.dispatchEvent(new CustomEvent("status", { detail: { state, error } }));
  }

  #checkFault() {
    if (this.failWrites) throw new DOMException("simulated write failure", this.failWrites);
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
    let failed = false;
    try {
      await this.flushing;
      this.#status("saved");
    } catch (error) {
      failed = true;
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
    if (!failed) await this.flush();
  }

  async #write(images, meta) {
    this.#checkFault();
    const tx = this.db.transaction(["projects", "images"], "readwrite", {
      durability: "strict",
    });
    const store = tx.objectStore("images");
    for (const image of images) store.put(image);
    if (meta) tx.objectStore("projects").put(meta);
    // Commit at once instead of after the success events reach this thread,
    // which a busy page can delay by a frame or more.
    const finished = done(tx);
    tx.commit?.();
    await finished;
  }
}
