// Small helpers for user-facing text.

/** Returns "1 error", "2 errors" and so on. */
export function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
