// Banners across the top of the page for states that need the user: storage
// full, another tab edits the project, a new version is ready. Text only.

function container() {
  let root = document.getElementById("notices");
  if (!root) {
    root = document.createElement("div");
    root.id = "notices";
    root.className = "notices";
    document.body.prepend(root);
  }
  return root;
}

/**
 * Shows (or replaces) the banner with this id.
 *
 * @param {string} id Stable id; a second call with it replaces the first banner.
 * @param {string} text Message, set as text.
 * @param {Array<{label: string, action: Function}>} actions Buttons, in order.
 * @param {string} level "info" or "error".
 */
export function showNotice(id, text, actions = [], level = "info") {
  hideNotice(id);
  const banner = document.createElement("div");
  banner.id = `notice-${id}`;
  banner.className = `notice ${level}`;
  banner.setAttribute("role", level === "error" ? "alert" : "status");
  const message = document.createElement("span");
  message.className = "notice-text";
  message.textContent = text;
  banner.append(message);
  for (const { label, action } of actions) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.addEventListener("click", () => action());
    banner.append(button);
  }
  container().append(banner);
  return banner;
}

export function hideNotice(id) {
  document.getElementById(`notice-${id}`)?.remove();
}
