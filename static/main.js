// Composes the studio: store, persistence, canvas, tools, panels and Python.
import { Renderer } from "./canvas.js";
import { ImageSources, openFiles } from "./images.js";
import { setupLabeling } from "./labeling.js";
import { getLogger } from "./log.js";
import { setupOffline } from "./offline.js";
import { CategoryPicker } from "./picker.js";
import { ProjectPanel } from "./projectpanel.js";
import { Projects } from "./projects.js";
import { ImageList, Inspector } from "./panels.js";
import { PythonWorker } from "./python.js";
import { QaPanel } from "./qa.js";
import { ProjectStore } from "./store.js";
import { BoxTool } from "./tools.js";
import { Transfer } from "./transfer.js";
import { Viewport } from "./viewport.js";

const log = getLogger("main");
const root = document.documentElement;
root.classList.add("started");

const $ = (selector) => document.querySelector(selector);
const canvas = $("#canvas");
const store = new ProjectStore();
const sources = new ImageSources();
const viewport = new Viewport();
const view = { hideBoxes: false, hideLabels: false, fillOpacity: 0.08, showCrosshair: true };

// --- Python in its worker ----------------------------------------------------

const python = new PythonWorker(new URL("./worker.js", import.meta.url));
python.addEventListener("progress", ({ detail }) => {
  $("#python-progress").value = detail.fraction;
  $("#python-text").textContent = `${detail.text}…`;
});
python.addEventListener("state", ({ detail }) => {
  if (detail.state === "ready") {
    $("#python-text").textContent = "Python ready";
    syncTaxonomy();
  } else if (detail.state === "failed") {
    $("#python-text").textContent = `Python failed: ${detail.message}`;
    notify(
      `Python could not start: ${detail.message}. Drawing still works; export needs Python.`,
      "error",
    );
  }
  root.dataset.python = detail.state;
});

function syncTaxonomy() {
  if (python.state !== "ready" || !store.project) return;
  python.call("use_taxonomy", { taxonomy: store.project.taxonomy }).catch((error) => {
    notify(`The project's taxonomy is invalid: ${error.message}`, "error");
  });
}

// --- Canvas, tools and panels ------------------------------------------------

const renderer = new Renderer(canvas, viewport, () => ({
  image: store.currentImage(),
  bitmap: sources.bitmap(store.currentImageId),
  selectedBoxId: store.selectedBoxId,
  preview: tool.preview,
  override: tool.override,
  crosshair: view.showCrosshair && tool.gesture?.mode !== "pan" ? tool.pointer : null,
  categoryName: (id) => (id === null ? "unlabeled" : (store.category(id)?.name ?? `#${id}`)),
  ...view,
}));

const tool = new BoxTool({
  canvas,
  viewport,
  store,
  renderer,
  onCreate: (box) => labeling.boxCreated(box),
  newBoxCategory: () => labeling.newBoxCategory(),
});

const picker = new CategoryPicker($("#picker"), {
  python,
  getCategories: () => store.project.taxonomy.categories,
});

const imageList = new ImageList($("#image-list"), $("#image-count"), {
  store,
  sources,
  onShow: (imageId) => showImage(imageId),
});

const inspector = new Inspector($("#inspector"), {
  store,
  onPickCategory: () => {
    const box = store.selectedBox();
    if (box) labeling.openPicker(box);
  },
});

const qa = new QaPanel($("#qa"), {
  store,
  python,
  onFocus: (finding) => focusFinding(finding),
});
store.addEventListener("change", ({ detail }) => qa.checkImage(detail.imageId));
store.addEventListener("current", () => qa.render());
store.addEventListener("load", () => qa.checkAll());
qa.addEventListener("updated", () => {
  imageList.setFindings(new Map([...qa.byImage].map(([id, found]) => [id, found.length])));
});
python.addEventListener("state", () => {
  qa.render();
  qa.checkAll();
});

/** Shows the image of a finding, selects its first box and brings it into view. */
async function focusFinding(finding) {
  if (finding.image_id !== store.currentImageId) await showImage(finding.image_id);
  const box = store.currentImage()?.boxes.find((b) => b.id === finding.box_ids[0]);
  if (!box) return;
  store.select(box.id);
  const [x, y, w, h] = box.bbox;
  const margin = 40;
  if (
    w * viewport.scale > renderer.width - margin ||
    h * viewport.scale > renderer.height - margin
  ) {
    viewport.scale = Math.min(
      (renderer.width - 2 * margin) / w,
      (renderer.height - 2 * margin) / h,
    );
  }
  viewport.offsetX = renderer.width / 2 - (x + w / 2) * viewport.scale;
  viewport.offsetY = renderer.height / 2 - (y + h / 2) * viewport.scale;
  updateZoomLabel();
  renderer.requestRender();
}

function updateZoomLabel() {
  $("#zoom-level").textContent = store.currentImage()
    ? `${Math.round(viewport.scale * 100)}%`
    : "–";
}

function fitImage() {
  const image = store.currentImage();
  if (!image) return;
  viewport.fit(image.width, image.height, renderer.width, renderer.height);
  updateZoomLabel();
  renderer.requestRender();
}

function zoomBy(factor, sx = renderer.width / 2, sy = renderer.height / 2) {
  viewport.zoomAt(viewport.scale * factor, sx, sy);
  updateZoomLabel();
  renderer.requestRender();
}

async function showImage(imageId) {
  store.showImage(imageId);
  fitImage();
  const image = store.currentImage();
  if (!image) return;
  if (!sources.has(imageId)) {
    notify(`Open ${image.file_name} again to see the photo; its boxes are kept.`);
    return;
  }
  try {
    await sources.decode(imageId);
  } catch (error) {
    notify(`${image.file_name} could not be decoded: ${error.message}`, "error");
  }
  labeling.preloadAround();
  renderer.requestRender();
}

function refreshPanels() {
  imageList.render();
  inspector.render();
  $("#welcome").hidden = store.images.length > 0;
  updateZoomLabel();
  renderer.requestRender();
}

// --- Messages ----------------------------------------------------------------

function notify(text, level = "info") {
  const message = $("#message");
  message.textContent = text;
  message.classList.toggle("error", level === "error");
  if (level === "error") log.warn(text);
}

// --- Opening images ----------------------------------------------------------

async function openImageFiles(files) {
  if (store.readOnly) {
    notify("This project is read-only in this tab.", "error");
    return;
  }
  const { opened, skipped } = await openFiles(files, store, sources);
  projects.storePhotos(opened);
  if (opened.length) await showImage(opened[0]);
  refreshPanels();
  const parts = [];
  if (opened.length) parts.push(`Opened ${opened.length} image${opened.length === 1 ? "" : "s"}`);
  if (skipped.length) {
    const first = skipped[0];
    parts.push(`skipped ${skipped.length}: ${first.name} (${first.reason})`);
  }
  if (parts.length) notify(parts.join("; "), skipped.length ? "error" : "info");
}

async function openSamples() {
  try {
    const names = await (await fetch("samples/samples.json")).json();
    const files = await Promise.all(
      names.map(async (name) => {
        const blob = await (await fetch(`samples/${encodeURIComponent(name)}`)).blob();
        return new File([blob], name, { type: blob.type });
      }),
    );
    await openImageFiles(files);
  } catch (error) {
    notify(`The sample photos could not be loaded: ${error.message}`, "error");
  }
}

const fileInput = $("#file-input");
fileInput.addEventListener("change", async () => {
  await openImageFiles([...fileInput.files]);
  fileInput.value = "";
});
for (const id of ["#open-images", "#welcome-open"]) {
  $(id).addEventListener("click", () => fileInput.click());
}
for (const id of ["#open-samples", "#welcome-samples"]) {
  $(id).addEventListener("click", () => openSamples());
}

let dragDepth = 0;
document.addEventListener("dragenter", (event) => {
  if (!event.dataTransfer?.types.includes("Files")) return;
  dragDepth += 1;
  $("#drop-overlay").hidden = false;
});
document.addEventListener("dragleave", () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (!dragDepth) $("#drop-overlay").hidden = true;
});
document.addEventListener("dragover", (event) => event.preventDefault());
document.addEventListener("drop", (event) => {
  event.preventDefault();
  dragDepth = 0;
  $("#drop-overlay").hidden = true;
  const files = [...(event.dataTransfer?.files || [])];
  if (files.length) openImageFiles(files);
});

// --- Export ------------------------------------------------------------------

const exportButton = $("#export-button");
const exportMenu = $("#export-menu");

function setExportMenu(open) {
  exportMenu.hidden = !open;
  exportButton.setAttribute("aria-expanded", String(open));
  if (open) exportMenu.querySelector("button").focus();
}

exportButton.addEventListener("click", () => setExportMenu(exportMenu.hidden));
document.addEventListener("click", (event) => {
  if (!event.target.closest(".menu")) setExportMenu(false);
});
exportMenu.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    setExportMenu(false);
    exportButton.focus();
  }
});
exportMenu.addEventListener("click", (event) => {
  const item = event.target.closest("[data-format]");
  if (!item) return;
  setExportMenu(false);
  if (item.dataset.format === "bundle") projects.exportBundle();
  else exportProject(item.dataset.format);
});

const transfer = new Transfer({
  python,
  store,
  sources,
  qa,
  notify,
  replaceProject: async (project) => {
    const current = store.currentImageId;
    store.load(store.projectId, project);
    await projects.persistence?.saveProject(store.projectId, project);
    syncTaxonomy();
    refreshPanels();
    const next = store.image(current) ? current : store.currentImageId;
    if (next !== null) await showImage(next);
  },
  openBundle: (file) => projects.importFile(file),
});

function exportProject(format) {
  return transfer.exportProject(format);
}

const importInput = $("#import-input");
$("#import-button").addEventListener("click", () => importInput.click());
importInput.addEventListener("change", async () => {
  const [file] = importInput.files;
  importInput.value = "";
  if (file) await transfer.importFile(file);
});

// --- Keyboard, wheel and pointer read-outs ------------------------------------

const labeling = setupLabeling({
  store,
  tool,
  renderer,
  viewport,
  picker,
  imageList,
  sources,
  canvas,
  view,
  notify,
  showImage,
  zoomBy,
  fitImage,
  openFileDialog: () => fileInput.click(),
  imagePanelRoot: $("#image-info"),
  recentRoot: $("#category-memory"),
  statusbar: $(".statusbar"),
  noteField: $("#box-form").elements.note,
});
document.addEventListener("keyup", (event) => {
  if (event.key === " ") tool.spaceDown = false;
});

canvas.addEventListener(
  "wheel",
  (event) => {
    event.preventDefault();
    const rect = canvas.getBoundingClientRect();
    const factor = Math.exp(-event.deltaY * 0.0015);
    zoomBy(factor, event.clientX - rect.left, event.clientY - rect.top);
  },
  { passive: false },
);

canvas.addEventListener("pointermove", (event) => {
  const image = store.currentImage();
  if (!image) return;
  const rect = canvas.getBoundingClientRect();
  const [x, y] = viewport.toImage(event.clientX - rect.left, event.clientY - rect.top);
  $("#pointer-position").textContent = `x ${Math.round(x)}  y ${Math.round(y)}`;
});

new ResizeObserver(() => {
  const first = renderer.width === 0;
  renderer.resize();
  if (first) fitImage();
}).observe(canvas);

$("#project-name").addEventListener("change", (event) => {
  const name = event.target.value.trim() || "Untitled project";
  store.project.name = name;
  event.target.value = name;
  projects.persistence?.queueMeta(store.projectId, store.project);
});

// --- Projects and storage ------------------------------------------------------

const projects = new Projects({
  store,
  sources,
  python,
  notify,
  onOpened: (project) => {
    $("#project-name").value = project.name;
    syncTaxonomy();
    refreshPanels();
    // Come back to the image the user was on when the page closed.
    const saved = Number(localStorage.getItem(lastImageKey(store.projectId)));
    const imageId = store.image(saved) ? saved : store.currentImageId;
    if (imageId !== null) showImage(imageId);
  },
});
new ProjectPanel($("#project-name"), projects);

function lastImageKey(projectId) {
  return `shopbox.image.${projectId}`;
}

store.addEventListener("current", ({ detail }) => {
  if (store.projectId) localStorage.setItem(lastImageKey(store.projectId), String(detail.imageId));
});

for (const type of ["change", "load", "current", "selection", "images"]) {
  store.addEventListener(type, () => {
    inspector.render();
    renderer.requestRender();
  });
}
store.addEventListener("change", ({ detail }) => imageList.updateImage(detail.imageId));
store.addEventListener("current", () => imageList.updateCurrent());

async function start() {
  const taxonomy = await (await fetch("static/taxonomy.json")).json();
  await projects.start(taxonomy);
  root.dataset.studio = "ready";
  setupOffline();
}

// --- Automation ----------------------------------------------------------------

window.shopbox = {
  /** A copy of the open project in the native JSON format. */
  project: () => store.snapshot(),
  /** Client (page) coordinates of an image pixel on the canvas. */
  toScreen: (x, y) => {
    const rect = canvas.getBoundingClientRect();
    const [sx, sy] = viewport.toScreen(x, y);
    return { x: rect.left + sx, y: rect.top + sy };
  },
  view: () => ({
    scale: viewport.scale,
    currentImageId: store.currentImageId,
    selectedBoxId: store.selectedBoxId,
  }),
  /** The studio's parts, for benchmarks and debugging; not a stable interface. */
  internals: { store, sources, renderer, viewport, qa, history: labeling.history },
  /** Resolves once every queued edit is written to IndexedDB. */
  flush: () => projects.flush(),
  projects,
  /** Resolves when the QA checks are up to date; returns their counts. */
  checks: async () => {
    await qa.settle();
    return { counts: qa.counts(), findings: [...qa.byImage.values()].flat() };
  },
  python,
};

start().catch((error) => {
  root.dataset.studio = "failed";
  notify(`The studio failed to start: ${error.message}`, "error");
  log.error(error);
});
