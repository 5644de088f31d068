import sharp from 'sharp';
import type { RgbImage } from '../selective-search/image.js';

/** Decodes an encoded image (JPEG, PNG, …) once into 8-bit interleaved RGB. */
export async function decodeRgb(bytes: Uint8Array, what: string): Promise<RgbImage> {
  let decoded: { data: Buffer; info: sharp.OutputInfo };
  try {
    decoded = await sharp(bytes).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw new Error(`${what}: cannot decode image (${err instanceof Error ? err.message : String(err)})`);
  }
  const { width, height, channels } = decoded.info;
  if (channels === 3) return { width, height, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length) };
  // Grey images come back with one channel; replicate it.
  const data = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) data.fill(decoded.data[p * channels], 3 * p, 3 * p + 3);
  return { width, height, data };
}
