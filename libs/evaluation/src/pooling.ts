/**
 * How crop predictions become one score table per model, and models become an ensemble: the
 * paper averages softmax probabilities over crops and over models; max over crops is the ablation
 * it mentions ("max over crops was worse"). Per model we pool over crops first (mean or max), then
 * the ensemble is the plain average of the members' pooled tables.
 */

export type CropPooling = 'mean' | 'max';

/** Pools the per-crop probabilities of each image into one row (images × classes). */
export class CropPool {
  private readonly table: Float64Array;
  private readonly cropsSeen: Int32Array;

  constructor(
    readonly images: number,
    readonly numClasses: number,
    readonly pooling: CropPooling,
  ) {
    this.table = new Float64Array(images * numClasses).fill(pooling === 'max' ? -Infinity : 0);
    this.cropsSeen = new Int32Array(images);
  }

  /** Adds one crop's probabilities (numClasses values of `probs` from `offset`) to image `image`. */
  add(image: number, probs: ArrayLike<number>, offset = 0): void {
    if (image < 0 || image >= this.images) throw new Error(`CropPool: image ${image} outside 0..${this.images - 1}`);
    const row = image * this.numClasses;
    for (let j = 0; j < this.numClasses; j++) {
      const p = probs[offset + j];
      if (this.pooling === 'max') {
        if (p > this.table[row + j]) this.table[row + j] = p;
      } else {
        this.table[row + j] += p;
      }
    }
    this.cropsSeen[image]++;
  }

  /** The pooled table; every image must have received at least one crop. */
  result(): Float64Array {
    const out = new Float64Array(this.table.length);
    for (let i = 0; i < this.images; i++) {
      const n = this.cropsSeen[i];
      if (n === 0) throw new Error(`CropPool: image ${i} received no crop`);
      const div = this.pooling === 'mean' ? n : 1;
      for (let j = 0; j < this.numClasses; j++) out[i * this.numClasses + j] = this.table[i * this.numClasses + j] / div;
    }
    return out;
  }
}

/** The ensemble's table: element-wise mean of the members' pooled tables. */
export function averageMembers(members: readonly (Float32Array | Float64Array)[]): Float64Array {
  if (members.length === 0) throw new Error('averageMembers: an ensemble needs at least one member');
  const len = members[0].length;
  const out = new Float64Array(len);
  for (const [m, t] of members.entries()) {
    if (t.length !== len) throw new Error(`averageMembers: member ${m} has ${t.length} scores, member 0 has ${len}`);
    for (let k = 0; k < len; k++) out[k] += t[k];
  }
  for (let k = 0; k < len; k++) out[k] /= members.length;
  return out;
}
