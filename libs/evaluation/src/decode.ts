/**
 * One sharp decode + resize per image per scale. The target size comes from the crop plan, which
 * is computed from the ORIGINAL image size; the stored JPEG may be smaller (ingest caps the
 * shorter side), and resizing the whole decoded image to the planned size maps original-pixel
 * rectangles onto it by the ratio decoded/original automatically.
 */
import sharp from 'sharp';
import type { RawRgbImage } from './pixels.js';

export async function decodeResized(jpeg: Uint8Array, widthPx: number, heightPx: number, what: string): Promise<RawRgbImage> {
  let result: { data: Buffer; info: sharp.OutputInfo };
  try {
    result = await sharp(jpeg, { failOn: 'none' })
      .removeAlpha()
      .resize(widthPx, heightPx, { fit: 'fill' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw new Error(`${what}: cannot decode image (${err instanceof Error ? err.message : String(err)})`);
  }
  const { data, info } = result;
  if (info.channels !== 3 || info.width !== widthPx || info.height !== heightPx) {
    throw new Error(`${what}: decoded to ${info.width}×${info.height}×${info.channels}, expected ${widthPx}×${heightPx}×3`);
  }
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: widthPx, height: heightPx };
}
