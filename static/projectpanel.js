// The "Projects" dialog: every project in this browser with open, rename,
// duplicate and delete, plus new, import, export and the storage read-out.
// Names are user data, so they are set as text.

function button(label, action, { writes = false, danger = false } = {}) {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = label;
  if (danger) element.className = "danger";
  if (writes) element.dataset.writes = "";
  element.addEventListener("click", action);
  return element;
}

export class ProjectPanel {
  /** Adds a "Projects…" button after `anchor` and builds the dialog. */
  constructor(anchor, projects) {
    this.projects = projects;
    this.opener = button("Projects…", () => this.show());
    this.opener.id = "projects-button";
    anchor.after(this.opener);

    this.dialog = document.createElement("dialog");
    this.dialog.id = "projects-dialog";
    this.dialog.className = "projects-dialog";
    this.dialog.setAttribute("aria-label", "Projects");
    const heading = document.createElement("h2");
    heading.textContent = "Projects in this browser";
    this.quota = document.createElement("p");
    this.quota.id = "storage-quota";
    this.quota.className = "hint";
    this.list = document.createElement("ul");
    this.list.id = "project-list";
    this.list.className = "project-list";

    this.fileInput = document.createElement("input");
    this.fileInput.type = "file";
    this.fileInput.id = "project-import-input";
    this.fileInput.accept = ".zip,.json,.xml,.csv,.txt,application/zip,application/json";
    this.fileInput.hidden = true;
    this.fileInput.addEventListener("change", () => this.#import());

    const actions = document.createElement("p");
    actions.className = "dialog-buttons";
    const create = button("New project", () => this.#switch(() => projects.create()));
    create.id = "project-new";
    const importButton = button("Import project…", () => this.fileInput.click());
    importButton.id = "project-import";
    const exportButton = button("Export bundle (.zip)", () => projects.exportBundle());
    exportButton.id = "project-export";
    const close = button("Close", () => this.dialog.close());
    close.id = "projects-close";
    actions.append(create, importButton, exportButton, close);

    this.dialog.append(heading, this.quota, this.list, actions, this.fileInput);
    document.body.append(this.dialog);
    const usage = document.createElement("span");
    usage.id = "storage-use";
    usage.className = "storage-use";
    document.querySelector(".statusbar")?.append(usage);
    projects.showQuotaIn(this.quota, usage);
  }

  async show() {
    await this.render();
    this.projects.meter?.refresh();
    if (!this.dialog.open) this.dialog.showModal();
  }

  async #run(action) {
    await action();
    await this.render();
  }

  /** Runs an action that shows another project, then closes the dialog. */
  async #switch(action) {
    const result = await action();
    this.dialog.close();
    return result;
  }

  async #import() {
    const [file] = this.fileInput.files;
    this.fileInput.value = "";
    if (!file) return;
    if (await this.projects.importFile(file)) this.dialog.close();
    else await this.render();
  }

  async render() {
    const projects = this.projects;
    const all = await projects.list();
    all.sort((a, b) => b.updated - a.updated);
    const currentId = projects.store.projectId;
    this.list.replaceChildren(
      ...all.map((entry) => {
        const item = document.createElement("li");
        item.dataset.projectId = entry.id;
        const current = entry.id === currentId;
        if (current) item.setAttribute("aria-current", "true");
        const name = document.createElement("span");
        name.className = "project-name-label";
        name.textContent = entry.name;
        const info = document.createElement("span");
        info.className = "hint";
        const when = new Date(entry.updated).toLocaleString();
        info.textContent = `${entry.images} images · ${when}${current ? " · open" : ""}`;
        const open = button("Open", () => this.#switch(() => projects.open(entry.id)));
        open.disabled = current;
        const rename = button(
          "Rename",
          () => this.#run(() => projects.promptRename(entry.id, entry.name)),
          { writes: current },
        );
        const copy = button("Duplicate", () => this.#run(() => projects.duplicate(entry.id)));
        const remove = button(
          "Delete",
          () => this.#run(() => projects.remove(entry.id, entry.name)),
          { writes: current, danger: true },
        );
        for (const [element, action] of [
          [open, "open"],
          [rename, "rename"],
          [copy, "duplicate"],
          [remove, "delete"],
        ]) {
          element.dataset.action = action;
        }
        if (current && projects.store.readOnly) rename.disabled = remove.disabled = true;
        item.append(name, info, open, rename, copy, remove);
        return item;
      }),
    );
  }
}
