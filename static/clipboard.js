// Copy and paste of boxes, within an image and between images.
import { clampBox } from "./geometry.js";

/** How far a paste moves boxes that would land exactly on their originals. */
export const PASTE_OFFSET = 10;

export class BoxClipboard {
  constructor(store) {
    this.store = store;
    this.boxes = [];
  }

  /** Copies the selected box, or every box of the image when none is selected. */
  copy() {
    const image = this.store.currentImage();
    if (!image) return 0;
    const selected = this.store.selectedBox();
    this.boxes = structuredClone(selected ? [selected] : image.boxes);
    return this.boxes.length;
  }

  /** Pastes the copied boxes into the current image; returns the new boxes. */
  paste() {
    return pasteBoxes(this.store, this.store.currentImageId, this.boxes, "paste boxes");
  }
}

/**
 * Adds copies of `boxes` to an image in one step, with new ids, clamped to
 * the image. Boxes keep their position unless every one of them would land
 * exactly on an existing box, as when pasting onto the image they came from;
 * then all move by PASTE_OFFSET until they land on free places.
 */
export function pasteBoxes(store, imageId, boxes, label) {
  const image = store.image(imageId);
  if (!image || !boxes.length || store.readOnly) return [];
  const taken = new Set(image.boxes.map((box) => box.bbox.join(",")));
  const place = (offset) =>
    boxes.map((box) =>
      clampBox(
        [box.bbox[0] + offset, box.bbox[1] + offset, box.bbox[2], box.bbox[3]],
        image.width,
        image.height,
      ),
    );
  let bboxes = place(0);
  for (let step = 1; step <= 20 && bboxes.every((b) => taken.has(b.join(","))); step++) {
    bboxes = place(step * PASTE_OFFSET);
  }
  const added = boxes.map((box, i) => ({
    ...structuredClone(box),
    id: store.newBoxId(),
    bbox: bboxes[i],
  }));
  store.editImage(imageId, label, (target) => target.boxes.push(...structuredClone(added)));
  return added;
}
