/** Stored images back to pixels, for the stages that feed networks (tfjs-free). */
import sharp from 'sharp';

export interface RgbImage {
  width: number;
  height: number;
  /** RGB, row-major, 3 bytes per pixel. */
  data: Uint8Array;
}

/** Decodes an encoded image (a shard's `image` column) to 8-bit RGB; `label` names it in errors. */
export async function decodeRgb(image: Uint8Array, label = 'image'): Promise<RgbImage> {
  try {
    const { data, info } = await sharp(image).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (err) {
    throw new Error(`${label}: cannot decode (${(err as Error).message})`);
  }
}
