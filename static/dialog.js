// In-page confirmation dialog, built on <dialog>; no window.confirm popups.

/**
 * Shows a modal question and resolves to true when the user confirms.
 * Every string is set as text.
 */
export function confirmDialog({ title, message, confirm = "OK", cancel = "Cancel" }) {
  const dialog = document.querySelector("#confirm-dialog");
  dialog.querySelector("h2").textContent = title;
  dialog.querySelector("p").textContent = message;
  const ok = dialog.querySelector("[value=confirm]");
  ok.textContent = confirm;
  dialog.querySelector("[value=cancel]").textContent = cancel;
  dialog.returnValue = "cancel";
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), {
      once: true,
    });
    dialog.showModal();
    ok.focus();
  });
}
