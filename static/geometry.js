// Box geometry in image pixels. A bbox is [x, y, w, h] with w > 0 and h > 0.

/** Boxes smaller than this many image pixels on either side are not created. */
export const MIN_BOX_SIDE = 1;

/** Rounds to 1/100 px so stored numbers stay short without visible loss. */
export function roundCoord(value) {
  return Math.round(value * 100) / 100;
}

export function clamp(value, low, high) {
  return Math.min(high, Math.max(low, value));
}

/** Turns two corner points into a bbox clamped to the image, or null if too small. */
export function boxFromCorners(x0, y0, x1, y1, width, height) {
  const left = clamp(Math.min(x0, x1), 0, width);
  const right = clamp(Math.max(x0, x1), 0, width);
  const top = clamp(Math.min(y0, y1), 0, height);
  const bottom = clamp(Math.max(y0, y1), 0, height);
  const bbox = [roundCoord(left), roundCoord(top), 0, 0];
  bbox[2] = roundCoord(roundCoord(right) - bbox[0]);
  bbox[3] = roundCoord(roundCoord(bottom) - bbox[1]);
  return bbox[2] >= MIN_BOX_SIDE && bbox[3] >= MIN_BOX_SIDE ? bbox : null;
}

/** Moves a bbox by (dx, dy), keeping it inside the image. */
export function moveBox([x, y, w, h], dx, dy, width, height) {
  const nx = clamp(x + dx, 0, Math.max(0, width - w));
  const ny = clamp(y + dy, 0, Math.max(0, height - h));
  return [roundCoord(nx), roundCoord(ny), w, h];
}

// Handles by name: which edges each one drags. "w" is the left edge.
export const HANDLES = {
  nw: { left: true, top: true },
  n: { top: true },
  ne: { right: true, top: true },
  e: { right: true },
  se: { right: true, bottom: true },
  s: { bottom: true },
  sw: { left: true, bottom: true },
  w: { left: true },
};

export const HANDLE_CURSORS = {
  nw: "nwse-resize",
  se: "nwse-resize",
  ne: "nesw-resize",
  sw: "nesw-resize",
  n: "ns-resize",
  s: "ns-resize",
  e: "ew-resize",
  w: "ew-resize",
};

/**
 * Drags one handle of a bbox to the image point (px, py). Dragging past the
 * opposite edge flips the box, so width and height stay positive. Returns null
 * when the result would be smaller than MIN_BOX_SIDE.
 */
export function resizeBox([x, y, w, h], handle, px, py, width, height) {
  const edges = HANDLES[handle];
  let x0 = x;
  let y0 = y;
  let x1 = x + w;
  let y1 = y + h;
  if (edges.left) x0 = px;
  if (edges.right) x1 = px;
  if (edges.top) y0 = py;
  if (edges.bottom) y1 = py;
  return boxFromCorners(x0, y0, x1, y1, width, height);
}

/** Screen positions of the 8 handles of a screen-space rectangle. */
export function handlePoints(sx, sy, sw, sh) {
  const cx = sx + sw / 2;
  const cy = sy + sh / 2;
  return {
    nw: [sx, sy],
    n: [cx, sy],
    ne: [sx + sw, sy],
    e: [sx + sw, cy],
    se: [sx + sw, sy + sh],
    s: [cx, sy + sh],
    sw: [sx, sy + sh],
    w: [sx, cy],
  };
}

export function containsPoint([x, y, w, h], px, py, slack = 0) {
  return px >= x - slack && px <= x + w + slack && py >= y - slack && py <= y + h + slack;
}

/** Fits a bbox inside the image: shrinks it if it is larger, then shifts it in. */
export function clampBox([x, y, w, h], width, height) {
  const cw = Math.min(w, width);
  const ch = Math.min(h, height);
  return [
    roundCoord(clamp(x, 0, width - cw)),
    roundCoord(clamp(y, 0, height - ch)),
    roundCoord(cw),
    roundCoord(ch),
  ];
}

/**
 * Moves the right or bottom edge of a bbox by (dw, dh), keeping at least
 * MIN_BOX_SIDE and staying inside the image.
 */
export function growBox([x, y, w, h], dw, dh, width, height) {
  const nw = clamp(w + dw, MIN_BOX_SIDE, width - x);
  const nh = clamp(h + dh, MIN_BOX_SIDE, height - y);
  return [x, y, roundCoord(nw), roundCoord(nh)];
}
