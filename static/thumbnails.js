// Small previews for the image list. The browser decodes and scales each file
// off the main thread (createImageBitmap with resize options); only the images
// scrolled into view are decoded, two at a time.
import { getLogger } from "./log.js";

const log = getLogger("thumbnails");

/** Longest side of a thumbnail in CSS pixels. */
export const THUMBNAIL_SIZE = 48;
const PARALLEL = 2;

export class Thumbnails {
  constructor(sources) {
    this.sources = sources;
    this.canvases = new Map();
    this.queue = [];
    this.running = 0;
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        this.observer.unobserve(entry.target);
        this.queue.push(entry.target);
      }
      this.#pump();
    });
  }

  /** The thumbnail element of an image; it fills in once it scrolls into view. */
  element(image) {
    let canvas = this.canvases.get(image.id);
    if (!canvas) {
      canvas = document.createElement("canvas");
      canvas.className = "thumbnail";
      canvas.setAttribute("aria-hidden", "true");
      const ratio = window.devicePixelRatio || 1;
      const scale = THUMBNAIL_SIZE / Math.max(image.width, image.height);
      canvas.width = Math.max(1, Math.round(image.width * scale * ratio));
      canvas.height = Math.max(1, Math.round(image.height * scale * ratio));
      canvas.dataset.imageId = String(image.id);
      this.canvases.set(image.id, canvas);
    }
    if (!canvas.dataset.state && this.sources.has(image.id)) {
      canvas.dataset.state = "waiting";
      this.observer.observe(canvas);
    }
    return canvas;
  }

  /** Forgets an image's thumbnail, as when its file is attached again. */
  forget(imageId) {
    const canvas = this.canvases.get(imageId);
    if (canvas) this.observer.unobserve(canvas);
    this.canvases.delete(imageId);
  }

  #pump() {
    while (this.running < PARALLEL && this.queue.length) {
      const canvas = this.queue.shift();
      this.running += 1;
      this.#draw(canvas).finally(() => {
        this.running -= 1;
        this.#pump();
      });
    }
  }

  async #draw(canvas) {
    const file = this.sources.files.get(Number(canvas.dataset.imageId));
    if (!file) return;
    try {
      const bitmap = await createImageBitmap(file, {
        imageOrientation: "from-image",
        resizeWidth: canvas.width,
        resizeHeight: canvas.height,
        resizeQuality: "medium",
      });
      canvas.getContext("2d").drawImage(bitmap, 0, 0);
      bitmap.close();
      canvas.dataset.state = "ready";
    } catch (error) {
      canvas.dataset.state = "failed";
      log.warn(`thumbnail of image ${canvas.dataset.imageId} failed:`, error);
    }
  }
}
