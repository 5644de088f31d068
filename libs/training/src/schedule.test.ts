import { describe, expect, it } from 'vitest';
import { PAPER_RECIPE } from './config.js';
import { learningRate } from './schedule.js';

describe('learningRate', () => {
  const clock = (step: number) => ({ step, stepsPerEpoch: 100, totalSteps: 1000 });

  it("paper: −4% every 8 epochs (0.01 → 0.0096 → 0.009216)", () => {
    const s = PAPER_RECIPE.lrSchedule;
    expect(learningRate(0.01, s, clock(0))).toBe(0.01);
    expect(learningRate(0.01, s, clock(799))).toBe(0.01); // epoch 7 still
    expect(learningRate(0.01, s, clock(800))).toBeCloseTo(0.0096, 15);
    expect(learningRate(0.01, s, clock(1599))).toBeCloseTo(0.0096, 15);
    expect(learningRate(0.01, s, clock(1600))).toBeCloseTo(0.009216, 15);
  });

  it("Caffe step policy: base·γ^floor(iter/stepsize)", () => {
    const s = { kind: 'step', gamma: 0.96, everyIters: 320_000 } as const;
    expect(learningRate(0.01, s, clock(319_999))).toBe(0.01);
    expect(learningRate(0.01, s, clock(320_000))).toBeCloseTo(0.0096, 15);
    expect(learningRate(0.01, s, clock(960_000))).toBeCloseTo(0.01 * 0.96 * 0.96 * 0.96, 15);
  });

  it('Caffe poly policy: base·(1 − iter/max)^power', () => {
    const s = { kind: 'poly', power: 0.5 } as const;
    expect(learningRate(0.04, s, clock(0))).toBe(0.04);
    expect(learningRate(0.04, s, clock(750))).toBeCloseTo(0.02, 15); // sqrt(0.25) = 0.5
    expect(learningRate(0.04, s, clock(1000))).toBe(0);
  });
});
