// Side panels: the image list and the inspector of the selected box.
// Every string from a file or the user is set as text, never as HTML.
import { STATUS_NAMES } from "./classify.js";
import { plural } from "./text.js";
import { Thumbnails } from "./thumbnails.js";

/**
 * The image list: thumbnail, name, status and box count per image, with
 * filters and the project's progress. Its visible order is the order that
 * next and previous follow.
 */
export class ImageList {
  constructor(root, countLabel, { store, sources, onShow }) {
    this.root = root;
    this.countLabel = countLabel;
    this.store = store;
    this.sources = sources;
    this.thumbnails = new Thumbnails(sources);
    this.findings = null;
    this.order = [];
    this.scrolledTo = null;
    this.filters = buildFilters(root.parentElement, root, () => this.render());
    this.root.addEventListener("click", (event) => {
      const item = event.target.closest("li[data-image-id]");
      if (item) onShow(Number(item.dataset.imageId));
    });
    // A listbox with one tab stop: arrows move through the images and show them.
    this.root.addEventListener("keydown", (event) => {
      const item = event.target.closest("li[data-image-id]");
      if (!item) return;
      const next = { ArrowDown: item.nextElementSibling, ArrowUp: item.previousElementSibling }[
        event.key
      ];
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        onShow(Number(item.dataset.imageId));
      } else if (next !== undefined) {
        event.preventDefault();
        if (next) onShow(Number(next.dataset.imageId));
      }
    });
  }

  /**
   * Supplies QA findings as a Map from image id to a count, or null when no
   * findings exist. The "has findings" filter shows only while there are some.
   */
  setFindings(findings) {
    this.findings = findings;
    this.render();
  }

  /** Image ids in the order the list shows them, filters applied. */
  visibleIds() {
    return this.order;
  }

  #matches(image) {
    const { status, category, findings } = this.filters.values();
    if (status && image.status !== status) return false;
    if (category && !image.boxes.some((box) => String(box.category_id) === category)) return false;
    if (findings && this.findings && !(this.findings.get(image.id) > 0)) return false;
    return true;
  }

  /**
   * Refreshes one image's row after an edit. Rebuilding every row costs about
   * 100 ms with 2,000 images, so only a change in what the filters show
   * rebuilds the whole list.
   */
  updateImage(imageId) {
    const image = this.store.image(imageId);
    const row = this.root.querySelector(`li[data-image-id="${imageId}"]`);
    const shown = Boolean(image) && this.#matches(image);
    if (!image || shown !== Boolean(row)) {
      this.render();
      return;
    }
    this.#updateCounts(this.order.length);
    if (!row) return;
    const fresh = this.#item(image);
    fresh.tabIndex = row.tabIndex;
    const hadFocus = document.activeElement === row;
    row.replaceWith(fresh);
    if (hadFocus) fresh.focus({ preventScroll: true });
  }

  /** Moves the selection mark to the current image without rebuilding the rows. */
  updateCurrent() {
    const current = this.store.currentImageId;
    const row = this.root.querySelector(`li[data-image-id="${current}"]`);
    if (!row) {
      this.render();
      return;
    }
    const hadFocus = this.root.contains(document.activeElement);
    for (const old of this.root.querySelectorAll("[aria-selected=true]")) {
      old.setAttribute("aria-selected", "false");
      old.tabIndex = -1;
    }
    row.setAttribute("aria-selected", "true");
    row.tabIndex = 0;
    if (hadFocus) row.focus({ preventScroll: true });
    this.#scrollToCurrent();
  }

  #updateCounts(shownCount) {
    const images = this.store.images;
    const finished = images.filter((image) => image.status !== "todo").length;
    this.filters.progress.max = Math.max(1, images.length);
    this.filters.progress.value = finished;
    this.filters.progressText.textContent = images.length
      ? `${finished} of ${images.length} finished`
      : "";
    this.countLabel.textContent = images.length
      ? shownCount === images.length
        ? `(${images.length})`
        : `(${shownCount} of ${images.length})`
      : "";
  }

  #scrollToCurrent() {
    if (this.scrolledTo === this.store.currentImageId) return;
    // Scrolling forces a layout; after the next frame it does not hold up
    // the canvas showing the new image.
    this.scrolledTo = this.store.currentImageId;
    requestAnimationFrame(() => {
      setTimeout(() => {
        this.root.querySelector("[aria-selected=true]")?.scrollIntoView({ block: "nearest" });
      });
    });
  }

  render() {
    const images = this.store.images;
    this.filters.update(this.store.project?.taxonomy.categories ?? [], this.findings);
    const shown = images.filter((image) => this.#matches(image));
    this.order = shown.map((image) => image.id);
    this.#updateCounts(shown.length);
    const hadFocus = this.root.contains(document.activeElement);
    this.root.replaceChildren(...shown.map((image) => this.#item(image)));
    const stop = this.root.querySelector("[aria-selected=true]") || this.root.firstElementChild;
    if (stop) stop.tabIndex = 0;
    if (hadFocus) stop?.focus({ preventScroll: true });
    this.#scrollToCurrent();
  }

  #item(image) {
    const item = document.createElement("li");
    item.setAttribute("role", "option");
    item.tabIndex = -1;
    item.dataset.imageId = String(image.id);
    item.dataset.status = image.status;
    item.setAttribute("aria-selected", String(image.id === this.store.currentImageId));
    if (!this.sources.has(image.id)) {
      item.classList.add("missing");
      item.title = "Open this file again to see the photo";
    }
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = image.file_name;
    const status = document.createElement("span");
    status.className = "status";
    status.textContent = STATUS_NAMES[image.status] ?? image.status;
    const count = document.createElement("span");
    count.className = "boxes";
    count.textContent = String(image.boxes.length);
    count.title = plural(image.boxes.length, "box");
    const text = document.createElement("span");
    text.className = "text";
    text.append(name, status);
    item.append(this.thumbnails.element(image), text, count);
    return item;
  }
}

function select(label, options) {
  const element = document.createElement("select");
  element.setAttribute("aria-label", label);
  element.replaceChildren(
    ...options.map(([value, text]) => {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = text;
      return option;
    }),
  );
  return element;
}

/** The filter row and progress bar above the image list. */
function buildFilters(panel, list, onChange) {
  const status = select("Filter by status", [
    ["", "All statuses"],
    ...Object.entries(STATUS_NAMES),
  ]);
  const category = select("Filter by category", [["", "All categories"]]);
  const findings = select("Filter by QA findings", [
    ["", "Any findings"],
    ["yes", "Has findings"],
  ]);
  const row = document.createElement("div");
  row.className = "filters";
  row.append(status, category, findings);
  const progress = document.createElement("progress");
  progress.id = "project-progress";
  progress.setAttribute("aria-label", "Images finished");
  const progressText = document.createElement("span");
  progressText.className = "hint progress-text";
  panel.insertBefore(row, list);
  panel.insertBefore(progress, list);
  panel.insertBefore(progressText, list);
  for (const element of [status, category, findings]) element.addEventListener("change", onChange);
  let categoryKey = "";
  return {
    progress,
    progressText,
    values: () => ({ status: status.value, category: category.value, findings: findings.value }),
    update(categories, findingMap) {
      findings.hidden = !findingMap;
      const key = categories.map((c) => `${c.id}:${c.name}`).join(",");
      if (key === categoryKey) return;
      categoryKey = key;
      const chosen = category.value;
      category.replaceChildren(
        category.options[0],
        ...categories.map((c) => {
          const option = document.createElement("option");
          option.value = String(c.id);
          option.textContent = c.name;
          return option;
        }),
      );
      category.value = chosen;
    },
  };
}

export class Inspector {
  constructor(root, { store, onPickCategory }) {
    this.store = store;
    this.empty = root.querySelector("#inspector-empty");
    this.form = root.querySelector("#box-form");
    this.categoryButton = root.querySelector("#box-category");
    this.geometry = root.querySelector("#box-geometry");
    this.categoryButton.addEventListener("click", () => onPickCategory());
    root.querySelector("#box-delete").addEventListener("click", () => {
      const box = store.selectedBox();
      if (box) store.deleteBox(store.currentImageId, box.id);
    });
    this.form.addEventListener("submit", (event) => event.preventDefault());
    for (const name of ["occluded", "truncated", "face_and_body_visible"]) {
      this.form.elements[name].addEventListener("change", (event) => {
        this.#update({ [name]: event.target.checked }, `set ${name.replaceAll("_", " ")}`);
      });
    }
    this.form.elements.note.addEventListener("change", (event) => {
      this.#update({ note: event.target.value }, "edit note");
    });
  }

  #update(patch, label) {
    const box = this.store.selectedBox();
    if (box) this.store.updateBox(this.store.currentImageId, box.id, patch, label);
  }

  render() {
    const box = this.store.selectedBox();
    this.empty.hidden = Boolean(box);
    this.form.hidden = !box;
    if (!box) return;
    const category = box.category_id === null ? null : this.store.category(box.category_id);
    this.categoryButton.textContent = category ? category.name : "Unlabeled: choose…";
    const [x, y, w, h] = box.bbox;
    this.geometry.textContent = `#${box.id}  x ${x}  y ${y}  w ${w}  h ${h}`;
    const elements = this.form.elements;
    elements.occluded.checked = box.occluded;
    elements.truncated.checked = box.truncated;
    elements.face_and_body_visible.checked = box.face_and_body_visible === true;
    if (document.activeElement !== elements.note) elements.note.value = box.note;
    this.form.disabled = this.store.readOnly;
  }
}
