/** An 8-bit RGB image, interleaved (r, g, b per pixel), row-major: the form sharp's `.raw()` gives. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A float image stored as one plane per channel, so filters run over contiguous memory. */
export interface PlanarImage {
  width: number;
  height: number;
  planes: Float32Array[];
}

export function checkRgbImage(image: RgbImage, what = 'image'): void {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`${what}: size must be positive integers, got ${width}×${height}`);
  }
  if (data.length !== width * height * 3) {
    throw new Error(`${what}: expected ${width * height * 3} bytes of RGB for ${width}×${height}, got ${data.length}`);
  }
}
