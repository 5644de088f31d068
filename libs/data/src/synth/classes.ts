/** The demo dataset's classes: shape × colour (× pattern beyond 24), as synthetic synsets. */

export type ShapeName = 'disc' | 'square' | 'triangle' | 'ring' | 'cross' | 'star';
export type PatternName = 'solid' | 'striped';

export interface SynthClass {
  /** ILSVRC2012_ID in the synthetic meta.mat: definition order, which is NOT sorted-wnid order. */
  id: number;
  wnid: string;
  words: string;
  shape: ShapeName;
  pattern: PatternName;
  /** Base colour, RGB 0–255. */
  rgb: [number, number, number];
}

export const SHAPES: readonly ShapeName[] = ['disc', 'square', 'triangle', 'ring', 'cross', 'star'];
export const COLOURS: ReadonlyArray<{ name: string; rgb: [number, number, number] }> = [
  { name: 'red', rgb: [210, 40, 40] },
  { name: 'green', rgb: [40, 170, 60] },
  { name: 'blue', rgb: [45, 80, 210] },
  { name: 'yellow', rgb: [230, 200, 40] },
];
const PATTERNS: readonly PatternName[] = ['solid', 'striped'];
export const MAX_SYNTH_CLASSES = SHAPES.length * COLOURS.length * PATTERNS.length;

/**
 * The first `n` classes. Every colour appears with every shape, so neither colour nor shape alone
 * names a class. wnids DEcrease with the ID, so sorted-wnid order is the reverse of ID order and
 * an ID−1 label mapping is wrong for every class but (at most) one.
 */
export function synthClasses(n: number): SynthClass[] {
  if (!Number.isInteger(n) || n < 2 || n > MAX_SYNTH_CLASSES) throw new Error(`synth: numClasses must be an integer in [2, ${MAX_SYNTH_CLASSES}], got ${n}`);
  const out: SynthClass[] = [];
  for (const pattern of PATTERNS) {
    for (const colour of COLOURS) {
      for (const shape of SHAPES) {
        if (out.length === n) return out;
        const id = out.length + 1;
        out.push({
          id,
          wnid: `n9${String(9_000_000 - id * 1013).padStart(7, '0')}`,
          words: `${pattern === 'solid' ? '' : 'striped '}${colour.name} ${shape}`,
          shape,
          pattern,
          rgb: colour.rgb,
        });
      }
    }
  }
  return out;
}
