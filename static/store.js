// The open project as native shopbox JSON, and the one funnel for every edit.
//
// Every change goes through ProjectStore.editImage, which emits a "change"
// event with the image's state before and after. Persistence, the QA checks
// and undo history all listen to that one event.

export const FORMAT_VERSION = 2;

export function emptyProject(taxonomy, name = "Untitled project") {
  return { format: "shopbox", version: FORMAT_VERSION, name, taxonomy, images: [] };
}

export class ProjectStore extends EventTarget {
  constructor() {
    super();
    this.project = null;
    this.projectId = null;
    this.currentImageId = null;
    this.selectedBoxId = null;
    this.readOnly = false;
    this.maxBoxId = 0;
    this.maxImageId = 0;
  }

  load(projectId, project) {
    this.projectId = projectId;
    this.project = project;
    this.maxImageId = Math.max(0, ...project.images.map((image) => image.id));
    this.maxBoxId = Math.max(
      0,
      ...project.images.flatMap((image) => image.boxes.map((box) => box.id)),
    );
    this.currentImageId = project.images[0]?.id ?? null;
    this.selectedBoxId = null;
    this.#emit("load", {});
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  get images() {
    return this.project ? this.project.images : [];
  }

  image(imageId) {
    return this.images.find((image) => image.id === imageId) || null;
  }

  currentImage() {
    return this.image(this.currentImageId);
  }

  category(categoryId) {
    return this.project.taxonomy.categories.find((c) => c.id === categoryId) || null;
  }

  selectedBox() {
    const image = this.currentImage();
    return image?.boxes.find((box) => box.id === this.selectedBoxId) || null;
  }

  /** Returns a deep copy of the project in the native JSON format. */
  snapshot() {
    return structuredClone(this.project);
  }

  findImage(fileName, fileSize) {
    return (
      this.images.find(
        (image) => image.file_name === fileName && (image.file_size ?? fileSize) === fileSize,
      ) || null
    );
  }

  addImage({ file_name, width, height, file_size }) {
    this.#assertWritable();
    const image = {
      id: ++this.maxImageId,
      file_name,
      width,
      height,
      file_size,
      status: "todo",
      shot_type: null,
      main_category_id: null,
      review: "unreviewed",
      boxes: [],
    };
    this.project.images.push(image);
    this.#emit("images", { added: [image.id] });
    this.#emit("change", { imageId: image.id, label: "add image", before: null, after: image });
    return image;
  }

  showImage(imageId) {
    if (!this.image(imageId)) return;
    this.currentImageId = imageId;
    this.selectedBoxId = null;
    this.#emit("current", { imageId });
  }

  select(boxId) {
    if (this.selectedBoxId === boxId) return;
    this.selectedBoxId = boxId;
    this.#emit("selection", { boxId });
  }

  /**
   * Applies `mutate(image)` to a copy of the image and emits one "change" with
   * the state before and after. One call is one undo step.
   */
  editImage(imageId, label, mutate) {
    this.#assertWritable();
    const index = this.images.findIndex((image) => image.id === imageId);
    if (index < 0) throw new Error(`no image with id ${imageId}`);
    const before = this.images[index];
    const after = structuredClone(before);
    const result = mutate(after);
    this.project.images[index] = after;
    if (this.selectedBoxId !== null && !after.boxes.some((b) => b.id === this.selectedBoxId)) {
      this.selectedBoxId = null;
    }
    this.#emit("change", { imageId, label, before, after });
    return result;
  }

  /** Puts back an earlier state of one image, as undo and redo do. */
  restoreImage(imageId, state, label) {
    const index = this.images.findIndex((image) => image.id === imageId);
    if (index < 0) return;
    const before = this.images[index];
    const after = structuredClone(state);
    this.project.images[index] = after;
    for (const box of after.boxes) this.maxBoxId = Math.max(this.maxBoxId, box.id);
    this.#emit("change", { imageId, label, before, after, restored: true });
  }

  newBoxId() {
    return ++this.maxBoxId;
  }

  addBox(imageId, bbox, categoryId = null) {
    const box = {
      id: this.newBoxId(),
      category_id: categoryId,
      bbox,
      occluded: false,
      truncated: false,
      face_and_body_visible: null,
      note: "",
    };
    this.editImage(imageId, "draw box", (image) => image.boxes.push(box));
    return box;
  }

  updateBox(imageId, boxId, patch, label = "edit box") {
    return this.editImage(imageId, label, (image) => {
      const box = image.boxes.find((b) => b.id === boxId);
      if (box) Object.assign(box, patch);
      return box;
    });
  }

  deleteBox(imageId, boxId) {
    this.editImage(imageId, "delete box", (image) => {
      image.boxes = image.boxes.filter((b) => b.id !== boxId);
    });
  }

  #assertWritable() {
    if (this.readOnly) throw new Error("this project is open read-only in this tab");
  }
}
