// Image files: opening them, matching them to project records, decoding them.
// Files never leave the machine; they are read with the browser's own decoder.
import { checkImageHeader } from "./imagecheck.js";
import { getLogger } from "./log.js";

const log = getLogger("images");

export const IMAGE_TYPES = /\.(jpe?g|png|webp|gif|bmp|avif)$/i;
/** Largest side accepted, in pixels; matches the Python model's limit. */
export const MAX_IMAGE_SIDE = 30000;
export const MAX_IMAGE_PIXELS = 200_000_000;

export class ImageSources {
  constructor() {
    this.files = new Map();
    this.bitmaps = new Map();
    this.decoding = new Map();
  }

  attach(imageId, file) {
    this.files.set(imageId, file);
    this.bitmaps.get(imageId)?.close();
    this.bitmaps.delete(imageId);
  }

  has(imageId) {
    return this.files.has(imageId);
  }

  bitmap(imageId) {
    return this.bitmaps.get(imageId) || null;
  }

  /** Decodes an image (EXIF orientation applied) once; later calls share it. */
  decode(imageId) {
    if (this.bitmaps.has(imageId)) return Promise.resolve(this.bitmaps.get(imageId));
    if (this.decoding.has(imageId)) return this.decoding.get(imageId);
    const file = this.files.get(imageId);
    if (!file) return Promise.resolve(null);
    const job = createImageBitmap(file, { imageOrientation: "from-image" })
      .then((bitmap) => {
        this.bitmaps.set(imageId, bitmap);
        return bitmap;
      })
      .finally(() => this.decoding.delete(imageId));
    this.decoding.set(imageId, job);
    return job;
  }

  /** Frees decoded pixels of every image not in `keep`. */
  trim(keep) {
    for (const [imageId, bitmap] of this.bitmaps) {
      if (!keep.has(imageId)) {
        bitmap.close();
        this.bitmaps.delete(imageId);
      }
    }
  }
}

export function displayName(file) {
  return file.webkitRelativePath || file.name;
}

/** Reads an image's displayed size; rejects files the browser cannot decode. */
export async function measure(file) {
  await checkImageHeader(file, MAX_IMAGE_SIDE, MAX_IMAGE_PIXELS);
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  const size = { width: bitmap.width, height: bitmap.height };
  if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) {
    bitmap.close();
    throw new Error(
      `${size.width}×${size.height} px is larger than the limit of ${MAX_IMAGE_SIDE} px a side`,
    );
  }
  return { size, bitmap };
}

/**
 * Adds files to the project. A file whose name and size match an image already
 * in the project is attached to that image, so its boxes come back.
 * Returns { opened: [imageIds], skipped: [{name, reason}] }.
 */
export async function openFiles(files, store, sources) {
  const opened = [];
  const skipped = [];
  for (const file of files) {
    const name = displayName(file);
    if (!IMAGE_TYPES.test(name) && !file.type.startsWith("image/")) {
      skipped.push({ name, reason: "not an image file" });
      continue;
    }
    try {
      const existing = store.findImage(name, file.size);
      const { size, bitmap } = await measure(file);
      let image = existing;
      if (!image) {
        image = store.addImage({ file_name: name, ...size, file_size: file.size });
      } else if (image.width !== size.width || image.height !== size.height) {
        log.warn(`${name} is ${size.width}×${size.height} now, was ${image.width}×${image.height}`);
      }
      sources.attach(image.id, file);
      sources.bitmaps.set(image.id, bitmap);
      opened.push(image.id);
    } catch (error) {
      skipped.push({ name, reason: error.message || String(error) });
    }
  }
  return { opened, skipped };
}
