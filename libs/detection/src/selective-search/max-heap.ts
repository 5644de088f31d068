/** Whether pair (s1, a1, b1) ranks before (s2, a2, b2): higher similarity, then smaller ids. */
function ranksBefore(s1: number, a1: number, b1: number, s2: number, a2: number, b2: number): boolean {
  if (s1 !== s2) return s1 > s2;
  if (a1 !== a2) return a1 < a2;
  return b1 < b2;
}

/**
 * A binary max-heap of (similarity, i, j) region pairs in parallel typed arrays. Ties break toward
 * the smaller (i, j), so grouping is deterministic. Stale pairs are skipped by the caller (lazy
 * deletion) rather than removed.
 */
export class PairHeap {
  private sim: Float64Array;
  private a: Int32Array;
  private b: Int32Array;
  private n = 0;

  constructor(capacity = 1024) {
    this.sim = new Float64Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  push(sim: number, a: number, b: number): void {
    if (this.n === this.sim.length) this.grow();
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!ranksBefore(sim, a, b, this.sim[parent], this.a[parent], this.b[parent])) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, sim, a, b);
  }

  /** Removes the top pair and returns [sim, i, j]; undefined when empty. */
  pop(): [number, number, number] | undefined {
    if (this.n === 0) return undefined;
    const top: [number, number, number] = [this.sim[0], this.a[0], this.b[0]];
    const last = --this.n;
    if (last === 0) return top;
    const sim = this.sim[last];
    const a = this.a[last];
    const b = this.b[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && ranksBefore(this.sim[right], this.a[right], this.b[right], this.sim[child], this.a[child], this.b[child])) {
        child = right;
      }
      if (!ranksBefore(this.sim[child], this.a[child], this.b[child], sim, a, b)) break;
      this.move(child, i);
      i = child;
    }
    this.set(i, sim, a, b);
    return top;
  }

  private move(from: number, to: number): void {
    this.set(to, this.sim[from], this.a[from], this.b[from]);
  }

  private set(i: number, sim: number, a: number, b: number): void {
    this.sim[i] = sim;
    this.a[i] = a;
    this.b[i] = b;
  }

  private grow(): void {
    const cap = this.sim.length * 2;
    const sim = new Float64Array(cap);
    sim.set(this.sim);
    const a = new Int32Array(cap);
    a.set(this.a);
    const b = new Int32Array(cap);
    b.set(this.b);
    this.sim = sim;
    this.a = a;
    this.b = b;
  }
}
