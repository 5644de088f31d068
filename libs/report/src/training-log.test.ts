import { describe, expect, it } from 'vitest';
import { curvesFromLog } from './training-log.js';

describe('curvesFromLog', () => {
  it('groups steps into epochs by stepsPerEpoch: mean loss, last lr, the validation after the epoch', () => {
    const rows = [
      { event: 'start', stepsPerEpoch: 2, totalSteps: 4 },
      { event: 'step', step: 1, epoch: 0, loss: 3, lr: 0.1 },
      { event: 'step', step: 2, epoch: 0, loss: 2, lr: 0.1 },
      { event: 'val', step: 2, epoch: 1, images: 10, top1Error: 0.8, top5Error: 0.4 },
      { event: 'checkpoint', step: 2, epoch: 1 },
      { event: 'step', step: 3, epoch: 1, loss: 1.5, lr: 0.096 },
      { event: 'step', step: 4, epoch: 1, loss: 0.5, lr: 0.096 },
      { event: 'val', step: 4, epoch: 2, images: 10, top1Error: 0.6, top5Error: 0.2 },
    ];
    expect(curvesFromLog(rows)).toEqual([
      { epoch: 1, loss: 2.5, lr: 0.1, top1Error: 0.8, top5Error: 0.4 },
      { epoch: 2, loss: 1, lr: 0.096, top1Error: 0.6, top5Error: 0.2 },
    ]);
  });

  it('falls back to the epoch field without stepsPerEpoch', () => {
    const rows = [
      { event: 'step', epoch: 0.5, loss: 3 },
      { event: 'step', epoch: 1, loss: 1 },
      { event: 'val', epoch: 1, valTop1Error: 0.5 },
    ];
    expect(curvesFromLog(rows)).toEqual([{ epoch: 1, loss: 2, top1Error: 0.5 }]);
  });
});
