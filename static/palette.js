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
