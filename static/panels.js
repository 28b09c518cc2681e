// Side panels: the image list and the inspector of the selected box.
// Every string from a file or the user is set as text, never as HTML.

export class ImageList {
  constructor(root, countLabel, { store, sources, onShow }) {
    this.root = root;
    this.countLabel = countLabel;
    this.store = store;
    this.sources = sources;
    this.root.addEventListener("click", (event) => {
      const item = event.target.closest("li[data-image-id]");
      if (item) onShow(Number(item.dataset.imageId));
    });
  }

  render() {
    const images = this.store.images;
    this.countLabel.textContent = images.length ? `(${images.length})` : "";
    this.root.replaceChildren(
      ...images.map((image) => {
        const item = document.createElement("li");
        item.setAttribute("role", "option");
        item.dataset.imageId = String(image.id);
        item.setAttribute("aria-selected", String(image.id === this.store.currentImageId));
        if (!this.sources.has(image.id)) {
          item.classList.add("missing");
          item.title = "Open this file again to see the photo";
        }
        const name = document.createElement("span");
        name.textContent = image.file_name;
        const count = document.createElement("span");
        count.className = "boxes";
        count.textContent = String(image.boxes.length);
        count.title = `${image.boxes.length} boxes`;
        item.append(name, count);
        return item;
      }),
    );
  }
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
