import { scaleRect, type LabelledBox, type Rect } from '../boxes.js';
import { decodeRgb } from '../regions/decode.js';
import type { RgbImage } from '../selective-search/image.js';

/**
 * One detection image as the data library's shards hold it (structurally an `ImageRecord`):
 * `width`/`height` and `boxes` are in ORIGINAL-image pixels; the encoded `image` may be smaller.
 */
export interface DetectionImage {
  key: string;
  width: number;
  height: number;
  image: Uint8Array;
  boxes: LabelledBox[];
}

/** A decoded image and the factors that map its pixel grid to the original one. */
export interface DecodedImage {
  rgb: RgbImage;
  /** original px per decoded px, horizontally and vertically. */
  toOriginalX: number;
  toOriginalY: number;
}

export async function decodeDetectionImage(img: DetectionImage): Promise<DecodedImage> {
  if (!(img.width > 0 && img.height > 0)) throw new Error(`${img.key}: original size ${img.width}×${img.height} is not positive`);
  const rgb = await decodeRgb(img.image, img.key);
  return { rgb, toOriginalX: img.width / rgb.width, toOriginalY: img.height / rgb.height };
}

export function toOriginal<T extends Rect>(d: DecodedImage, box: T): T {
  return scaleRect(box, d.toOriginalX, d.toOriginalY);
}

export function toDecoded<T extends Rect>(d: DecodedImage, box: T): T {
  return scaleRect(box, 1 / d.toOriginalX, 1 / d.toOriginalY);
}
