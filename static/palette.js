// Category colors. The first eight are the Okabe-Ito palette, which stays
// distinguishable under the common forms of color blindness; the rest extend
// it with Paul Tol's "muted" scheme. Ids beyond the list wrap around.
const COLORS = [
  "#E69F00",
  "#56B4E9",
  "#009E73",
  "#F0E442",
  "#0072B2",
  "#D55E00",
  "#CC79A7",
  "#000000",
  "#332288",
  "#88CCEE",
  "#44AA99",
  "#117733",
  "#999933",
  "#DDCC77",
  "#CC6677",
  "#882255",
  "#AA4499",
];

export const UNLABELED_COLOR = "#ff2d55";

export function categoryColor(categoryId) {
  if (categoryId === null || categoryId === undefined) return UNLABELED_COLOR;
  return COLORS[(categoryId - 1) % COLORS.length];
}

/** Black or white, whichever reads better on a color (WCAG relative luminance). */
export function textColorOn(hex) {
  const channel = (i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.179 ? "#000" : "#fff";
}
