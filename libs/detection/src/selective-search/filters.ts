/** Gaussian smoothing of one float plane, separable, clamp-to-edge borders. */

/** Normalised Gaussian taps for offsets 0..r, r = ceil(4σ) (Felzenszwalb's WIDTH of 4σ); symmetric. */
export function gaussianKernel(sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(4 * sigma));
  const half = new Float32Array(radius + 1);
  let sum = 0;
  for (let i = 0; i <= radius; i++) {
    const v = Math.exp(-(i * i) / (2 * sigma * sigma));
    half[i] = v;
    sum += i === 0 ? v : 2 * v;
  }
  for (let i = 0; i <= radius; i++) half[i] /= sum;
  return half;
}

/** out[x] = k0·in[x] + Σ_j kj·(in[x−j] + in[x+j]) along rows, then along columns. */
export function gaussianBlur(src: Float32Array, width: number, height: number, sigma: number): Float32Array {
  if (sigma <= 0) return src.slice();
  const k = gaussianKernel(sigma);
  const r = k.length - 1;
  const tmp = new Float32Array(src.length);
  const clampX = (x: number) => (x < 0 ? 0 : x >= width ? width - 1 : x);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let acc = k[0] * src[row + x];
      if (x >= r && x + r < width) {
        for (let j = 1; j <= r; j++) acc += k[j] * (src[row + x - j] + src[row + x + j]);
      } else {
        for (let j = 1; j <= r; j++) acc += k[j] * (src[row + clampX(x - j)] + src[row + clampX(x + j)]);
      }
      tmp[row + x] = acc;
    }
  }
  const out = new Float32Array(src.length);
  const up = new Int32Array(r + 1);
  const down = new Int32Array(r + 1);
  for (let y = 0; y < height; y++) {
    // Row offsets of the taps, clamped once per row rather than per pixel.
    for (let j = 1; j <= r; j++) {
      up[j] = Math.max(0, y - j) * width;
      down[j] = Math.min(height - 1, y + j) * width;
    }
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let acc = k[0] * tmp[row + x];
      for (let j = 1; j <= r; j++) acc += k[j] * (tmp[up[j] + x] + tmp[down[j] + x]);
      out[row + x] = acc;
    }
  }
  return out;
}
