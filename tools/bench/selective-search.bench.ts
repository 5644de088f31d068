/**
 * Selective search seconds per 500×375 image, per mode (the target: fast ≤ 1 s on one core).
 *   npx tsx tools/bench/selective-search.bench.ts [--images N] [--modes fast,quality] [--k-scale 2] [--dir DIR]
 * Images: procedural scenes (seeded: textured background, overlapping shapes, noise), or every
 * JPEG/PNG in --dir resized to 500×375. Prints a Markdown table; CPU time is this process's user +
 * system time, wall time includes waiting for a shared machine.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { selectiveSearch, type RgbImage, type SelectiveSearchMode } from '@googlenet/detection';
import { Rng } from '@googlenet/util';

const W = 500;
const H = 375;

function scene(seed: number): RgbImage {
  const rng = new Rng(seed);
  const data = new Uint8Array(W * H * 3);
  const base = [rng.uniform(40, 200), rng.uniform(40, 200), rng.uniform(40, 200)];
  const shapes = Array.from({ length: 6 + rng.int(6) }, () => ({
    cx: rng.uniform(0, W),
    cy: rng.uniform(0, H),
    rx: rng.uniform(20, 140),
    ry: rng.uniform(20, 120),
    ellipse: rng.next() < 0.5,
    rgb: [rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255)],
    stripe: rng.uniform(4, 30),
  }));
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let c = [base[0]! + 40 * Math.sin(x / 40), base[1]! + 30 * Math.cos(y / 30), base[2]!];
      for (const s of shapes) {
        const dx = (x - s.cx) / s.rx;
        const dy = (y - s.cy) / s.ry;
        const inside = s.ellipse ? dx * dx + dy * dy <= 1 : Math.abs(dx) <= 1 && Math.abs(dy) <= 1;
        if (inside) c = s.rgb.map((v) => v + 25 * Math.sin((x + y) / s.stripe));
      }
      for (let k = 0; k < 3; k++) data[3 * (y * W + x) + k] = Math.max(0, Math.min(255, Math.round(c[k]! + 8 * rng.normal())));
    }
  }
  return { width: W, height: H, data };
}

async function fromDir(dir: string, n: number): Promise<RgbImage[]> {
  const files = readdirSync(dir).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort().slice(0, n);
  if (files.length === 0) throw new Error(`--dir ${dir}: no JPEG or PNG files`);
  return Promise.all(
    files.map(async (f) => {
      const { data } = await sharp(join(dir, f)).removeAlpha().resize(W, H, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
      return { width: W, height: H, data: new Uint8Array(data) };
    }),
  );
}

const { values } = parseArgs({
  options: { images: { type: 'string' }, modes: { type: 'string' }, 'k-scale': { type: 'string' }, dir: { type: 'string' } },
});
const count = Number(values.images ?? 5);
const modes = (values.modes ?? 'single,fast,quality').split(',') as SelectiveSearchMode[];
const kScales = (values['k-scale'] ?? '1,2').split(',').map(Number);
const images = values.dir ? await fromDir(values.dir, count) : Array.from({ length: count }, (_, i) => scene(i + 1));
selectiveSearch(images[0]!, { mode: 'fast' }); // warm up the JIT

console.log(`selective search, ${images.length} images of ${W}×${H}, one thread (${process.version})\n`);
console.log('| mode | kScale | proposals / image | wall s / image | CPU s / image |');
console.log('|---|---|---|---|---|');
for (const mode of modes) {
  for (const kScale of kScales) {
    let proposals = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const img of images) proposals += selectiveSearch(img, { mode, kScale }).length;
    const wall = (performance.now() - t0) / 1000 / images.length;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6 / images.length;
    console.log(`| ${mode} | ${kScale} | ${(proposals / images.length).toFixed(0)} | ${wall.toFixed(3)} | ${cpuS.toFixed(3)} |`);
  }
}
