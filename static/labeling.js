// The keyboard-first labeling loop: binds the KEYMAP actions to undo history,
// the clipboard, categories, image-level labels, navigation and view toggles.
import { BoxClipboard, pasteBoxes } from "./clipboard.js";
import { ImagePanel, setImageField, shotTypes } from "./classify.js";
import { growBox, moveBox } from "./geometry.js";
import { HelpOverlay } from "./help.js";
import { EditHistory, NEW_BOX_LABEL } from "./history.js";
import { bindKeys } from "./keys.js";
import { CategoryMemory, RecentBar } from "./recent.js";

const ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
/** Screen pixels the view moves per arrow key when no box is selected. */
const PAN_STEP = 40;
const FILL_STEP = 0.1;
const MAX_FILL = 0.6;

/**
 * Wires the labeling keys and panels. Returns the hooks main.js calls:
 * boxCreated(box), openPicker(box), newBoxCategory() and preloadAround().
 */
export function setupLabeling(studio) {
  const { store, tool, renderer, viewport, picker, imageList, sources, canvas, view } = studio;
  const { notify, showImage, zoomBy, fitImage } = studio;
  const history = new EditHistory(store);
  const clipboard = new BoxClipboard(store);
  const memory = new CategoryMemory();
  const help = new HelpOverlay();
  const imagePanel = new ImagePanel(studio.imagePanelRoot, {
    store,
    onPickMainCategory: () => pickMainCategory(),
  });
  const recentBar = new RecentBar(studio.recentRoot, {
    memory,
    store,
    onChoose: (categoryId) => chooseCategory(categoryId),
  });
  const fill = fillControl(studio.statusbar, view, () => renderer.requestRender());

  const selected = () => store.selectedBox();
  const writable = () => {
    if (store.readOnly) notify("This project is read-only in this tab.", "error");
    return !store.readOnly && store.currentImage() !== null;
  };
  const focusCanvas = () => canvas.focus({ preventScroll: true });

  function categoryName(categoryId) {
    return store.category(categoryId)?.name ?? `#${categoryId}`;
  }

  function openPicker(box, { isNew = false, initial = "" } = {}) {
    const imageId = store.currentImageId;
    const [x, y, w, h] = box.bbox;
    const [sx, sy] = viewport.toScreen(x + w, y + h);
    picker.open({
      x: sx + 8,
      y: sy - 40,
      initial,
      onPick: (category) => {
        store.updateBox(
          imageId,
          box.id,
          { category_id: category.id },
          isNew ? NEW_BOX_LABEL : "set category",
        );
        memory.use(category.id);
        notify(`Box ${box.id}: ${category.name}`);
        focusCanvas();
      },
      onClose: focusCanvas,
    });
  }

  /** Opens the picker to set the current category for the boxes drawn next. */
  function pickCurrentCategory(initial) {
    picker.open({
      x: 24,
      y: 24,
      initial,
      onPick: (category) => {
        memory.use(category.id);
        notify(`Current category: ${category.name}`);
        focusCanvas();
      },
      onClose: focusCanvas,
    });
  }

  function pickMainCategory() {
    const image = store.currentImage();
    if (!image || !writable()) return;
    picker.open({
      x: 24,
      y: 24,
      onPick: (category) => {
        setImageField(store, image.id, "main_category_id", category.id);
        notify(`Main category of ${image.file_name}: ${category.name}`);
        focusCanvas();
      },
      onClose: focusCanvas,
    });
  }

  /** Gives the selected box a category (if any is selected) and makes it current. */
  function chooseCategory(categoryId) {
    const box = selected();
    memory.choose(categoryId);
    if (box && writable()) {
      if (box.category_id !== categoryId) {
        store.updateBox(store.currentImageId, box.id, { category_id: categoryId }, "set category");
      }
      notify(`Box ${box.id}: ${categoryName(categoryId)}`);
    } else {
      notify(`Current category: ${categoryName(categoryId)}`);
    }
  }

  // --- Navigation -------------------------------------------------------------

  function order() {
    const ids = imageList.visibleIds();
    return ids.length ? ids : store.images.map((image) => image.id);
  }

  function neighbour(step) {
    const ids = order();
    const index = ids.indexOf(store.currentImageId);
    if (index < 0) return ids[0] ?? null;
    return ids[index + step] ?? null;
  }

  function go(step) {
    const target = neighbour(step);
    if (target === null || target === store.currentImageId) {
      notify(step > 0 ? "This is the last image." : "This is the first image.");
      return;
    }
    showImage(target);
  }

  function finish(status) {
    const image = store.currentImage();
    if (!image || !writable()) return;
    const next = neighbour(1);
    setImageField(store, image.id, "status", status);
    if (next !== null) showImage(next);
    else notify(`Marked ${image.file_name} ${status}. It is the last image.`);
  }

  /** Keeps the decoded pixels of the current image and its neighbours only. */
  function preloadAround() {
    const current = store.currentImageId;
    const ids = order();
    const index = ids.indexOf(current);
    const near = [ids[index - 1], ids[index + 1]].filter((id) => id !== undefined && index >= 0);
    sources.trim(new Set([current, ...near]));
    for (const id of near) {
      sources
        .decode(id)
        .then((bitmap) => bitmap && renderer.prepare(bitmap))
        .catch(() => null);
    }
  }

  // --- Box edits ----------------------------------------------------------------

  function nudge(spec, resize) {
    const key = spec.split("+").pop();
    const [ux, uy] = ARROWS[key];
    const step = spec.includes("Shift+") ? 10 : 1;
    const box = selected();
    if (!box) {
      if (resize) return;
      viewport.panBy(-ux * PAN_STEP, -uy * PAN_STEP);
      renderer.requestRender();
      return;
    }
    if (!writable()) return;
    const image = store.currentImage();
    const bbox = resize
      ? growBox(box.bbox, ux * step, uy * step, image.width, image.height)
      : moveBox(box.bbox, ux * step, uy * step, image.width, image.height);
    if (bbox.every((v, i) => v === box.bbox[i])) return;
    store.updateBox(image.id, box.id, { bbox }, resize ? "resize box" : "move box");
  }

  function toggleAttribute(name) {
    const box = selected();
    if (!box || !writable()) return;
    const value = box[name] !== true;
    store.updateBox(
      store.currentImageId,
      box.id,
      { [name]: value },
      `set ${name.replaceAll("_", " ")}`,
    );
    notify(`Box ${box.id}: ${name.replaceAll("_", " ")} ${value ? "on" : "off"}`);
  }

  function cycleSelection(event) {
    if (event.target !== canvas || !tool.pointer) return false;
    const [ix, iy] = viewport.toImage(...tool.pointer);
    const boxes = tool.boxesAt(ix, iy);
    if (!boxes.length) return false;
    const index = boxes.findIndex((box) => box.id === store.selectedBoxId);
    const step = event.shiftKey ? -1 : 1;
    store.select(boxes[(index + step + boxes.length) % boxes.length].id);
    return true;
  }

  function undoRedo(kind) {
    const image = store.currentImage();
    if (!image || !writable()) return;
    const label = history[kind](image.id);
    notify(label ? `${kind === "undo" ? "Undid" : "Redid"}: ${label}` : `Nothing to ${kind}.`);
  }

  function toggleView(name, text) {
    view[name] = !view[name];
    notify(`${text} ${view[name] ? "off" : "on"}`);
    renderer.requestRender();
  }

  bindKeys(
    document,
    {
      "open-images": () => studio.openFileDialog(),
      "next-image": () => go(1),
      "previous-image": () => go(-1),
      "first-image": () => order()[0] !== undefined && showImage(order()[0]),
      "last-image": () => order().length && showImage(order().at(-1)),
      "mark-done": () => finish("done"),
      "mark-skipped": () => finish("skipped"),
      "mark-no-objects": () => finish("no-objects"),
      "set-shot-type": (event, spec) => {
        const type = shotTypes(store.project)[Number(spec.at(-1)) - 1];
        const image = store.currentImage();
        if (!type || !image || !writable()) return;
        setImageField(store, image.id, "shot_type", type);
        notify(`Shot type: ${type}`);
      },
      "pick-main-category": () => pickMainCategory(),
      "pick-category": () => {
        const box = selected();
        if (box && writable()) openPicker(box);
        else if (!box && store.currentImage()) pickCurrentCategory("");
        else if (!box) return false;
      },
      "recent-category": (event, spec) => {
        const n = Number(spec);
        if (!selected() && n === 1) {
          zoomBy(1 / viewport.scale);
          return;
        }
        const categoryId = memory.at(n);
        if (categoryId === null)
          notify(`Key ${n} has no category yet: choose one with the picker first.`);
        else chooseCategory(categoryId);
      },
      "toggle-sticky": () => {
        memory.setSticky(!memory.sticky);
        const current = memory.current === null ? "none yet" : categoryName(memory.current);
        notify(
          memory.sticky
            ? `New boxes take the current category (${current}).`
            : "New boxes open the picker.",
        );
      },
      "delete-box": () => {
        const box = selected();
        if (box && writable()) store.deleteBox(store.currentImageId, box.id);
      },
      deselect: () => {
        tool.cancel();
        store.select(null);
      },
      "cycle-selection": (event) => cycleSelection(event),
      nudge: (event, spec) => nudge(spec, false),
      resize: (event, spec) => nudge(spec, true),
      "toggle-occluded": () => toggleAttribute("occluded"),
      "toggle-truncated": () => toggleAttribute("truncated"),
      "toggle-face-and-body": () => toggleAttribute("face_and_body_visible"),
      "edit-note": () => {
        const note = studio.noteField;
        if (!selected() || note.closest("form").hidden) return;
        note.focus();
      },
      undo: () => undoRedo("undo"),
      redo: () => undoRedo("redo"),
      copy: () => {
        const count = clipboard.copy();
        notify(count ? `Copied ${count} box${count === 1 ? "" : "es"}.` : "No box to copy.");
      },
      paste: () => {
        if (!writable()) return;
        const added = clipboard.paste();
        if (added.length === 1) store.select(added[0].id);
        notify(
          added.length
            ? `Pasted ${added.length} box${added.length === 1 ? "" : "es"}.`
            : "Nothing to paste.",
        );
      },
      "copy-previous": () => {
        const previous = store.image(neighbour(-1));
        if (!previous || !writable()) {
          notify("There is no previous image to copy from.");
          return;
        }
        const added = pasteBoxes(
          store,
          store.currentImageId,
          previous.boxes,
          "copy boxes from previous image",
        );
        notify(`Copied ${added.length} boxes from ${previous.file_name}.`);
      },
      "zoom-in": () => zoomBy(1.25),
      "zoom-out": () => zoomBy(1 / 1.25),
      "zoom-fit": () => fitImage(),
      "pan-hold": () => {
        tool.spaceDown = true;
        canvas.style.cursor = "grab";
      },
      "toggle-boxes": () => toggleView("hideBoxes", "Boxes"),
      "toggle-labels": () => toggleView("hideLabels", "Labels"),
      "toggle-crosshair": () => {
        view.showCrosshair = !view.showCrosshair;
        notify(`Crosshair ${view.showCrosshair ? "on" : "off"}`);
        renderer.requestRender();
      },
      "fill-less": () => fill.set(view.fillOpacity - FILL_STEP),
      "fill-more": () => fill.set(view.fillOpacity + FILL_STEP),
      help: () => help.toggle(),
    },
    {
      onLetter: (letter) => {
        if (!store.currentImage()) return false;
        const box = selected();
        if (box && writable()) openPicker(box, { initial: letter });
        else if (!box) pickCurrentCategory(letter);
        return true;
      },
    },
  );

  studio.noteField.addEventListener("keydown", (event) => {
    if (event.key === "Escape") focusCanvas();
  });
  store.addEventListener("load", () => {
    memory.keepOnly(new Set(store.project.taxonomy.categories.map((c) => c.id)));
  });
  for (const type of ["change", "current", "load", "selection"]) {
    store.addEventListener(type, () => {
      imagePanel.render();
      recentBar.render();
    });
  }
  memory.addEventListener("change", () => recentBar.render());

  return {
    history,
    memory,
    boxCreated: (box) => {
      if (box.category_id === null) openPicker(box, { isNew: true });
      else notify(`Box ${box.id}: ${categoryName(box.category_id)}`);
    },
    openPicker,
    newBoxCategory: () => memory.forNewBox(),
    preloadAround,
  };
}

/** The fill opacity slider in the status bar; returns { set(value) }. */
function fillControl(parent, view, onChange) {
  const label = document.createElement("label");
  label.className = "fill-control";
  const input = document.createElement("input");
  input.type = "range";
  input.id = "fill-opacity";
  input.min = "0";
  input.max = String(MAX_FILL);
  input.step = "0.02";
  input.value = String(view.fillOpacity);
  input.setAttribute("aria-label", "Box fill opacity");
  label.append("Fill [ ] ", input);
  parent.insertBefore(label, parent.querySelector("#message"));
  const set = (value) => {
    view.fillOpacity = Math.round(Math.min(MAX_FILL, Math.max(0, value)) * 100) / 100;
    input.value = String(view.fillOpacity);
    onChange();
  };
  input.addEventListener("input", () => set(Number(input.value)));
  return { set };
}
