import { describe, expect, it } from 'vitest';
import { auxPool, planGoogLeNet } from './plan.js';
import { summarize } from './summary.js';
import { formatSummary } from './format.js';

const shapeOf = (plan: ReturnType<typeof planGoogLeNet>, name: string) => plan.layers.find((l) => l.name === name)?.outputShape.join('×');

describe('planGoogLeNet at 224 px (Table 1 "output size" column)', () => {
  const plan = planGoogLeNet();
  // Typed from the paper's Table 1, not computed.
  const table1: [string, string][] = [
    ['conv1', '112×112×64'],
    ['pool1', '56×56×64'],
    ['lrn1', '56×56×64'],
    ['conv2_reduce', '56×56×64'],
    ['conv2', '56×56×192'],
    ['lrn2', '56×56×192'],
    ['pool2', '28×28×192'],
    ['inception_3a_concat', '28×28×256'],
    ['inception_3b_concat', '28×28×480'],
    ['pool3', '14×14×480'],
    ['inception_4a_concat', '14×14×512'],
    ['inception_4b_concat', '14×14×512'],
    ['inception_4c_concat', '14×14×512'],
    ['inception_4d_concat', '14×14×528'],
    ['inception_4e_concat', '14×14×832'],
    ['pool4', '7×7×832'],
    ['inception_5a_concat', '7×7×832'],
    ['inception_5b_concat', '7×7×1024'],
    ['avgpool', '1024'],
    ['dropout', '1024'],
    ['main_logits', '1000'],
    // Auxiliary heads (paper): 5×5/3 pool → 4×4×512 / 4×4×528, 1×1 conv 128, FC 1024, linear.
    ['aux1_pool', '4×4×512'],
    ['aux1_conv', '4×4×128'],
    ['aux1_flatten', '2048'],
    ['aux1_fc', '1024'],
    ['aux1_logits', '1000'],
    ['aux2_pool', '4×4×528'],
    ['aux2_logits', '1000'],
  ];
  it.each(table1)('%s is %s', (name, shape) => {
    expect(shapeOf(plan, name)).toBe(shape);
  });

  it('uses the paper 5×5/3 aux pool at 224 (14×14 map)', () => {
    expect(auxPool(14)).toEqual({ poolPx: 5, stridePx: 3 });
    const pool = plan.layers.find((l) => l.name === 'aux1_pool');
    expect(pool).toMatchObject({ kind: 'avgpool', poolPx: 5, stridePx: 3, padding: 'valid' });
  });

  it('outputs main, aux1, aux2 in that order', () => {
    expect(plan.outputs).toEqual(['main_logits', 'aux1_logits', 'aux2_logits']);
    expect(planGoogLeNet({ auxHeads: false }).outputs).toEqual(['main_logits']);
  });

  it('has real 5×5 kernels in every 5×5 branch', () => {
    const fives = plan.layers.filter((l) => l.name.endsWith('_5x5'));
    expect(fives).toHaveLength(9);
    for (const l of fives) expect(l).toMatchObject({ kind: 'conv', kernelPx: 5 });
  });
});

describe('planGoogLeNet at 64 px, width 0.25', () => {
  const plan = planGoogLeNet({ inputSize: 64, width: 0.25, numClasses: 10 });
  it('halves the map at conv1 and every max pool, then pools globally', () => {
    // 64 → 32 (conv1) → 16 (pool1) → 8 (pool2) → 4 (pool3) → 2 (pool4); channels ×0.25 rounded.
    expect(shapeOf(plan, 'conv1')).toBe('32×32×16');
    expect(shapeOf(plan, 'pool1')).toBe('16×16×16');
    expect(shapeOf(plan, 'conv2')).toBe('16×16×48');
    expect(shapeOf(plan, 'pool2')).toBe('8×8×48');
    // 3a: 16 + 32 + 8 + 8 = 64
    expect(shapeOf(plan, 'inception_3a_concat')).toBe('8×8×64');
    expect(shapeOf(plan, 'pool3')).toBe('4×4×120');
    // 4d: 28 + 72 + 16 + 16 = 132
    expect(shapeOf(plan, 'inception_4d_concat')).toBe('4×4×132');
    expect(shapeOf(plan, 'pool4')).toBe('2×2×208');
    expect(shapeOf(plan, 'inception_5b_concat')).toBe('2×2×256');
    expect(shapeOf(plan, 'main_logits')).toBe('10');
  });

  it('keeps a 4×4 aux grid: the 4×4 map pools 1×1/1', () => {
    expect(auxPool(4)).toEqual({ poolPx: 1, stridePx: 1 });
    expect(shapeOf(plan, 'aux1_pool')).toBe('4×4×128');
    expect(shapeOf(plan, 'aux2_pool')).toBe('4×4×132');
    expect(auxPool(8)).toEqual({ poolPx: 2, stridePx: 2 });
  });

  it('rejects inputs below 64 px and bad options by name', () => {
    expect(() => planGoogLeNet({ inputSize: 32 })).toThrow(/inputSize must be an integer ≥ 64, got 32/);
    expect(() => planGoogLeNet({ width: 0 })).toThrow(/width/);
    expect(() => planGoogLeNet({ dropoutMain: 1 })).toThrow(/dropoutMain/);
  });
});

describe('summarize(options) at 224 px, 1000 classes', () => {
  const s = summarize();
  const row = (name: string) => s.rows.find((r) => r.name === name)!;

  it('totals the paper network exactly', () => {
    expect(s.totals.params).toBe(6_998_552);
    expect(s.totals.paramsWithAux).toBe(13_378_280);
    expect(s.totals.macs / 1e9).toBeCloseTo(1.583, 3);
    expect(s.paperNetwork).toBe(true);
  });

  it('counts inception 3a by hand arithmetic (input 192 channels, 28×28)', () => {
    const params =
      (192 * 64 + 64) + // 1×1
      (192 * 96 + 96) + (3 * 3 * 96 * 128 + 128) + // 3×3 reduce, 3×3
      (192 * 16 + 16) + (5 * 5 * 16 * 32 + 32) + // 5×5 reduce, 5×5
      (192 * 32 + 32); // pool proj
    expect(params).toBe(163_696);
    expect(row('inception 3a').params).toBe(params);
    const weights = params - (64 + 96 + 128 + 16 + 32 + 32);
    expect(row('inception 3a').macs).toBe(28 * 28 * weights);
  });

  it('counts conv1 and the aux heads by hand', () => {
    expect(row('conv 7×7/2').params).toBe(7 * 7 * 3 * 64 + 64);
    expect(row('conv 7×7/2').macs).toBe(112 * 112 * 7 * 7 * 3 * 64);
    // 1×1 conv 512→128, FC 4·4·128 → 1024, linear 1024 → 1000, with biases.
    expect(row('aux1').params).toBe(512 * 128 + 128 + 2048 * 1024 + 1024 + 1024 * 1000 + 1000);
    expect(row('aux2').params).toBe(528 * 128 + 128 + 2048 * 1024 + 1024 + 1024 * 1000 + 1000);
  });

  it("prints the paper's figures and notes the rows that do not add up", () => {
    expect(row('conv 7×7/2')).toMatchObject({ paperParams: 2700, paperOps: 34e6 });
    expect(row('inception 5b')).toMatchObject({ paperParams: 1_388_000, paperOps: 71e6 });
    for (const name of ['conv 7×7/2', 'inception 4c', 'inception 5a']) expect(row(name).note).toMatch(/paper/);
    for (const name of ['conv 1×1 then 3×3/1', 'inception 3a', 'inception 3b', 'inception 4b', 'linear'])
      expect(row(name).note).toBeUndefined();
    expect(row('conv 7×7/2').note).toContain('118.0M');
  });

  it('has one row per Table 1 line plus the aux heads', () => {
    expect(s.rows).toHaveLength(19 + 2);
    expect(summarize({ auxHeads: false }).rows).toHaveLength(19);
    expect(summarize({ auxHeads: false }).totals.paramsWithAux).toBe(6_998_552);
  });

  it('formats an aligned table with both columns and the totals', () => {
    const text = formatSummary(s);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^layer\s+output\s+params\s+mult-adds\s+paper params\s+paper ops\s+note$/);
    expect(text).toContain('6,998,552');
    expect(text).toContain('13,378,280');
    expect(text).toContain('1.583 G');
    const conv1 = lines.find((l) => l.startsWith('conv 7×7/2'))!;
    expect(conv1).toMatch(/9,472\s+118\.0M\s+2\.7K\s+34M/);
    // Right-aligned numbers: every table line has its params column end at the same offset.
    const end = lines[0]!.indexOf('params') + 'params'.length;
    expect(conv1.slice(0, end)).toMatch(/9,472$/);
  });

  it('warns that the paper columns do not describe a different configuration', () => {
    const small = summarize({ inputSize: 64, width: 0.25, numClasses: 10 });
    expect(small.paperNetwork).toBe(false);
    expect(small.rows.every((r) => r.note === undefined)).toBe(true);
    expect(formatSummary(small)).toContain('not this one');
  });
});
