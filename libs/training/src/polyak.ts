import * as tf from '@tensorflow/tfjs';
import type { PolyakConfig } from './config.js';

/**
 * Polyak averaging: a copy of every weight, updated after each optimizer step (see PolyakConfig
 * for the two rules). `count` is the number of updates folded in; it is checkpointed with the
 * averages so that a resumed run continues the same average.
 */
export class PolyakAverage {
  readonly averages: tf.Variable[];
  count = 0;

  constructor(
    readonly config: PolyakConfig,
    weights: readonly tf.Tensor[],
  ) {
    this.averages = tf.tidy(() => weights.map((w) => tf.variable(w.clone(), false)));
  }

  /** The coefficient kept of the old average at update number `n` (1-based); null = skip. */
  static keepFraction(config: PolyakConfig, n: number, step: number): number | null {
    if (config.kind === 'ema') return Math.min(config.decay, (1 + n) / (10 + n));
    if (step < config.startStep) return null;
    return (n - 1) / n; // running mean: avg_n = avg_{n−1}·(n−1)/n + w/n
  }

  /** Folds the current weights in after optimizer step `step` (0-based, counted before the step). */
  update(weights: readonly tf.Tensor[], step: number): void {
    const n = this.count + 1;
    const keep = PolyakAverage.keepFraction(this.config, n, step);
    if (keep === null) {
      // Before averaging starts the average tracks the weights, so it is never stale.
      tf.tidy(() => this.averages.forEach((a, i) => a.assign(weights[i]!)));
      return;
    }
    this.count = n;
    tf.tidy(() => {
      this.averages.forEach((a, i) => a.assign(tf.add(tf.mul(a, keep), tf.mul(weights[i]!, 1 - keep))));
    });
  }

  dispose(): void {
    this.averages.forEach((a) => a.dispose());
  }
}
