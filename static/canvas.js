// Draws the current image and its boxes. Redraws are throttled to one per
// animation frame, and a box that fails to draw is logged and skipped so that
// one bad box never blanks the frame.
import { handlePoints } from "./geometry.js";
import { getLogger } from "./log.js";
import { categoryColor, textColorOn } from "./palette.js";

const log = getLogger("canvas");

export const HANDLE_SIZE = 8;
/** Boxes narrower than this on screen (CSS px) get no label: it would not be legible. */
export const MIN_LABEL_WIDTH = 40;
/** Labels drawn per frame at most; past this many the view is too crowded to read them. */
export const MAX_LABELS = 200;
/**
 * Boxes in view above which fills and labels are left out. Filling thousands
 * of translucent boxes and drawing hundreds of labels are the slowest parts
 * of a frame, and in such a crowd neither tells boxes apart. Outlines still
 * show every box, and zooming in brings fills and labels back.
 */
export const MAX_DETAILED = 500;
const LABEL_FONT = "12px system-ui, sans-serif";
const LABEL_HEIGHT = 18;
const UNLABELED_DASH = [5, 3];
const NO_DASH = [];

export class Renderer {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {import("./viewport.js").Viewport} viewport
   * @param {() => object} getScene returns { image, bitmap, selectedBoxId, preview,
   *   override, crosshair, categoryName, hideBoxes, hideLabels, fillOpacity }
   */
  constructor(canvas, viewport, getScene) {
    this.canvas = canvas;
    this.ctx = canvas.getContext("2d");
    this.viewport = viewport;
    this.getScene = getScene;
    this.frame = null;
    this.width = 0;
    this.height = 0;
    this.lastFrameMs = 0;
    /** Set to an array to collect every frame's render time in ms (benchmarks). */
    this.frameLog = null;
    // Reused every frame so that drawing allocates nothing per box.
    this.batches = new Map();
    this.labeled = [];
    this.textWidths = new Map();
    this.levels = new WeakMap();
  }

  /** Matches the backing store to the element's size and device pixel ratio. */
  resize() {
    const rect = this.canvas.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    this.width = rect.width;
    this.height = rect.height;
    this.canvas.width = Math.max(1, Math.round(rect.width * ratio));
    this.canvas.height = Math.max(1, Math.round(rect.height * ratio));
    this.ratio = ratio;
    this.requestRender();
  }

  requestRender() {
    if (this.frame !== null) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      const start = performance.now();
      this.render();
      this.lastFrameMs = performance.now() - start;
      this.frameLog?.push(this.lastFrameMs);
    });
  }

  render() {
    const { ctx, viewport } = this;
    const scene = this.getScene();
    ctx.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    if (!scene.image) return;

    // Phase 1: the image, or its outline while it decodes.
    const [ox, oy] = viewport.toScreen(0, 0);
    const sw = scene.image.width * viewport.scale;
    const sh = scene.image.height * viewport.scale;
    if (scene.bitmap) {
      ctx.imageSmoothingEnabled = viewport.scale < 2;
      ctx.drawImage(this.#levelFor(scene.bitmap, sw * this.ratio), ox, oy, sw, sh);
    } else {
      ctx.fillStyle = "rgba(128,128,128,0.25)";
      ctx.fillRect(ox, oy, sw, sh);
    }
    ctx.strokeStyle = "rgba(128,128,128,0.8)";
    ctx.lineWidth = 1;
    ctx.strokeRect(ox - 0.5, oy - 0.5, sw + 1, sh + 1);

    // Phase 2: boxes batched by color, then the selection and its handles on top.
    const selected = scene.image.boxes.find((box) => box.id === scene.selectedBoxId);
    if (!scene.hideBoxes) this.#drawBoxes(scene);
    if (selected) this.#drawBox(selected, scene, true);

    // Phase 3: the box being drawn and the crosshair.
    if (scene.preview) this.#drawPreview(scene.preview);
    if (scene.crosshair) this.#drawCrosshair(scene.crosshair);
  }

  /**
   * Draws every box but the selected one: boxes outside the view are culled,
   * each color is one path (one fill and one stroke), fills and labels are
   * left out past MAX_DETAILED boxes, and labels are drawn only on boxes wide
   * enough to carry them, up to MAX_LABELS a frame.
   */
  #drawBoxes(scene) {
    const { ctx, viewport } = this;
    const { scale, offsetX, offsetY } = viewport;
    const batches = this.batches;
    for (const batch of batches.values()) batch.length = 0;
    const labeled = this.labeled;
    labeled.length = 0;
    const overrideId = scene.override?.id;
    let visible = 0;
    for (const box of scene.image.boxes) {
      if (box.id === scene.selectedBoxId) continue;
      const bbox = box.id === overrideId ? scene.override.bbox : box.bbox;
      const sx = bbox[0] * scale + offsetX;
      const sy = bbox[1] * scale + offsetY;
      const bw = bbox[2] * scale;
      const bh = bbox[3] * scale;
      if (!(sx + bw >= 0 && sy + bh >= 0 && sx <= this.width && sy <= this.height)) {
        if (!Number.isFinite(sx + sy + bw + bh)) {
          log.error(`box ${box.id} at ${JSON.stringify(box.bbox)} could not be drawn`);
        }
        continue;
      }
      visible += 1;
      let batch = batches.get(box.category_id);
      if (!batch) batches.set(box.category_id, (batch = []));
      batch.push(sx, sy, bw, bh);
      if (!scene.hideLabels && bw >= MIN_LABEL_WIDTH && labeled.length < MAX_LABELS * 3) {
        labeled.push(box.category_id, sx, sy);
      }
    }
    const detailed = visible <= MAX_DETAILED;
    const fill = scene.fillOpacity > 0 && detailed;
    // One CSS pixel: thin strokes rasterize several times faster than 1.5 px
    // ones in Chromium's software canvas, measured with 5,000 boxes in view.
    ctx.lineWidth = 1;
    for (const [categoryId, batch] of batches) {
      if (!batch.length) continue;
      const color = categoryColor(categoryId);
      ctx.beginPath();
      for (let i = 0; i < batch.length; i += 4) {
        ctx.rect(batch[i], batch[i + 1], batch[i + 2], batch[i + 3]);
      }
      if (fill) {
        ctx.globalAlpha = scene.fillOpacity;
        ctx.fillStyle = color;
        ctx.fill();
        ctx.globalAlpha = 1;
      }
      ctx.strokeStyle = color;
      ctx.setLineDash(categoryId === null ? UNLABELED_DASH : NO_DASH);
      ctx.stroke();
    }
    ctx.setLineDash(NO_DASH);
    if (!detailed) return;
    this.#drawLabels(labeled, scene);
  }

  /**
   * Draws the labels of many boxes, one category at a time. Setting the font
   * and fill once per category instead of once per label is what keeps a
   * crowded frame within budget in Chromium's software canvas.
   */
  #drawLabels(labeled, scene) {
    const { ctx } = this;
    ctx.font = LABEL_FONT;
    const byCategory = new Map();
    for (let i = 0; i < labeled.length; i += 3) {
      let points = byCategory.get(labeled[i]);
      if (!points) byCategory.set(labeled[i], (points = []));
      points.push(labeled[i + 1], labeled[i + 2]);
    }
    for (const [categoryId, points] of byCategory) {
      const text = scene.categoryName(categoryId);
      const width = this.#labelWidth(text);
      const color = categoryColor(categoryId);
      ctx.fillStyle = color;
      ctx.beginPath();
      for (let i = 0; i < points.length; i += 2) {
        const sy = points[i + 1];
        ctx.rect(points[i], sy >= LABEL_HEIGHT ? sy - LABEL_HEIGHT : sy, width, LABEL_HEIGHT);
      }
      ctx.fill();
      ctx.fillStyle = textColorOn(color);
      for (let i = 0; i < points.length; i += 2) {
        const sy = points[i + 1];
        const top = sy >= LABEL_HEIGHT ? sy - LABEL_HEIGHT : sy;
        ctx.fillText(text, points[i] + 4, top + 13);
      }
    }
  }

  #labelWidth(text) {
    let width = this.textWidths.get(text);
    if (width === undefined) {
      width = this.ctx.measureText(text).width + 8;
      this.textWidths.set(text, width);
    }
    return width;
  }

  #drawBox(box, scene, selected) {
    const { ctx, viewport } = this;
    try {
      const bbox = scene.override?.id === box.id ? scene.override.bbox : box.bbox;
      const [x, y, w, h] = bbox;
      const [sx, sy] = viewport.toScreen(x, y);
      const sw = w * viewport.scale;
      const sh = h * viewport.scale;
      if (![sx, sy, sw, sh].every(Number.isFinite)) throw new Error("non-finite geometry");
      const color = categoryColor(box.category_id);
      if (scene.fillOpacity > 0) {
        ctx.globalAlpha = scene.fillOpacity;
        ctx.fillStyle = color;
        ctx.fillRect(sx, sy, sw, sh);
        ctx.globalAlpha = 1;
      }
      ctx.lineWidth = selected ? 2.5 : 1.5;
      ctx.strokeStyle = color;
      ctx.setLineDash(box.category_id === null ? UNLABELED_DASH : NO_DASH);
      ctx.strokeRect(sx, sy, sw, sh);
      ctx.setLineDash(NO_DASH);
      if (!scene.hideLabels) this.#drawLabel(scene.categoryName(box.category_id), sx, sy, color);
      if (selected) this.#drawHandles(sx, sy, sw, sh, color);
    } catch (error) {
      log.error(`box ${box.id} at ${JSON.stringify(box.bbox)} could not be drawn:`, error);
    }
  }

  #drawLabel(text, sx, sy, color) {
    const { ctx } = this;
    ctx.font = LABEL_FONT;
    const width = this.#labelWidth(text);
    const top = sy >= LABEL_HEIGHT ? sy - LABEL_HEIGHT : sy;
    ctx.fillStyle = color;
    ctx.fillRect(sx, top, width, LABEL_HEIGHT);
    ctx.fillStyle = textColorOn(color);
    ctx.fillText(text, sx + 4, top + 13);
  }

  /**
   * Returns the bitmap, or a copy scaled down by a power of two that still
   * has at least `deviceWidth` pixels across. Scaling a 24-megapixel photo
   * down on every frame costs more than drawing thousands of boxes, so each
   * copy is made once, asynchronously, and used from the next frame on. The
   * copies live in a WeakMap, so they go when their bitmap is dropped.
   */
  #levelFor(bitmap, deviceWidth) {
    let copies = this.levels.get(bitmap);
    if (!copies) this.levels.set(bitmap, (copies = new Map()));
    let factor = 1;
    while (bitmap.width / (factor * 2) >= deviceWidth && factor < 16) factor *= 2;
    if (factor === 1) return bitmap;
    const copy = copies.get(factor);
    if (copy) return copy;
    if (copy === undefined) {
      copies.set(factor, null);
      const size = {
        resizeWidth: Math.max(1, Math.round(bitmap.width / factor)),
        resizeHeight: Math.max(1, Math.round(bitmap.height / factor)),
        resizeQuality: "medium",
      };
      createImageBitmap(bitmap, size)
        .then((scaled) => {
          copies.set(factor, scaled);
          this.requestRender();
        })
        .catch((error) => log.warn("a scaled copy of the photo failed:", error));
    }
    return bitmap;
  }

  /**
   * Prepares the scaled copy that fitting `bitmap` to the canvas will draw,
   * so a photo decoded ahead of time shows at full speed on its first frame.
   */
  prepare(bitmap) {
    const fit = Math.min((this.width - 32) / bitmap.width, (this.height - 32) / bitmap.height);
    if (fit > 0) this.#levelFor(bitmap, bitmap.width * fit * (this.ratio || 1));
  }

  #drawHandles(sx, sy, sw, sh, color) {
    const { ctx } = this;
    const half = HANDLE_SIZE / 2;
    ctx.fillStyle = "#fff";
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    for (const [hx, hy] of Object.values(handlePoints(sx, sy, sw, sh))) {
      ctx.fillRect(hx - half, hy - half, HANDLE_SIZE, HANDLE_SIZE);
      ctx.strokeRect(hx - half, hy - half, HANDLE_SIZE, HANDLE_SIZE);
    }
  }

  #drawPreview([x, y, w, h]) {
    const { ctx, viewport } = this;
    const [sx, sy] = viewport.toScreen(x, y);
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = "#ff2d55";
    ctx.strokeRect(sx, sy, w * viewport.scale, h * viewport.scale);
    ctx.setLineDash([]);
  }

  #drawCrosshair([sx, sy]) {
    const { ctx } = this;
    ctx.strokeStyle = "rgba(255,45,85,0.7)";
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(0, sy + 0.5);
    ctx.lineTo(this.width, sy + 0.5);
    ctx.moveTo(sx + 0.5, 0);
    ctx.lineTo(sx + 0.5, this.height);
    ctx.stroke();
  }
}
