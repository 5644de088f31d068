/**
 * Training curves from a member's `log.jsonl` (@googlenet/training's format): a `start` row with
 * `stepsPerEpoch`, a `step` row per optimizer step ({step, loss, lr}; `step` counts steps done) and
 * `val` rows ({step, top1Error, top5Error}). A row belongs to epoch ceil(step / stepsPerEpoch);
 * without stepsPerEpoch, to its `epoch` field (a count of finished epochs for validation rows).
 * Per epoch the curve takes the mean training loss, the last learning rate and the last
 * validation errors.
 */
import type { EpochPoint } from './types.js';

const num = (row: Record<string, unknown>, ...keys: string[]): number | undefined => {
  for (const k of keys) {
    const v = row[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
};

export function curvesFromLog(rows: readonly Record<string, unknown>[]): EpochPoint[] {
  const byEpoch = new Map<number, { lossSum: number; lossCount: number; point: EpochPoint }>();
  const stepsPerEpoch = rows.map((r) => num(r, 'stepsPerEpoch')).find((v) => v !== undefined && v > 0);
  for (const row of rows) {
    const step = num(row, 'step');
    const epochValue = stepsPerEpoch !== undefined && step !== undefined ? step / stepsPerEpoch : num(row, 'epoch');
    if (epochValue === undefined || (stepsPerEpoch !== undefined && step === 0)) continue;
    const epoch = Math.max(1, Math.ceil(epochValue - 1e-9));
    const slot = byEpoch.get(epoch) ?? { lossSum: 0, lossCount: 0, point: { epoch } };
    byEpoch.set(epoch, slot);
    const isVal = typeof row.event === 'string' && /val/.test(row.event);
    const loss = isVal ? undefined : num(row, 'loss', 'trainLoss');
    if (loss !== undefined) {
      slot.lossSum += loss;
      slot.lossCount += 1;
      slot.point.loss = slot.lossSum / slot.lossCount;
    }
    const lr = num(row, 'lr', 'learningRate');
    if (lr !== undefined) slot.point.lr = lr;
    const top1 = num(row, 'valTop1Error', 'top1Error');
    if (top1 !== undefined) slot.point.top1Error = top1;
    const top5 = num(row, 'valTop5Error', 'top5Error');
    if (top5 !== undefined) slot.point.top5Error = top5;
  }
  return [...byEpoch.values()].sort((a, b) => a.point.epoch - b.point.epoch).map((s) => s.point);
}
