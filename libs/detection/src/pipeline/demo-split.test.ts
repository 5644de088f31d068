import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest, synthesize } from '@googlenet/data';
import { describe, expect, it } from 'vitest';
import { proposalRecallCurve } from '../proposal-recall.js';
import { PAPER_SELECTIVE_SEARCH, proposeAll } from './propose.js';
import { proposalRects } from './proposals-file.js';
import { detectionImages, loadDetectionImages, openDetectionSplit } from './shards.js';

describe('proposals on the demo detection split (googlenet synth → ingest det-val)', () => {
  it('reach ≥ 90% recall at IoU 0.5 with ≤ 2000 proposals per image (the paper’s k × 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'det-demo-'));
    await synthesize({ out: join(dir, 'raw'), seed: 3, numClasses: 3, trainPerClass: 1, valPerClass: 1, detTrainImages: 1, detValImages: 5, progress: false });
    // Stored JPEGs downscaled to a 200 px shorter side: proposals must come back in original pixels.
    await ingest({ root: join(dir, 'raw'), split: 'det-val', out: join(dir, 'det-val'), shorterSideMaxPx: 200, workers: 0, progress: false });
    const split = await openDetectionSplit(join(dir, 'det-val'));
    const images = await loadDetectionImages(split);
    expect(images.length).toBe(5);
    expect(split.classes).toHaveLength(3);
    const lines = await proposeAll(detectionImages(split), { selectiveSearch: PAPER_SELECTIVE_SEARCH });
    await split.dataset.close();
    const byKey = new Map(lines.map((l) => [l.image, proposalRects(l)]));
    for (const img of images) {
      const props = byKey.get(img.key)!;
      expect(props.length).toBeLessThanOrEqual(2000);
      expect(Math.max(...props.map((p) => p.xmax))).toBeLessThan(img.width);
      expect(Math.max(...props.map((p) => p.ymax))).toBeLessThan(img.height);
    }
    const [all] = proposalRecallCurve(
      images.map((i) => i.boxes),
      images.map((i) => byKey.get(i.key)!),
      [2000],
    );
    expect(all!.recall).toBeGreaterThanOrEqual(0.9);
    rmSync(dir, { recursive: true, force: true });
  });
});
