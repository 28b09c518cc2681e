// The projects kept in this browser: opening one, autosave, and creating,
// renaming, duplicating, deleting, exporting and importing whole projects.
import { confirmDialog } from "./dialog.js";
import { downloadBytes } from "./download.js";
import { getLogger } from "./log.js";
import { hideNotice, showNotice } from "./notice.js";
import { Persistence, openDatabase } from "./persist.js";
import { promptDialog } from "./prompt.js";
import { isQuotaError, QuotaMeter, requestPersistence } from "./quota.js";
import { emptyProject } from "./store.js";
import { setReadOnlyControls, TabLock } from "./tabs.js";

const log = getLogger("projects");
const CURRENT_KEY = "shopbox.project";

/** Largest native JSON file read, in bytes; checked before reading. */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;
/** Largest bundle read, in bytes; matches MAX_BUNDLE_BYTES in bundle.py. */
export const MAX_BUNDLE_BYTES = 1024 * 1024 * 1024;

const MEDIA_TYPES = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
};

function newProjectId() {
  return `p-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function mediaType(fileName) {
  const extension = fileName.split(".").pop().toLowerCase();
  return MEDIA_TYPES[extension] || "application/octet-stream";
}

function describeBytes(bytes) {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

export class Projects {
  /**
   * @param {object} options store, sources, python, notify(text, level), and
   *   onOpened(project), called after a project is shown.
   */
  constructor({ store, sources, python, notify, onOpened }) {
    this.store = store;
    this.sources = sources;
    this.python = python;
    this.notify = notify;
    this.onOpened = onOpened;
    this.persistence = null;
    this.taxonomy = null;
    this.tabs = new TabLock();
    this.meter = null;
    this.photoWrites = Promise.resolve();
    this.reloadTimer = null;
    // Registered before the panels and canvas listen, so that an edit's write
    // starts before they redraw.
    store.addEventListener("change", ({ detail }) => {
      if (this.persistence && !store.readOnly) {
        this.persistence.queueImage(store.projectId, detail.after);
      }
    });
    store.addEventListener("images", () => {
      if (this.persistence && !store.readOnly) {
        this.persistence.queueMeta(store.projectId, store.project);
      }
    });
  }

  /** Resolves once every queued edit and photo is written to IndexedDB. */
  async flush() {
    await this.photoWrites;
    await this.persistence?.flush();
  }

  /** Opens storage and the last project; works without storage, with a warning. */
  async start(taxonomy) {
    this.taxonomy = taxonomy;
    try {
      this.persistence = new Persistence(await openDatabase());
      this.#wire();
    } catch (error) {
      this.notify(
        `Browser storage is unavailable (${error.message}); work will not be kept after a reload.`,
        "error",
      );
    }
    requestPersistence().then(() => this.meter?.refresh());
    const projectId = localStorage.getItem(CURRENT_KEY) || "default";
    await this.open(projectId);
  }

  /** Shows the "x MB used, y left" read-out in the given elements. */
  showQuotaIn(...elements) {
    this.meter = new QuotaMeter(elements);
    this.meter.refresh();
  }

  #wire() {
    const { persistence } = this;
    persistence.addEventListener("status", ({ detail }) => this.#onStatus(detail));
    this.tabs.addEventListener("handover", ({ detail }) => detail.work.push(persistence.flush()));
    this.tabs.addEventListener("lost", () => {
      this.#setReadOnly(true, "Another tab took over this project, so this tab is now read-only.");
    });
    this.tabs.addEventListener("saved", () => this.#reloadReadOnly());
  }

  #onStatus({ state, error }) {
    const label = document.getElementById("save-status");
    if (state === "saving") label.textContent = "Saving…";
    else if (state === "saved") {
      label.textContent = "All changes saved";
      hideNotice("storage");
      this.tabs.announceSave();
      this.meter?.update();
    } else {
      label.textContent = "Not saved";
      this.#reportFailure(error);
    }
  }

  #reportFailure(error) {
    const ids = this.persistence.pending().images;
    const names = ids.map((id) => this.store.image(id)?.file_name).filter(Boolean);
    const what = names.length
      ? `the changes to ${names.length} image${names.length === 1 ? "" : "s"} (${names.slice(0, 3).join(", ")}${names.length > 3 ? ", …" : ""})`
      : "the project's name and image list";
    const cause = isQuotaError(error)
      ? "Browser storage is full"
      : `Saving failed (${error?.message || error})`;
    showNotice(
      "storage",
      `${cause}: ${what} could not be saved. Everything saved before is kept. ` +
        "Export the project now, then free space by deleting projects you no longer need.",
      [
        { label: "Export project now", action: () => this.exportBundle() },
        { label: "Retry", action: () => this.persistence.flush() },
      ],
      "error",
    );
  }

  // --- Opening and read-only state ----------------------------------------------

  /** Shows a stored project (an empty one if the id is new) in this tab. */
  async open(projectId) {
    await this.persistence?.flush();
    let project = (await this.persistence?.loadProject(projectId)) ?? null;
    const isNew = !project;
    project ??= emptyProject(this.taxonomy);
    this.store.load(projectId, project);
    await this.#attachPhotos(projectId);
    if (this.persistence) {
      if (isNew) await this.persistence.saveProject(projectId, project);
      localStorage.setItem(CURRENT_KEY, projectId);
    }
    const writer = await this.tabs.acquire(projectId);
    if (writer) this.#setReadOnly(false);
    else this.#setReadOnly(true, "This project is open in another tab, so this tab is read-only.");
    this.onOpened(project);
  }

  async #attachPhotos(projectId) {
    this.sources.trim(new Set());
    this.sources.files.clear();
    if (!this.persistence) return;
    const blobs = await this.persistence.loadBlobs(projectId);
    for (const [imageId, blob] of blobs) this.sources.attach(imageId, blob);
  }

  #setReadOnly(readOnly, reason = "") {
    this.store.readOnly = readOnly;
    if (this.persistence) this.persistence.writable = !readOnly;
    setReadOnlyControls(readOnly);
    if (!readOnly) {
      hideNotice("tabs");
      return;
    }
    showNotice("tabs", reason, [{ label: "Take over", action: () => this.takeOver() }]);
  }

  /** Makes this tab the writer of its project and reloads what the other tab saved. */
  async takeOver() {
    const writer = await this.tabs.takeOver();
    if (!writer) return;
    await this.#reload();
    this.#setReadOnly(false);
    this.notify("This tab now edits the project.");
  }

  #reloadReadOnly() {
    // The writing tab announces every save; reload at most every 250 ms.
    if (!this.store.readOnly || this.reloadTimer) return;
    this.reloadTimer = setTimeout(async () => {
      this.reloadTimer = null;
      if (this.store.readOnly) await this.#reload();
    }, 250);
  }

  async #reload() {
    const project = await this.persistence.loadProject(this.store.projectId);
    if (!project) return;
    const current = this.store.currentImageId;
    this.store.load(this.store.projectId, project);
    await this.#attachPhotos(this.store.projectId);
    if (current !== null && this.store.image(current)) this.store.showImage(current);
    this.onOpened(project);
  }

  // --- Photos --------------------------------------------------------------------

  /** Stores the bytes of newly opened photos so a reload needs no files. */
  storePhotos(imageIds) {
    const write = this.photoWrites.then(() => this.#storePhotos(imageIds));
    this.photoWrites = write;
    return write;
  }

  async #storePhotos(imageIds) {
    if (!this.persistence || this.store.readOnly) return;
    const projectId = this.store.projectId;
    for (const imageId of imageIds) {
      const file = this.sources.files.get(imageId);
      if (!file) continue;
      try {
        await this.persistence.saveBlob(projectId, imageId, file);
      } catch (error) {
        const name = this.store.image(imageId)?.file_name ?? `image ${imageId}`;
        const cause = isQuotaError(error) ? "browser storage is full" : error.message;
        showNotice(
          "photos",
          `The photo ${name} could not be stored in the browser (${cause}). ` +
            "Its boxes are saved; after a reload, open the photo again to see it.",
          [
            { label: "Export project now", action: () => this.exportBundle() },
            { label: "Dismiss", action: () => hideNotice("photos") },
          ],
          "error",
        );
        return;
      }
    }
    this.meter?.update();
  }

  async #photoBytes(project) {
    const stored = this.persistence
      ? await this.persistence.loadBlobs(this.store.projectId)
      : new Map();
    const parts = [];
    const blobs = [];
    for (const image of project.images) {
      const blob = this.sources.files.get(image.id) ?? stored.get(image.id);
      if (!blob) continue;
      parts.push({ id: image.id, size: blob.size });
      blobs.push(blob);
    }
    const data = new Uint8Array(await new Blob(blobs).arrayBuffer());
    return { parts, data };
  }

  // --- Export and import ----------------------------------------------------------

  /** Downloads the open project with its photos as one zip (native JSON without Python). */
  async exportBundle() {
    const project = this.store.snapshot();
    if (this.python.state !== "ready") {
      const bytes = new TextEncoder().encode(JSON.stringify(project, null, 2));
      downloadBytes(bytes, "project.shopbox.json", "application/json");
      this.notify("Python is not ready, so the project was saved as JSON without its photos.");
      return;
    }
    try {
      const { parts, data } = await this.#photoBytes(project);
      const reply = await this.python.request("export_bundle", { project, images: parts }, data);
      downloadBytes(reply.data, reply.result.file_name, reply.result.media_type);
      this.notify(`Exported ${reply.result.file_name} with ${parts.length} photos`);
    } catch (error) {
      this.notify(`The bundle export failed: ${error.message}`, "error");
    }
  }

  /**
   * Imports a bundle (.zip) as a new project, photos included. Any other file
   * (shopbox JSON, COCO, VOC, CSV) goes through the format detection of
   * import_file and becomes a new project without photos.
   */
  async importFile(file) {
    // A zip starts with "PK\x03\x04" whatever its name, and a bundle is a zip.
    const magic = new Uint8Array(await file.slice(0, 4).arrayBuffer());
    const isZip = magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 3 && magic[3] === 4;
    const limit = isZip ? MAX_BUNDLE_BYTES : MAX_JSON_BYTES;
    if (file.size > limit) {
      this.notify(
        `${file.name} is ${describeBytes(file.size)}, over the ${describeBytes(limit)} ` +
          `limit for a ${isZip ? "bundle" : "project file"}; it was not opened.`,
        "error",
      );
      return null;
    }
    if (this.python.state !== "ready") {
      this.notify("Import needs Python, which is still loading. Try again in a moment.", "error");
      return null;
    }
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { result, data } = isZip
        ? await this.python.request("import_bundle", {}, bytes)
        : await this.python.request("import_file", { file_name: file.name }, bytes);
      const blobs = new Map();
      let offset = 0;
      for (const { id, size } of result.images ?? []) {
        const image = result.project.images.find((candidate) => candidate.id === id);
        const type = mediaType(image.file_name);
        blobs.set(id, new Blob([data.subarray(offset, offset + size)], { type }));
        offset += size;
      }
      const projectId = newProjectId();
      await this.persistence.saveProject(projectId, result.project, blobs);
      await this.open(projectId);
      this.notify(`Imported ${file.name}: ${result.project.images.length} images`);
      return projectId;
    } catch (error) {
      const detail = error.problems?.length
        ? `: ${error.problems[0].path} ${error.problems[0].message}`
        : "";
      this.notify(`${file.name} could not be imported: ${error.message}${detail}`, "error");
      return null;
    }
  }

  // --- Managing projects ----------------------------------------------------------

  list() {
    return this.persistence ? this.persistence.listProjects() : Promise.resolve([]);
  }

  async create(name = "Untitled project") {
    const projectId = newProjectId();
    await this.persistence.saveProject(projectId, emptyProject(this.taxonomy, name));
    await this.open(projectId);
    return projectId;
  }

  async rename(projectId, name) {
    if (projectId === this.store.projectId) {
      if (this.store.readOnly) return;
      this.store.project.name = name;
      this.persistence.queueMeta(projectId, this.store.project);
      await this.persistence.flush();
      this.onOpened(this.store.project);
    } else {
      await this.persistence.renameProject(projectId, name);
    }
  }

  async duplicate(projectId) {
    await this.persistence.flush();
    const project = await this.persistence.loadProject(projectId);
    const blobs = await this.persistence.loadBlobs(projectId);
    const copyId = newProjectId();
    project.name = `${project.name} (copy)`.slice(0, 200);
    await this.persistence.saveProject(copyId, project, blobs);
    return copyId;
  }

  /** Deletes a project after an in-page confirmation; returns true if deleted. */
  async remove(projectId, name) {
    const openHere = projectId === this.store.projectId;
    if (!openHere && (await this.tabs.isHeld(projectId))) {
      this.notify(`${name} is open in another tab; close it there first.`, "error");
      return false;
    }
    const ok = await confirmDialog({
      title: `Delete ${name}?`,
      message:
        "Its boxes and stored photos are removed from this browser. This cannot be undone. " +
        "Export a bundle first if you may need it again.",
      confirm: "Delete project",
    });
    if (!ok) return false;
    await this.persistence.deleteProject(projectId);
    log.info(`deleted project ${projectId}`);
    if (openHere) {
      const [next] = await this.list();
      if (next) await this.open(next.id);
      else await this.create();
    }
    return true;
  }

  /** Asks for a name in an in-page dialog, then renames. */
  async promptRename(projectId, name) {
    const value = await promptDialog({
      title: "Rename project",
      value: name,
      confirmLabel: "Rename",
    });
    if (value) await this.rename(projectId, value);
  }
}
