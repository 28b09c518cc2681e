// The categories an annotator used last, and the sticky current category
// that new boxes take without the picker (LabelImg's default-label mode).
import { categoryColor } from "./palette.js";

/** Recent categories kept, one for each of the keys 1-9. */
export const RECENT_SIZE = 9;
const STORAGE_KEY = "shopbox.categories";

export class CategoryMemory extends EventTarget {
  constructor(storage = globalThis.localStorage) {
    super();
    this.storage = storage;
    this.recent = [];
    this.current = null;
    this.sticky = false;
    try {
      const saved = JSON.parse(storage?.getItem(STORAGE_KEY) || "{}");
      if (Array.isArray(saved.recent)) this.recent = saved.recent.filter(Number.isInteger);
      this.recent = this.recent.slice(0, RECENT_SIZE);
      this.current = Number.isInteger(saved.current) ? saved.current : null;
      this.sticky = saved.sticky === true;
    } catch {
      // A damaged entry only loses the recent list.
    }
  }

  /** Records a category as used: it moves to the front and becomes current. */
  use(categoryId) {
    this.recent = [categoryId, ...this.recent.filter((id) => id !== categoryId)];
    this.recent.length = Math.min(this.recent.length, RECENT_SIZE);
    this.current = categoryId;
    this.#changed();
  }

  /** Makes a category current without reordering, so the digit keys stay put. */
  choose(categoryId) {
    if (!this.recent.includes(categoryId)) {
      this.use(categoryId);
      return;
    }
    this.current = categoryId;
    this.#changed();
  }

  /** The category behind key `n` (1-9), or null. */
  at(n) {
    return this.recent[n - 1] ?? null;
  }

  setSticky(on) {
    this.sticky = on;
    this.#changed();
  }

  /** The category a new box takes, or null when the picker should open. */
  forNewBox() {
    return this.sticky ? this.current : null;
  }

  /** Drops ids that the taxonomy no longer has. */
  keepOnly(validIds) {
    this.recent = this.recent.filter((id) => validIds.has(id));
    if (!validIds.has(this.current)) this.current = null;
    this.#changed();
  }

  #changed() {
    const { recent, current, sticky } = this;
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify({ recent, current, sticky }));
    } catch {
      // Storage may be full or blocked; the memory still works for this page.
    }
    this.dispatchEvent(new Event("change"));
  }
}

/** The side panel row of recent categories (keys 1-9) and the sticky toggle. */
export class RecentBar {
  constructor(root, { memory, store, onChoose }) {
    this.root = root;
    this.memory = memory;
    this.store = store;
    const sticky = document.createElement("label");
    sticky.className = "check";
    this.sticky = document.createElement("input");
    this.sticky.type = "checkbox";
    this.sticky.id = "sticky-category";
    this.sticky.addEventListener("change", () => memory.setSticky(this.sticky.checked));
    sticky.append(this.sticky, " Keep category for new boxes (⇧K)");
    this.list = document.createElement("ol");
    this.list.className = "recent";
    this.list.setAttribute("aria-label", "Recent categories, keys 1 to 9");
    this.list.addEventListener("click", (event) => {
      const item = event.target.closest("[data-category-id]");
      if (item) onChoose(Number(item.dataset.categoryId));
    });
    root.append(sticky, this.list);
  }

  render() {
    const { memory } = this;
    this.sticky.checked = memory.sticky;
    if (!this.store.project) return;
    this.list.replaceChildren(
      ...memory.recent.map((categoryId, i) => {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.categoryId = String(categoryId);
        button.setAttribute("aria-pressed", String(categoryId === memory.current));
        const swatch = document.createElement("span");
        swatch.className = "swatch";
        swatch.style.background = categoryColor(categoryId);
        const name = this.store.category(categoryId)?.name ?? `#${categoryId}`;
        button.append(swatch, `${i + 1} ${name}`);
        item.append(button);
        return item;
      }),
    );
  }
}
