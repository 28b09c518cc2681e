// In-page dialogs built on <dialog>; no window.confirm popups.
// Every string is set as text.

/**
 * Shows a modal question with one button per choice and resolves to the value
 * of the chosen one, or null when the user cancels (Esc or the cancel button).
 */
export function choiceDialog({ title, message, choices, cancel = "Cancel" }) {
  const dialog = document.querySelector("#confirm-dialog");
  dialog.querySelector("h2").textContent = title;
  dialog.querySelector("p").textContent = message;
  const menu = dialog.querySelector("menu");
  const cancelButton = document.createElement("button");
  cancelButton.type = "submit";
  cancelButton.value = "cancel";
  cancelButton.textContent = cancel;
  const buttons = choices.map(({ value, label }, index) => {
    const button = document.createElement("button");
    button.type = "submit";
    button.value = value;
    button.textContent = label;
    if (index === choices.length - 1) button.className = "primary";
    return button;
  });
  menu.replaceChildren(cancelButton, ...buttons);
  dialog.returnValue = "cancel";
  return new Promise((resolve) => {
    dialog.addEventListener(
      "close",
      () => resolve(dialog.returnValue === "cancel" ? null : dialog.returnValue),
      { once: true },
    );
    dialog.showModal();
    buttons[buttons.length - 1].focus();
  });
}

/** Shows a modal question and resolves to true when the user confirms. */
export async function confirmDialog({ title, message, confirm = "OK", cancel = "Cancel" }) {
  const choice = await choiceDialog({
    title,
    message,
    cancel,
    choices: [{ value: "confirm", label: confirm }],
  });
  return choice === "confirm";
}
