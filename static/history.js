// Undo and redo, kept per image, built on the store's "change" events.
//
// Each change is one step holding the image's state before and after it. A
// box drawn and then labeled from the picker that opened for it is one step:
// the picker's change carries the label NEW_BOX_LABEL and is merged into the
// "draw box" step right before it, so one undo removes the box and the next
// undo reaches the action before the drawing.

/** The change label the picker uses for the first category of a box just drawn. */
export const NEW_BOX_LABEL = "label new box";
/** Steps kept per image; older ones are dropped. */
export const MAX_STEPS = 300;
/**
 * Boxes kept across one image's steps. Each step holds two whole states of
 * the image, so on an image with thousands of boxes this, not MAX_STEPS,
 * bounds the memory: about 200 bytes a box, so some 40 MB.
 */
export const MAX_BOXES_KEPT = 200_000;

export class EditHistory extends EventTarget {
  constructor(store) {
    super();
    this.store = store;
    this.stacks = new Map();
    store.addEventListener("change", ({ detail }) => this.#record(detail));
    store.addEventListener("load", () => this.stacks.clear());
  }

  #stack(imageId) {
    let stack = this.stacks.get(imageId);
    if (!stack) this.stacks.set(imageId, (stack = { undo: [], redo: [], boxes: 0 }));
    return stack;
  }

  #record({ imageId, label, before, after, restored }) {
    if (restored || before === null) return;
    const stack = this.#stack(imageId);
    const top = stack.undo.at(-1);
    // Merge only when nothing else changed the image in between.
    if (label === NEW_BOX_LABEL && top?.label === "draw box" && top.after === before) {
      top.after = after;
      top.label = "draw and label box";
    } else {
      stack.undo.push({ label, before, after });
      stack.boxes += before.boxes.length + after.boxes.length;
    }
    while (
      stack.undo.length > 1 &&
      (stack.undo.length > MAX_STEPS || stack.boxes > MAX_BOXES_KEPT)
    ) {
      const dropped = stack.undo.shift();
      stack.boxes -= dropped.before.boxes.length + dropped.after.boxes.length;
    }
    stack.redo.length = 0;
  }

  /** Counts of the steps that undo and redo can take on an image. */
  depth(imageId) {
    const stack = this.stacks.get(imageId);
    return { undo: stack?.undo.length ?? 0, redo: stack?.redo.length ?? 0 };
  }

  /** Undoes the last step on an image; returns its label, or null if there is none. */
  undo(imageId) {
    return this.#move(imageId, "undo", "redo", "before");
  }

  /** Redoes the last undone step on an image; returns its label, or null. */
  redo(imageId) {
    return this.#move(imageId, "redo", "undo", "after");
  }

  #move(imageId, from, to, side) {
    const stack = this.stacks.get(imageId);
    const step = stack?.[from].pop();
    if (!step) return null;
    stack[to].push(step);
    const weight = step.before.boxes.length + step.after.boxes.length;
    stack.boxes += from === "undo" ? -weight : weight;
    this.store.restoreImage(imageId, step[side], `${from} ${step.label}`);
    const selected = this.store.selectedBoxId;
    if (selected !== null && !step[side].boxes.some((box) => box.id === selected)) {
      this.store.select(null);
    }
    return step.label;
  }
}
