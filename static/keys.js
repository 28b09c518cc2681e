// Keyboard bindings. This table both binds the keys and feeds the help list,
// so the two cannot drift apart.

/** Each entry: key names as KeyboardEvent.key gives them, an action name, a description. */
export const KEYMAP = [
  { keys: ["Delete", "Backspace"], action: "delete-box", description: "Delete the selected box" },
  {
    keys: ["Escape"],
    action: "deselect",
    description: "Cancel the gesture, or clear the selection",
  },
  {
    keys: ["Enter"],
    action: "pick-category",
    description: "Choose a category for the selected box",
  },
  { keys: ["+", "="], action: "zoom-in", description: "Zoom in" },
  { keys: ["-", "_"], action: "zoom-out", description: "Zoom out" },
  { keys: ["0"], action: "zoom-fit", description: "Fit the image to the window" },
  { keys: ["1"], action: "zoom-actual", description: "Show the image at 100% (1:1)" },
  {
    keys: [" "],
    action: "pan-hold",
    description: "Hold Space and drag to pan (or drag with the middle button)",
  },
];

function isTyping(target) {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/** Calls actions[name](event) for bound keys typed outside text fields. */
export function bindKeys(target, actions) {
  const byKey = new Map();
  for (const entry of KEYMAP) for (const key of entry.keys) byKey.set(key, entry.action);
  target.addEventListener("keydown", (event) => {
    if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    const action = byKey.get(event.key);
    if (action && actions[action]) {
      event.preventDefault();
      actions[action](event);
    }
  });
}
