// Category picker: a search field over the taxonomy. Python ranks the matches
// (names, synonyms and exclusions). Until Python is ready, a plain substring
// filter over names and synonyms is used instead.
import { getLogger } from "./log.js";
import { categoryColor } from "./palette.js";

const log = getLogger("picker");

function localSearch(categories, query) {
  const needle = query.trim().toLowerCase();
  if (!needle) return categories.map((c) => ({ ...c, term: c.name }));
  const hits = [];
  for (const category of categories) {
    const term = [category.name, ...(category.synonyms || [])].find((t) =>
      t.toLowerCase().includes(needle),
    );
    if (term) hits.push({ ...category, term });
  }
  return hits;
}

export class CategoryPicker {
  constructor(root, { python, getCategories }) {
    this.root = root;
    this.python = python;
    this.getCategories = getCategories;
    this.input = root.querySelector("input");
    this.list = root.querySelector("[role=listbox]");
    this.results = [];
    this.active = 0;
    this.callbacks = null;
    this.searchSeq = 0;
    this.latest = Promise.resolve();
    this.input.addEventListener("input", () => this.#search());
    this.input.addEventListener("keydown", (e) => this.#key(e));
    this.list.addEventListener("pointerdown", (e) => e.preventDefault());
    this.list.addEventListener("click", (e) => {
      const item = e.target.closest("[role=option]");
      if (item) this.#pick(this.results[Number(item.dataset.index)]);
    });
    this.input.addEventListener("blur", () => {
      if (this.isOpen()) this.close();
    });
  }

  isOpen() {
    return !this.root.hidden;
  }

  /** Opens the picker near a point of the stage; onPick gets a category. */
  open({ x, y, onPick, onClose, initial = "" }) {
    this.callbacks = { onPick, onClose };
    this.root.hidden = false;
    const stage = this.root.offsetParent?.getBoundingClientRect();
    const width = this.root.offsetWidth;
    const height = this.root.offsetHeight;
    const maxX = (stage?.width ?? window.innerWidth) - width - 8;
    const maxY = (stage?.height ?? window.innerHeight) - height - 8;
    this.root.style.left = `${Math.max(8, Math.min(x, maxX))}px`;
    this.root.style.top = `${Math.max(8, Math.min(y, maxY))}px`;
    this.input.value = initial;
    this.input.focus();
    this.#search();
  }

  close(picked = false) {
    if (!this.isOpen()) return;
    this.root.hidden = true;
    const callbacks = this.callbacks;
    this.callbacks = null;
    if (!picked) callbacks?.onClose?.();
  }

  #search() {
    const query = this.input.value;
    const seq = ++this.searchSeq;
    const run = async () => {
      let results;
      if (this.python.state === "ready") {
        try {
          results = await this.python.call("search_categories", { query, limit: 60 });
        } catch (error) {
          log.warn("search failed, using the plain filter:", error);
        }
      }
      results ??= localSearch(this.getCategories(), query);
      if (seq === this.searchSeq) this.#show(results);
    };
    this.latest = run();
  }

  #show(results) {
    this.results = results;
    this.active = 0;
    this.list.replaceChildren(
      ...results.map((category, index) => {
        const item = document.createElement("li");
        item.setAttribute("role", "option");
        item.dataset.index = String(index);
        item.dataset.categoryId = String(category.id);
        const swatch = document.createElement("span");
        swatch.className = "swatch";
        swatch.style.background = categoryColor(category.id);
        const name = document.createElement("strong");
        name.textContent = category.name;
        const meta = document.createElement("span");
        meta.className = "meta";
        const via = category.term && category.term !== category.name ? ` · “${category.term}”` : "";
        meta.textContent = `${category.supercategory}${via}`;
        const definition = document.createElement("span");
        definition.className = "definition";
        definition.textContent = category.definition;
        item.append(swatch, name, meta, definition);
        return item;
      }),
    );
    if (!results.length) {
      const empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = "No category matches. Try another word, or pick “other”.";
      this.list.append(empty);
    }
    this.#highlight();
  }

  #highlight() {
    const items = this.list.querySelectorAll("[role=option]");
    items.forEach((item, index) =>
      item.setAttribute("aria-selected", String(index === this.active)),
    );
    items[this.active]?.scrollIntoView({ block: "nearest" });
  }

  async #key(event) {
    event.stopPropagation();
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      const count = this.results.length;
      if (count) this.active = (this.active + step + count) % count;
      this.#highlight();
    } else if (event.key === "Enter") {
      event.preventDefault();
      // Wait for the search of what was typed last, so a fast typist gets the
      // match for the whole word.
      await this.latest;
      if (this.results[this.active]) this.#pick(this.results[this.active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      this.close();
    }
  }

  #pick(category) {
    const callbacks = this.callbacks;
    this.close(true);
    callbacks?.onPick?.(category);
  }
}
