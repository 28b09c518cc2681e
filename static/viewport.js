// The one transform between image pixels and canvas (CSS) pixels:
//   screen = image * scale + offset
// Boxes live in image pixels; only drawing and pointer input cross this line.

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 32;

export class Viewport {
  constructor() {
    this.scale = 1;
    this.offsetX = 0;
    this.offsetY = 0;
  }

  toScreen(x, y) {
    return [x * this.scale + this.offsetX, y * this.scale + this.offsetY];
  }

  toImage(sx, sy) {
    return [(sx - this.offsetX) / this.scale, (sy - this.offsetY) / this.scale];
  }

  /** Scales the image to fit the canvas with a margin, centred. */
  fit(imageWidth, imageHeight, canvasWidth, canvasHeight, margin = 16) {
    const scale = Math.min(
      (canvasWidth - 2 * margin) / imageWidth,
      (canvasHeight - 2 * margin) / imageHeight,
    );
    this.scale = clampScale(scale > 0 ? scale : 1);
    this.center(imageWidth, imageHeight, canvasWidth, canvasHeight);
  }

  center(imageWidth, imageHeight, canvasWidth, canvasHeight) {
    this.offsetX = (canvasWidth - imageWidth * this.scale) / 2;
    this.offsetY = (canvasHeight - imageHeight * this.scale) / 2;
  }

  /** Sets the scale while keeping the image point under (sx, sy) in place. */
  zoomAt(scale, sx, sy) {
    const [ix, iy] = this.toImage(sx, sy);
    this.scale = clampScale(scale);
    this.offsetX = sx - ix * this.scale;
    this.offsetY = sy - iy * this.scale;
  }

  panBy(dx, dy) {
    this.offsetX += dx;
    this.offsetY += dy;
  }
}

export function clampScale(scale) {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}
