// Reads an image's pixel size from its header, before the browser decodes it,
// so that a 100000×100000 px file is rejected without allocating its pixels.

/** Bytes read from the start of a file; JPEG size markers sit within this. */
const HEAD_BYTES = 512 * 1024;

function png(view) {
  // Signature, then the IHDR chunk: length, type, width, height.
  if (view.byteLength < 24 || view.getUint32(0) !== 0x89504e47) return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function gif(view) {
  if (view.byteLength < 10 || view.getUint32(0) !== 0x47494638) return null;
  return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
}

function webp(view) {
  if (view.byteLength < 30 || view.getUint32(0) !== 0x52494646) return null;
  if (view.getUint32(8) !== 0x57454250) return null;
  const chunk = view.getUint32(12);
  if (chunk === 0x56503858) {
    // VP8X: 24-bit canvas width and height, each stored minus one.
    const width = 1 + (view.getUint32(24, true) & 0xffffff);
    const height = 1 + (view.getUint32(27, true) & 0xffffff);
    return { width, height };
  }
  if (chunk === 0x5650384c) {
    // VP8L: 14 bits each, minus one, after a one-byte signature.
    const bits = view.getUint32(21, true);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  if (chunk === 0x56503820) {
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  return null;
}

function jpeg(view) {
  if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return null;
  let offset = 2;
  while (offset + 9 < view.byteLength) {
    if (view.getUint8(offset) !== 0xff) return null;
    const marker = view.getUint8(offset + 1);
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = view.getUint16(offset + 2);
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    }
    offset += 2 + length;
  }
  return null;
}

/** Returns { width, height } from a PNG, JPEG, WebP or GIF header, or null. */
export async function headerSize(file) {
  const view = new DataView(await file.slice(0, HEAD_BYTES).arrayBuffer());
  for (const read of [png, jpeg, webp, gif]) {
    const size = read(view);
    if (size) return size;
  }
  return null;
}

/**
 * Rejects an image whose header declares more pixels than the limits allow.
 * A header it cannot read passes; the decoder's result is checked after.
 */
export async function checkImageHeader(file, maxSide, maxPixels) {
  const size = await headerSize(file);
  if (!size) return null;
  const { width, height } = size;
  if (width > maxSide || height > maxSide) {
    throw new Error(`${width}×${height} px is larger than the limit of ${maxSide} px a side`);
  }
  if (width * height > maxPixels) {
    throw new Error(
      `${width}×${height} px is ${width * height} pixels, over the limit of ${maxPixels}`,
    );
  }
  return size;
}
