/** Procedural raster drawing for the demo dataset: cluttered backgrounds and filled shapes, RGB in a Uint8Array. */
import type { Rng } from '@googlenet/util';
import type { Box } from '../types.js';
import type { ShapeName, SynthClass } from './classes.js';

export interface Canvas {
  width: number;
  height: number;
  /** RGB, row-major, 3 bytes per pixel; clamped arrays round and clip on assignment. */
  rgb: Uint8ClampedArray;
}

/** Cheap per-pixel noise in [-0.5, 0.5): xorshift32 seeded from the image's Rng (the Rng is too slow per pixel). */
function pixelNoise(rng: Rng): () => number {
  let x = rng.nextUint32() || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296 - 0.5;
  };
}

/** A gradient of two muted colours, pixel noise, and clutter: thin lines and small blotches of any colour. */
export function clutteredBackground(width: number, height: number, rng: Rng): Canvas {
  const rgb = new Uint8ClampedArray(width * height * 3);
  const noise = pixelNoise(rng);
  const muted = (): number[] => {
    const grey = rng.uniform(60, 200);
    return [0, 1, 2].map(() => grey + rng.uniform(-40, 40));
  };
  const a = muted();
  const b = muted();
  const angle = rng.uniform(0, Math.PI * 2);
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  const span = Math.abs(dx) * width + Math.abs(dy) * height;
  const [a0, a1, a2] = a as [number, number, number];
  const [d0, d1, d2] = [b[0]! - a0, b[1]! - a1, b[2]! - a2];
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0; x < width; x++, o += 3) {
      const t = Math.min(1, Math.max(0, ((x - width / 2) * dx + (y - height / 2) * dy) / span + 0.5));
      const n = noise() * 24;
      rgb[o] = a0 + d0 * t + n;
      rgb[o + 1] = a1 + d1 * t + n;
      rgb[o + 2] = a2 + d2 * t + n;
    }
  }
  const canvas = { width, height, rgb };
  const items = 8 + rng.int(12);
  for (let i = 0; i < items; i++) {
    const colour = [rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255)];
    const alpha = rng.uniform(0.3, 0.8);
    if (rng.next() < 0.5) {
      // A thin line segment.
      const x0 = rng.uniform(0, width);
      const y0 = rng.uniform(0, height);
      const len = rng.uniform(0.1, 0.6) * Math.max(width, height);
      const th = rng.uniform(0, Math.PI);
      const thick = 1 + rng.int(3);
      for (let s = 0; s < len; s += 0.5) {
        const px = Math.round(x0 + Math.cos(th) * s);
        const py = Math.round(y0 + Math.sin(th) * s);
        for (let k = 0; k < thick; k++) blend(canvas, px, py + k, colour, alpha);
      }
    } else {
      // A small irregular blotch (a noisy rectangle, too small and ragged to pass for an object).
      const w = Math.max(3, Math.round(rng.uniform(0.02, 0.07) * width));
      const h = Math.max(3, Math.round(rng.uniform(0.02, 0.07) * height));
      const x0 = rng.int(width);
      const y0 = rng.int(height);
      for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) if (rng.next() < 0.7) blend(canvas, x, y, colour, alpha);
    }
  }
  return canvas;
}

function blend(c: Canvas, x: number, y: number, colour: number[], alpha: number): void {
  if (x < 0 || y < 0 || x >= c.width || y >= c.height) return;
  const o = (y * c.width + x) * 3;
  for (let k = 0; k < 3; k++) c.rgb[o + k] = c.rgb[o + k]! * (1 - alpha) + colour[k]! * alpha;
}

/** Whether local coordinates (u, v) ∈ [-1, 1]² fall inside the shape. */
export function insideShape(shape: ShapeName, u: number, v: number): boolean {
  const r2 = u * u + v * v;
  switch (shape) {
    case 'disc':
      return r2 <= 1;
    case 'square':
      return Math.abs(u) <= 0.85 && Math.abs(v) <= 0.85;
    case 'triangle':
      return v >= -0.9 && v <= 0.9 && Math.abs(u) <= ((v + 0.9) / 1.8) * 0.95;
    case 'ring':
      return r2 <= 1 && r2 >= 0.55 * 0.55;
    case 'cross':
      return (Math.abs(u) <= 0.3 && Math.abs(v) <= 0.95) || (Math.abs(v) <= 0.3 && Math.abs(u) <= 0.95);
    case 'star': {
      const phi = Math.atan2(v, u) + Math.PI / 2;
      const spike = Math.pow((Math.cos(5 * phi) + 1) / 2, 2);
      return Math.sqrt(r2) <= 0.38 + 0.6 * spike;
    }
  }
}

export interface Placement {
  cx: number;
  cy: number;
  /** Half extents before rotation, in pixels. */
  halfW: number;
  halfH: number;
  rotation: number;
}

/**
 * Paints one object of class `cls` with per-instance colour jitter, shading and (for striped
 * classes) stripes; returns its tight box (inclusive pixel bounds of what was painted), or null
 * if nothing landed on the canvas.
 */
export function drawObject(canvas: Canvas, cls: SynthClass, at: Placement, rng: Rng): Box | null {
  const gain = rng.uniform(0.75, 1.1);
  const base = cls.rgb.map((c) => c * gain + rng.uniform(-18, 18));
  const stripePeriod = rng.uniform(0.25, 0.45);
  const shadeAngle = rng.uniform(0, Math.PI * 2);
  const cos = Math.cos(at.rotation);
  const sin = Math.sin(at.rotation);
  const [shadeU, shadeV] = [0.22 * Math.cos(shadeAngle), 0.22 * Math.sin(shadeAngle)];
  // Extent of the rotated [-halfW, halfW] × [-halfH, halfH] rectangle.
  const ex = Math.ceil(Math.abs(at.halfW * cos) + Math.abs(at.halfH * sin)) + 1;
  const ey = Math.ceil(Math.abs(at.halfW * sin) + Math.abs(at.halfH * cos)) + 1;
  const noise = pixelNoise(rng);
  let box: Box | null = null;
  for (let y = Math.max(0, Math.floor(at.cy - ey)); y <= Math.min(canvas.height - 1, Math.ceil(at.cy + ey)); y++) {
    for (let x = Math.max(0, Math.floor(at.cx - ex)); x <= Math.min(canvas.width - 1, Math.ceil(at.cx + ex)); x++) {
      const dx = x - at.cx;
      const dy = y - at.cy;
      const u = (dx * cos + dy * sin) / at.halfW;
      const v = (-dx * sin + dy * cos) / at.halfH;
      if (u < -1 || u > 1 || v < -1 || v > 1 || !insideShape(cls.shape, u, v)) continue;
      const shade = 1 - u * shadeU - v * shadeV;
      const stripe = cls.pattern === 'striped' && Math.floor((u + v + 4) / stripePeriod) % 2 === 0 ? 0.45 : 1;
      const o = (y * canvas.width + x) * 3;
      const n = noise() * 16;
      for (let k = 0; k < 3; k++) canvas.rgb[o + k] = base[k]! * shade * stripe + n;
      if (!box) box = { wnid: cls.wnid, xmin: x, ymin: y, xmax: x, ymax: y };
      else {
        if (x < box.xmin) box.xmin = x;
        if (x > box.xmax) box.xmax = x;
        if (y > box.ymax) box.ymax = y;
      }
    }
  }
  return box;
}

/** A random placement of an object whose size is `sizeFrac` of the canvas' shorter side, fully inside it. */
export function randomPlacement(width: number, height: number, sizeFrac: number, rng: Rng): Placement {
  const size = sizeFrac * Math.min(width, height);
  const aspect = Math.exp(rng.uniform(-0.35, 0.35));
  const halfW = (size / 2) * Math.sqrt(aspect);
  const halfH = size / 2 / Math.sqrt(aspect);
  const rotation = rng.uniform(-0.5, 0.5);
  const reach = Math.hypot(halfW, halfH);
  const marginX = Math.min(reach, width / 2);
  const marginY = Math.min(reach, height / 2);
  return { cx: rng.uniform(marginX, width - marginX), cy: rng.uniform(marginY, height - marginY), halfW, halfH, rotation };
}
