// Keyboard bindings. This table both binds the keys and feeds the help
// overlay, so the two cannot drift apart.
//
// A key spec is "Mod+Mod+key": modifiers Ctrl (also Cmd on macOS), Alt and
// Shift, then a KeyboardEvent.key name. Letters and digits are matched by the
// physical key (KeyboardEvent.code), so "Shift+1" works whatever character
// Shift+1 types on the layout. For other printable keys such as "?" or "+" the
// character already carries Shift, so Shift is not written.

/** Each entry: key specs, an action name, a help group and a description. */
export const KEYMAP = [
  // Files and images
  { keys: ["Ctrl+O"], action: "open-images", group: "Images", description: "Open images" },
  { keys: ["D", "PageDown"], action: "next-image", group: "Images", description: "Next image" },
  {
    keys: ["A", "PageUp"],
    action: "previous-image",
    group: "Images",
    description: "Previous image",
  },
  {
    keys: ["Home"],
    action: "first-image",
    group: "Images",
    description: "First image in the list",
  },
  { keys: ["End"], action: "last-image", group: "Images", description: "Last image in the list" },
  {
    keys: ["Shift+D"],
    action: "mark-done",
    group: "Images",
    description: "Mark the image done and go to the next one",
  },
  {
    keys: ["Shift+S"],
    action: "mark-skipped",
    group: "Images",
    description: "Mark the image skipped and go to the next one",
  },
  {
    keys: ["Shift+E"],
    action: "mark-no-objects",
    group: "Images",
    description: "Mark the image as having no objects and go to the next one",
  },
  {
    keys: [
      "Shift+1",
      "Shift+2",
      "Shift+3",
      "Shift+4",
      "Shift+5",
      "Shift+6",
      "Shift+7",
      "Shift+8",
      "Shift+9",
    ],
    action: "set-shot-type",
    group: "Images",
    description: "Set the image's shot type (the numbers shown in the image panel)",
  },
  {
    keys: ["Shift+M"],
    action: "pick-main-category",
    group: "Images",
    description: "Choose the listing's main category for the image",
  },

  // Boxes
  {
    keys: ["Enter"],
    action: "pick-category",
    group: "Boxes",
    description:
      "Choose a category for the selected box (with none selected: the current category)",
  },
  {
    keys: ["1", "2", "3", "4", "5", "6", "7", "8", "9"],
    action: "recent-category",
    group: "Boxes",
    description:
      "Give the selected box one of the 9 most recent categories and keep it as the current category (1 with no box selected: zoom to 100%)",
  },
  {
    keys: ["Shift+K"],
    action: "toggle-sticky",
    group: "Boxes",
    description: "Keep the current category for new boxes (no picker after drawing)",
  },
  {
    keys: ["Delete", "Backspace"],
    action: "delete-box",
    group: "Boxes",
    description: "Delete the selected box",
  },
  {
    keys: ["Escape"],
    action: "deselect",
    group: "Boxes",
    description: "Cancel the gesture, or clear the selection",
  },
  {
    keys: ["Tab", "Shift+Tab"],
    action: "cycle-selection",
    group: "Boxes",
    description:
      "Select the next box under the pointer (Shift: the previous one). Away from boxes, Tab moves the focus.",
  },
  {
    keys: ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"],
    action: "nudge",
    group: "Boxes",
    description: "Move the selected box by 1 px (pan the view when no box is selected)",
  },
  {
    keys: ["Shift+ArrowLeft", "Shift+ArrowRight", "Shift+ArrowUp", "Shift+ArrowDown"],
    action: "nudge",
    group: "Boxes",
    description: "Move the selected box by 10 px",
  },
  {
    keys: ["Alt+ArrowLeft", "Alt+ArrowRight", "Alt+ArrowUp", "Alt+ArrowDown"],
    action: "resize",
    group: "Boxes",
    description: "Resize the selected box by 1 px: Right and Down grow it, Left and Up shrink it",
  },
  {
    keys: [
      "Alt+Shift+ArrowLeft",
      "Alt+Shift+ArrowRight",
      "Alt+Shift+ArrowUp",
      "Alt+Shift+ArrowDown",
    ],
    action: "resize",
    group: "Boxes",
    description: "Resize the selected box by 10 px",
  },
  { keys: ["Shift+O"], action: "toggle-occluded", group: "Boxes", description: "Toggle occluded" },
  {
    keys: ["Shift+T"],
    action: "toggle-truncated",
    group: "Boxes",
    description: "Toggle truncated",
  },
  {
    keys: ["Shift+V"],
    action: "toggle-face-and-body",
    group: "Boxes",
    description: "Toggle face and body visible",
  },
  {
    keys: ["Shift+N"],
    action: "edit-note",
    group: "Boxes",
    description: "Edit the note of the selected box",
  },

  // Edit
  { keys: ["Ctrl+Z"], action: "undo", group: "Edit", description: "Undo" },
  { keys: ["Ctrl+Shift+Z", "Ctrl+Y"], action: "redo", group: "Edit", description: "Redo" },
  {
    keys: ["Ctrl+C"],
    action: "copy",
    group: "Edit",
    description: "Copy the selected box (all boxes when none is selected)",
  },
  { keys: ["Ctrl+V"], action: "paste", group: "Edit", description: "Paste boxes" },
  {
    keys: ["Shift+P"],
    action: "copy-previous",
    group: "Edit",
    description: "Copy every box of the previous image into this one",
  },

  // View
  { keys: ["+", "="], action: "zoom-in", group: "View", description: "Zoom in" },
  { keys: ["-", "_"], action: "zoom-out", group: "View", description: "Zoom out" },
  { keys: ["0"], action: "zoom-fit", group: "View", description: "Fit the image to the window" },
  {
    keys: [" "],
    action: "pan-hold",
    group: "View",
    description: "Hold Space and drag to pan (or drag with the middle button)",
  },
  { keys: ["H"], action: "toggle-boxes", group: "View", description: "Hide or show the boxes" },
  {
    keys: ["L"],
    action: "toggle-labels",
    group: "View",
    description: "Hide or show the box labels",
  },
  {
    keys: ["Shift+C"],
    action: "toggle-crosshair",
    group: "View",
    description: "Crosshair on or off",
  },
  { keys: ["["], action: "fill-less", group: "View", description: "Lower the box fill opacity" },
  { keys: ["]"], action: "fill-more", group: "View", description: "Raise the box fill opacity" },
  {
    keys: ["?", "F1"],
    action: "help",
    group: "View",
    description: "Show or hide this list of keys",
  },
];

/** Help text for the letters that the table leaves free. */
export const TYPE_AHEAD_NOTE =
  "Any letter not listed here opens the category picker with that letter typed: for the selected box, or, with no box selected, to choose the current category. For categories that start with A, D, H or L, press Enter and type.";

function isTyping(target) {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/** Normalizes a spec such as "ctrl+shift+z" to "Ctrl+Shift+z". */
export function normalizeSpec(spec) {
  const parts = spec === "+" ? ["+"] : spec.split(/\+(?!$)/);
  const key = parts.pop();
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  return comboString(mods.has("ctrl"), mods.has("alt"), mods.has("shift"), key);
}

function comboString(ctrl, alt, shift, key) {
  const base = key.length === 1 ? key.toLowerCase() : key;
  return `${ctrl ? "Ctrl+" : ""}${alt ? "Alt+" : ""}${shift ? "Shift+" : ""}${base}`;
}

/** The spec string a keydown event matches, in normalizeSpec's form. */
export function eventCombo(event) {
  const ctrl = event.ctrlKey || event.metaKey;
  const physical = /^(?:Key([A-Z])|Digit([0-9]))$/.exec(event.code || "");
  if (physical) {
    return comboString(ctrl, event.altKey, event.shiftKey, physical[1] || physical[2]);
  }
  // Shift is part of a printed character ("?" is Shift+/ on many layouts).
  const named = event.key.length > 1;
  return comboString(ctrl, event.altKey, named && event.shiftKey, event.key);
}

/** A key spec as the help overlay shows it. */
export function displaySpec(spec) {
  if (spec === " ") return "Space";
  return spec.replace(
    /Arrow(Left|Right|Up|Down)$/,
    (_, d) => ({ Left: "←", Right: "→", Up: "↑", Down: "↓" })[d],
  );
}

/**
 * Calls actions[name](event, spec) for bound keys typed outside text fields.
 * An unbound letter without Ctrl or Alt goes to `onLetter(letter)`, which
 * returns true when it used the letter.
 */
export function bindKeys(target, actions, { onLetter } = {}) {
  const byCombo = new Map();
  for (const entry of KEYMAP) {
    for (const spec of entry.keys) byCombo.set(normalizeSpec(spec), { entry, spec });
  }
  target.addEventListener("keydown", (event) => {
    if (isTyping(event.target) || event.defaultPrevented) return;
    const found = byCombo.get(eventCombo(event));
    if (found && actions[found.entry.action]) {
      // An action returns false when it does not apply, so the browser's
      // default (Tab moving the focus, for one) still happens.
      if (actions[found.entry.action](event, found.spec) !== false) event.preventDefault();
      return;
    }
    const plainLetter =
      /^\p{L}$/u.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey;
    if (plainLetter && onLetter && onLetter(event.key)) event.preventDefault();
  });
}
