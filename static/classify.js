// Image-level labels set in the same pass as the boxes: the review status,
// the shot type and the listing's main category.

/** The shot types of a project that does not list its own (mirrors py/shopbox/models.py). */
export const DEFAULT_SHOT_TYPES = [
  "product only",
  "worn by model",
  "flat lay",
  "lifestyle scene",
  "detail close-up",
  "size chart or text",
];

export const STATUS_NAMES = {
  todo: "To do",
  done: "Done",
  skipped: "Skipped",
  "no-objects": "No objects",
};

export function shotTypes(project) {
  return project?.shot_types?.length ? project.shot_types : DEFAULT_SHOT_TYPES;
}

/** Sets one image-level field as one undo step; does nothing if it is unchanged. */
export function setImageField(store, imageId, field, value) {
  const image = store.image(imageId);
  if (!image || store.readOnly || image[field] === value) return false;
  store.editImage(imageId, `set ${field.replaceAll("_", " ")}`, (target) => {
    target[field] = value;
  });
  return true;
}

function radioGroup(name, label, options) {
  const fieldset = document.createElement("fieldset");
  fieldset.className = "choices";
  fieldset.setAttribute("role", "radiogroup");
  const legend = document.createElement("legend");
  legend.textContent = label;
  fieldset.append(legend);
  for (const [value, text, hint] of options) {
    const row = document.createElement("label");
    row.className = "check";
    const input = document.createElement("input");
    input.type = "radio";
    input.name = name;
    input.value = value;
    row.append(input, ` ${text}`);
    if (hint) {
      const key = document.createElement("kbd");
      key.textContent = hint;
      row.append(key);
    }
    fieldset.append(row);
  }
  return fieldset;
}

/** The "Image" section of the side panel. */
export class ImagePanel {
  constructor(root, { store, onPickMainCategory }) {
    this.root = root;
    this.store = store;
    this.form = document.createElement("form");
    this.form.setAttribute("aria-label", "Image labels");
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("change", (event) => {
      const input = event.target;
      const value = input.value;
      if (input.name === "status") setImageField(store, store.currentImageId, "status", value);
      if (input.name === "shot_type")
        setImageField(store, store.currentImageId, "shot_type", value);
    });
    this.mainCategory = document.createElement("button");
    this.mainCategory.type = "button";
    this.mainCategory.className = "category-button";
    this.mainCategory.addEventListener("click", () => onPickMainCategory());
    this.shotTypesKey = null;
    root.append(this.form);
  }

  #build() {
    const types = shotTypes(this.store.project);
    const statuses = Object.entries(STATUS_NAMES).map(([value, text]) => [value, text]);
    const shots = types.map((type, i) => [type, type, i < 9 ? `⇧${i + 1}` : ""]);
    const main = document.createElement("label");
    main.append("Main category ", this.mainCategory);
    const keys = document.createElement("p");
    keys.className = "hint";
    keys.textContent = "⇧D done and next · ⇧S skip · ⇧E no objects · ⇧M main category";
    this.form.replaceChildren(
      radioGroup("status", "Status", statuses),
      radioGroup("shot_type", "Shot type", shots),
      main,
      keys,
    );
    this.shotTypesKey = types.join("\n");
  }

  render() {
    const image = this.store.currentImage();
    this.root.hidden = !image;
    if (!image) return;
    if (this.shotTypesKey !== shotTypes(this.store.project).join("\n")) this.#build();
    for (const input of this.form.querySelectorAll("input[type=radio]")) {
      input.checked = image[input.name] === input.value;
      input.disabled = this.store.readOnly;
    }
    const category =
      image.main_category_id === null ? null : this.store.category(image.main_category_id);
    this.mainCategory.textContent = category ? category.name : "None: choose… (⇧M)";
  }
}
