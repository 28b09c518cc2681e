// In-page prompt for one line of text, built on <dialog> so that focus stays
// inside and Esc cancels; never window.prompt.

function build({ title, message, value, confirmLabel }) {
  const dialog = document.createElement("dialog");
  dialog.className = "prompt-dialog";
  const form = document.createElement("form");
  form.method = "dialog";
  const heading = document.createElement("h2");
  heading.textContent = title;
  form.append(heading);

  if (message) {
    const text = document.createElement("p");
    text.textContent = message;
    form.append(text);
  }
  const field = document.createElement("input");
  field.name = "value";
  field.value = value;
  field.maxLength = 200;
  field.setAttribute("aria-label", title);
  form.append(field);

  const buttons = document.createElement("p");
  buttons.className = "dialog-buttons";
  const cancel = document.createElement("button");
  // A plain button, so that Enter submits with the confirm button.
  cancel.type = "button";
  cancel.textContent = "Cancel";
  cancel.addEventListener("click", () => dialog.close("cancel"));
  const confirm = document.createElement("button");
  confirm.value = "confirm";
  confirm.textContent = confirmLabel;
  confirm.className = "primary";
  buttons.append(cancel, confirm);
  form.append(buttons);
  dialog.append(form);
  return { dialog, field };
}

/** Asks for one line of text; resolves to it trimmed, or null if cancelled. */
export function promptDialog({ title, message = "", value = "", confirmLabel = "OK" }) {
  const { dialog, field } = build({ title, message, value, confirmLabel });
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      const confirmed = dialog.returnValue === "confirm";
      dialog.remove();
      resolve(confirmed ? field.value.trim() : null);
    });
    dialog.showModal();
    field.focus();
    field.select();
  });
}
