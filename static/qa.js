// The QA panel: findings of the labeling rules, run in Python after each edit.
// Each check sends one image, so its cost follows that image's boxes and not
// the size of the project.
import { getLogger } from "./log.js";
import { plural } from "./text.js";

const log = getLogger("qa");

/**
 * Edits made in the same task (a paste of many boxes, say) are checked once.
 * A longer delay would only add latency, because a drag commits on release.
 */
const CHECK_DELAY_MS = 0;

/** Findings listed at most; the summary still counts all of them. */
const MAX_ROWS = 200;

export class QaPanel extends EventTarget {
  constructor(root, { store, python, onFocus }) {
    super();
    this.root = root;
    this.store = store;
    this.python = python;
    this.onFocus = onFocus;
    this.byImage = new Map();
    this.pending = new Set();
    this.timer = null;
    this.running = null;
    this.list = root.querySelector("#qa-list");
    this.summary = root.querySelector("#qa-summary");
    this.scope = root.querySelector("#qa-scope");
    this.scope.addEventListener("change", () => this.render());
    this.list.addEventListener("click", (event) => {
      const item = event.target.closest("li[data-index]");
      if (item) this.onFocus(this.visible[Number(item.dataset.index)]);
    });
    this.list.addEventListener("keydown", (event) => {
      const item = event.target.closest("li[data-index]");
      if (item && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        this.onFocus(this.visible[Number(item.dataset.index)]);
      }
    });
    this.visible = [];
  }

  /** Checks every image; used when a project loads and when Python becomes ready. */
  checkAll() {
    for (const image of this.store.images) this.pending.add(image.id);
    this.#schedule();
  }

  checkImage(imageId) {
    this.pending.add(imageId);
    this.#schedule();
  }

  #schedule() {
    if (this.python.state !== "ready") return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.#run();
    }, CHECK_DELAY_MS);
  }

  async #run() {
    if (this.running) {
      await this.running;
      return this.#schedule();
    }
    const ids = [...this.pending];
    this.pending.clear();
    if (!ids.length) return;
    this.running = this.#check(ids);
    try {
      await this.running;
    } finally {
      this.running = null;
    }
    this.render();
    this.dispatchEvent(new CustomEvent("updated", { detail: { imageIds: ids } }));
  }

  async #check(imageIds) {
    const settings = this.store.project.rules ?? null;
    for (const imageId of imageIds) {
      const image = this.store.image(imageId);
      if (!image) {
        this.byImage.delete(imageId);
        continue;
      }
      try {
        const result = await this.python.call("check_image_record", { image, settings });
        this.byImage.set(imageId, result.findings);
      } catch (error) {
        log.warn(`checking image ${imageId} failed:`, error);
        this.byImage.set(imageId, [
          {
            code: "check-failed",
            severity: "error",
            image_id: imageId,
            box_ids: [],
            message: `The checks could not run on this image: ${error.message}`,
          },
        ]);
      }
    }
  }

  /** Counts of open findings: { image: {error, warning}, project: {error, warning} }. */
  counts() {
    const tally = (findings) => ({
      error: findings.filter((f) => f.severity === "error").length,
      warning: findings.filter((f) => f.severity === "warning").length,
    });
    const all = [...this.byImage.values()].flat();
    return {
      image: tally(this.byImage.get(this.store.currentImageId) || []),
      project: tally(all),
    };
  }

  /** Resolves once every queued check has finished. */
  async settle() {
    while (this.pending.size || this.running || this.timer) {
      if (this.python.state !== "ready") return;
      if (this.timer && !this.running) {
        clearTimeout(this.timer);
        this.timer = null;
        await this.#run();
      } else {
        await (this.running || new Promise((resolve) => setTimeout(resolve, CHECK_DELAY_MS)));
      }
    }
  }

  findings(imageId) {
    return this.byImage.get(imageId) || [];
  }

  render() {
    const counts = this.counts();
    const ready = this.python.state === "ready";
    this.summary.textContent = ready
      ? `This image: ${plural(counts.image.error, "error")}, ${plural(counts.image.warning, "warning")}. ` +
        `Project: ${plural(counts.project.error, "error")}, ${plural(counts.project.warning, "warning")}.`
      : "Checks start when Python is ready.";
    const projectScope = this.scope.value === "project";
    const findings = projectScope
      ? [...this.byImage.values()].flat()
      : this.findings(this.store.currentImageId);
    // A crowded image can have thousands of findings. Building a row for each
    // would cost a frame on every image switch, so only MAX_ROWS are listed.
    this.visible = findings.slice(0, MAX_ROWS);
    this.list.replaceChildren(
      ...this.visible.map((finding, index) => {
        const item = document.createElement("li");
        item.dataset.index = String(index);
        item.dataset.code = finding.code;
        item.className = finding.severity;
        item.tabIndex = 0;
        item.setAttribute("role", "button");
        const code = document.createElement("strong");
        code.textContent = finding.code;
        const where = document.createElement("span");
        where.className = "where";
        const image = this.store.image(finding.image_id);
        const boxes = finding.box_ids.length ? ` · box ${finding.box_ids.join(", ")}` : "";
        where.textContent = projectScope ? `${image?.file_name ?? "?"}${boxes}` : boxes.slice(3);
        const message = document.createElement("span");
        message.className = "finding-message";
        message.textContent = finding.message;
        item.append(code, where, message);
        return item;
      }),
    );
    if (findings.length > MAX_ROWS) {
      const more = document.createElement("li");
      more.className = "more";
      more.textContent = `…and ${findings.length - MAX_ROWS} more. Fix these to see the rest.`;
      this.list.append(more);
    }
  }
}
