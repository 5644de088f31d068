import type { LrSchedule } from './config.js';

export interface ScheduleClock {
  /** Optimizer steps done so far (0 for the first step). */
  step: number;
  /** Optimizer steps in one epoch (for epoch-based schedules). */
  stepsPerEpoch: number;
  /** Total optimizer steps of the run (for poly). */
  totalSteps: number;
}

/**
 * Learning rate of the optimizer step `clock.step`. Step-by-epochs uses whole epochs done
 * (floor(step / stepsPerEpoch)), as the paper's "every 8 epochs"; Caffe's policies use iterations:
 * step: base·γ^floor(iter/stepsize); poly: base·(1 − iter/max_iter)^power.
 */
export function learningRate(baseLr: number, schedule: LrSchedule, clock: ScheduleClock): number {
  switch (schedule.kind) {
    case 'constant':
      return baseLr;
    case 'step': {
      if ('everyEpochs' in schedule) {
        const epochsDone = Math.floor(clock.step / clock.stepsPerEpoch);
        return baseLr * Math.pow(schedule.gamma, Math.floor(epochsDone / schedule.everyEpochs));
      }
      return baseLr * Math.pow(schedule.gamma, Math.floor(clock.step / schedule.everyIters));
    }
    case 'poly':
      return baseLr * Math.pow(Math.max(0, 1 - clock.step / clock.totalSteps), schedule.power);
  }
}
