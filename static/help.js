// The "?" overlay: every key of the KEYMAP table, grouped, plus the letters
// that open the picker. It is built from the same table that binds the keys.
import { KEYMAP, TYPE_AHEAD_NOTE, displaySpec } from "./keys.js";

export class HelpOverlay {
  constructor() {
    this.dialog = document.createElement("dialog");
    this.dialog.id = "help";
    this.dialog.className = "help";
    this.dialog.setAttribute("aria-labelledby", "help-title");
    const title = document.createElement("h2");
    title.id = "help-title";
    title.textContent = "Keyboard shortcuts";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "help-close";
    close.textContent = "Close (Esc)";
    close.addEventListener("click", () => this.dialog.close());
    const header = document.createElement("header");
    header.append(title, close);
    const note = document.createElement("p");
    note.className = "hint";
    note.textContent = `${TYPE_AHEAD_NOTE} Ctrl means Cmd on macOS. Drawing a box needs the mouse: drag on the photo. Dragging the selected box moves it; a drag that starts anywhere else, other boxes included, draws a new box, and Shift+drag always draws.`;
    this.dialog.append(header, note, ...this.#tables());
    this.dialog.addEventListener("keydown", (event) => {
      if (event.key === "?" || event.key === "F1") {
        event.preventDefault();
        this.dialog.close();
      }
      event.stopPropagation();
    });
    document.body.append(this.dialog);
  }

  #tables() {
    const groups = Map.groupBy(KEYMAP, (entry) => entry.group);
    return [...groups].map(([group, entries]) => {
      const table = document.createElement("table");
      const caption = document.createElement("caption");
      caption.textContent = group;
      table.append(caption);
      for (const entry of entries) {
        const row = table.insertRow();
        row.dataset.action = entry.action;
        const keys = row.insertCell();
        keys.className = "keys";
        for (const spec of entry.keys) {
          const key = document.createElement("kbd");
          key.textContent = displaySpec(spec);
          key.dataset.spec = spec;
          keys.append(key, " ");
        }
        row.insertCell().textContent = entry.description;
      }
      return table;
    });
  }

  isOpen() {
    return this.dialog.open;
  }

  toggle() {
    if (this.dialog.open) this.dialog.close();
    else this.dialog.showModal();
  }
}
