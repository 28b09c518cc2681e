// Small helpers for user-facing text.

/** Returns "1 error", "2 errors", "3 boxes" and so on. */
export function plural(count, word) {
  if (count === 1) return `${count} ${word}`;
  return `${count} ${word}${/(s|x|ch|sh)$/.test(word) ? "es" : "s"}`;
}
