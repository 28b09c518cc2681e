// Export and import menus. Every format is written and read by Python in the
// worker; this module only moves bytes, cuts crops and shows the dialogs.
import { choiceDialog, confirmDialog } from "./dialog.js";
import { downloadBytes } from "./download.js";
import { getLogger } from "./log.js";
import { plural } from "./text.js";

const log = getLogger("transfer");

/** Largest file accepted for import; a larger one is rejected before it is read. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
const CROP_QUALITY = 0.92;

export class Transfer {
  /**
   * @param {object} deps python, store, sources (ImageSources), qa (QaPanel),
   *   notify(text, level), replaceProject(project) to open a merged project,
   *   openBundle(file) to open a whole project bundle as a project of its own.
   */
  constructor({ python, store, sources, qa, notify, replaceProject, openBundle }) {
    Object.assign(this, { python, store, sources, qa, notify, replaceProject, openBundle });
  }

  #pythonReady(action) {
    if (this.python.state === "ready") return true;
    this.notify(
      this.python.state === "failed"
        ? `${action} needs Python, which failed to start. Reload the page to try again.`
        : `Python is still loading; ${action.toLowerCase()} is available in a moment.`,
      "error",
    );
    return false;
  }

  async exportProject(format) {
    if (!this.#pythonReady("Export")) return;
    await this.qa.settle();
    const errors = this.qa.counts().project.error;
    if (errors > 0) {
      const proceed = await confirmDialog({
        title: "Export with open errors?",
        message: `${plural(errors, "error")} ${errors === 1 ? "remains" : "remain"} in the labeling checks. See the Checks panel, or export anyway.`,
        confirm: "Export anyway",
      });
      if (!proceed) return;
    }
    try {
      const project = this.store.snapshot();
      const { result, data } =
        format === "crops"
          ? await this.#exportCrops(project)
          : await this.python.request("export", { project, format });
      downloadBytes(data, result.file_name, result.media_type);
      const warned = result.warnings.length
        ? ` (${plural(result.warnings.length, "warning")}: ${result.warnings[0].message})`
        : "";
      this.notify(`Exported ${result.file_name}${warned}`, warned ? "error" : "info");
    } catch (error) {
      this.notify(`Export failed: ${describe(error)}`, "error");
    }
  }

  /** Cuts every box from its decoded image as JPEG; Python packs the zip. */
  async #exportCrops(project) {
    const padding = Number(document.querySelector("#crop-padding")?.value || 0);
    const { crops, warnings } = await this.python.call("crop_boxes", { project, padding });
    const parts = [];
    const cut = [];
    const missing = new Set();
    for (const imageId of new Set(crops.map((crop) => crop.image_id))) {
      const bitmap = this.sources.has(imageId)
        ? await createImageBitmap(this.sources.files.get(imageId), {
            imageOrientation: "from-image",
          })
        : null;
      if (!bitmap) missing.add(imageId);
      for (const crop of crops.filter((c) => c.image_id === imageId && bitmap)) {
        const width = crop.right - crop.left;
        const height = crop.bottom - crop.top;
        const canvas = new OffscreenCanvas(width, height);
        canvas
          .getContext("2d")
          .drawImage(bitmap, crop.left, crop.top, width, height, 0, 0, width, height);
        const blob = await canvas.convertToBlob({ type: "image/jpeg", quality: CROP_QUALITY });
        const bytes = new Uint8Array(await blob.arrayBuffer());
        parts.push(bytes);
        cut.push([crop.image_id, crop.box_id, bytes.length]);
      }
      bitmap?.close();
    }
    const data = concat(parts);
    const reply = await this.python.request("crops_zip", { project, padding, crops: cut }, data);
    const extra = [...missing].map((imageId) => ({
      path: `images[id=${imageId}]`,
      message: `${this.store.image(imageId)?.file_name} is not open, so its boxes were not cut; open it and export again`,
    }));
    reply.result.warnings = [...warnings, ...extra, ...reply.result.warnings];
    return reply;
  }

  /** Reads an annotation file and merges it into the open project. */
  async importFile(file) {
    if (!this.#pythonReady("Import")) return;
    if (this.store.readOnly) {
      this.notify("This project is read-only in this tab.", "error");
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      const megabytes = (file.size / 1024 / 1024).toFixed(0);
      this.notify(
        `${file.name} is ${megabytes} MB; imports are limited to ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split the file and import the parts.`,
        "error",
      );
      return;
    }
    const data = new Uint8Array(await file.arrayBuffer());
    const request = { project: this.store.snapshot(), file_name: file.name, mode: "keep" };
    try {
      let { result } = await this.python.request("merge_import", request, data);
      const summary = result.summary;
      if (summary.images_conflicting > 0) {
        const mode = await choiceDialog({
          title: `Import ${file.name}?`,
          message:
            `${plural(summary.images_conflicting, "image")} already have boxes here and in the file. ` +
            "Keep your boxes on those images, replace them with the file's, or keep both?",
          choices: [
            { value: "combine", label: "Keep both" },
            { value: "replace", label: "Use the file's" },
            { value: "keep", label: "Keep mine" },
          ],
        });
        if (mode === null) return;
        if (mode !== "keep") {
          ({ result } = await this.python.request("merge_import", { ...request, mode }, data));
        }
      }
      await this.replaceProject(result.project);
      this.notify(importMessage(file.name, result), result.warnings.length ? "error" : "info");
    } catch (error) {
      if (error.code === "project-bundle" && this.openBundle) {
        await this.openBundle(file);
        return;
      }
      log.warn("import failed:", error);
      this.notify(
        `Import of ${file.name} failed, and the project is unchanged: ${describe(error)}`,
        "error",
      );
    }
  }
}

function importMessage(name, { summary, warnings }) {
  const parts = [
    `Imported ${name}: ${plural(summary.boxes_added, "box")}`,
    `${plural(summary.images_added, "new image")}`,
  ];
  if (summary.boxes_replaced) parts.push(`${plural(summary.boxes_replaced, "box")} replaced`);
  if (warnings.length) {
    const first = warnings[0];
    parts.push(`${plural(warnings.length, "warning")}, first: ${first.path} ${first.message}`);
  }
  return parts.join(", ");
}

function describe(error) {
  const first = error.problems?.[0];
  if (!first) return error.message;
  const value = first.value === null || first.value === undefined ? "" : ` (got ${first.value})`;
  return `${error.message} ${first.path}: ${first.message}${value}`;
}

function concat(parts) {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
