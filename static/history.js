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
    if (!stack) this.stacks.set(imageId, (stack = { undo: [], redo: [] }));
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
      if (stack.undo.length > MAX_STEPS) stack.undo.shift();
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
    this.store.restoreImage(imageId, step[side], `${from} ${step.label}`);
    const selected = this.store.selectedBoxId;
    if (selected !== null && !step[side].boxes.some((box) => box.id === selected)) {
      this.store.select(null);
    }
    return step.label;
  }
}
