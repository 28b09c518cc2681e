// Pointer gestures on the canvas: draw, select, move, resize (8 handles), pan.
import { HANDLE_SIZE } from "./canvas.js";
import {
  HANDLE_CURSORS,
  boxFromCorners,
  containsPoint,
  handlePoints,
  moveBox,
  resizeBox,
} from "./geometry.js";

/** A press that moves less than this many CSS pixels is a click, not a drag. */
export const DRAG_THRESHOLD = 3;

export class BoxTool {
  /**
   * @param {object} options
   * @param {(box: object) => void} options.onCreate called after a box is drawn
   * @param {() => number | null} [options.newBoxCategory] the category a new box
   *   takes at once, or null to leave it unlabeled for onCreate to handle
   */
  constructor({ canvas, viewport, store, renderer, onCreate, newBoxCategory = () => null }) {
    this.canvas = canvas;
    this.viewport = viewport;
    this.store = store;
    this.renderer = renderer;
    this.onCreate = onCreate;
    this.newBoxCategory = newBoxCategory;
    this.gesture = null;
    this.preview = null;
    this.override = null;
    this.pointer = null;
    this.spaceDown = false;
    canvas.addEventListener("pointerdown", (e) => this.#down(e));
    canvas.addEventListener("pointermove", (e) => this.#move(e));
    canvas.addEventListener("pointerup", (e) => this.#up(e));
    canvas.addEventListener("pointercancel", () => this.cancel());
    canvas.addEventListener("pointerleave", () => {
      this.pointer = null;
      this.renderer.requestRender();
    });
    canvas.addEventListener("auxclick", (e) => e.preventDefault());
  }

  #local(event) {
    const rect = this.canvas.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  }

  /** The handle of the selected box under a screen point, if any. */
  #hitHandle(sx, sy) {
    const box = this.store.selectedBox();
    if (!box) return null;
    const [x, y, w, h] = box.bbox;
    const [bx, by] = this.viewport.toScreen(x, y);
    const points = handlePoints(bx, by, w * this.viewport.scale, h * this.viewport.scale);
    const reach = HANDLE_SIZE / 2 + 3;
    for (const [name, [hx, hy]] of Object.entries(points)) {
      if (Math.abs(hx - sx) <= reach && Math.abs(hy - sy) <= reach) return name;
    }
    return null;
  }

  /** Boxes under an image point, smallest first, so a nested box wins. */
  boxesAt(ix, iy) {
    const image = this.store.currentImage();
    if (!image) return [];
    const slack = 3 / this.viewport.scale;
    return image.boxes
      .filter((box) => containsPoint(box.bbox, ix, iy, slack))
      .sort((a, b) => a.bbox[2] * a.bbox[3] - b.bbox[2] * b.bbox[3]);
  }

  #down(event) {
    const image = this.store.currentImage();
    if (!image) return;
    const [sx, sy] = this.#local(event);
    const pan = event.button === 1 || (event.button === 0 && this.spaceDown);
    if (!pan && event.button !== 0) return;
    event.preventDefault();
    this.canvas.setPointerCapture(event.pointerId);
    this.canvas.focus({ preventScroll: true });
    const [ix, iy] = this.viewport.toImage(sx, sy);
    const base = { startScreen: [sx, sy], startImage: [ix, iy], moved: false };
    if (pan) {
      this.gesture = { ...base, mode: "pan", last: [sx, sy] };
      return;
    }
    const writable = !this.store.readOnly;
    const handle = writable ? this.#hitHandle(sx, sy) : null;
    if (handle) {
      const box = this.store.selectedBox();
      this.gesture = { ...base, mode: "resize", handle, boxId: box.id, origin: box.bbox };
      return;
    }
    // Dragging the selected box moves it. A drag that starts on any other box
    // draws a new one, so that a top or a shoe can be drawn inside a person's
    // box; a click there selects that box. Shift+drag always draws.
    const hits = event.shiftKey ? [] : this.boxesAt(ix, iy);
    const grabbed = this.#grabbedSelection(hits);
    if (grabbed) {
      // A click without a drag still selects the box on top of the list, so
      // clicking where two equal boxes overlap reaches the other one.
      this.gesture = writable
        ? { ...base, mode: "move", boxId: grabbed.id, origin: grabbed.bbox, hitId: hits[0].id }
        : { ...base, mode: "pick", hitId: hits[0].id, writable };
      return;
    }
    if (hits.length) {
      this.gesture = { ...base, mode: "pick", hitId: hits[0].id, writable };
      return;
    }
    this.gesture = { ...base, mode: writable ? "draw" : "select" };
  }

  /** The selected box, when it is the box (or the smallest box) under the press. */
  #grabbedSelection(hits) {
    const selected = hits.find((box) => box.id === this.store.selectedBoxId);
    if (!selected) return null;
    const area = (box) => box.bbox[2] * box.bbox[3];
    return area(selected) <= area(hits[0]) ? selected : null;
  }

  #move(event) {
    const [sx, sy] = this.#local(event);
    this.pointer = [sx, sy];
    const gesture = this.gesture;
    if (!gesture) {
      this.#updateCursor(sx, sy);
      this.renderer.requestRender();
      return;
    }
    const image = this.store.currentImage();
    const [ix, iy] = this.viewport.toImage(sx, sy);
    const [x0, y0] = gesture.startScreen;
    if (Math.hypot(sx - x0, sy - y0) >= DRAG_THRESHOLD) gesture.moved = true;
    if (!gesture.moved) return;
    if (gesture.mode === "pick") gesture.mode = gesture.writable ? "draw" : "select";
    switch (gesture.mode) {
      case "pan":
        this.viewport.panBy(sx - gesture.last[0], sy - gesture.last[1]);
        gesture.last = [sx, sy];
        break;
      case "draw": {
        const [ax, ay] = gesture.startImage;
        this.preview = boxFromCorners(ax, ay, ix, iy, image.width, image.height);
        break;
      }
      case "move": {
        const dx = ix - gesture.startImage[0];
        const dy = iy - gesture.startImage[1];
        const bbox = moveBox(gesture.origin, dx, dy, image.width, image.height);
        this.override = { id: gesture.boxId, bbox };
        break;
      }
      case "resize": {
        const bbox = resizeBox(gesture.origin, gesture.handle, ix, iy, image.width, image.height);
        if (bbox) this.override = { id: gesture.boxId, bbox };
        break;
      }
    }
    this.renderer.requestRender();
  }

  #up(event) {
    const gesture = this.gesture;
    if (!gesture) return;
    this.gesture = null;
    const image = this.store.currentImage();
    const override = this.override;
    const preview = this.preview;
    this.override = null;
    this.preview = null;
    if (gesture.moved && image) {
      if (gesture.mode === "draw") {
        const [ax, ay] = gesture.startImage;
        const [ix, iy] = this.viewport.toImage(...this.#local(event));
        const bbox = boxFromCorners(ax, ay, ix, iy, image.width, image.height) || preview;
        if (bbox) {
          const box = this.store.addBox(image.id, bbox, this.newBoxCategory());
          this.store.select(box.id);
          this.onCreate(box);
        }
      } else if ((gesture.mode === "move" || gesture.mode === "resize") && override) {
        const label = gesture.mode === "move" ? "move box" : "resize box";
        const same = override.bbox.every((v, i) => v === gesture.origin[i]);
        if (!same) this.store.updateBox(image.id, override.id, { bbox: override.bbox }, label);
      }
    } else if (!gesture.moved && (gesture.mode === "pick" || gesture.mode === "move")) {
      this.store.select(gesture.hitId);
    } else if (!gesture.moved && gesture.mode === "draw") {
      // A click on empty image area clears the selection and creates nothing.
      this.store.select(null);
    }
    this.renderer.requestRender();
  }

  cancel() {
    this.gesture = null;
    this.preview = null;
    this.override = null;
    this.renderer.requestRender();
  }

  #updateCursor(sx, sy) {
    if (this.spaceDown) {
      this.canvas.style.cursor = "grab";
      return;
    }
    const handle = this.store.readOnly ? null : this.#hitHandle(sx, sy);
    if (handle) {
      this.canvas.style.cursor = HANDLE_CURSORS[handle];
      return;
    }
    const [ix, iy] = this.viewport.toImage(sx, sy);
    const grabbed = this.#grabbedSelection(this.boxesAt(ix, iy));
    this.canvas.style.cursor = grabbed ? "move" : "crosshair";
  }
}
