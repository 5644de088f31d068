import { Worker, type TransferListItem } from 'node:worker_threads';

/**
 * The protocol between a WorkerPool and its worker script: the pool posts { id, task }; the
 * worker answers { id, result } (with `transfer` for its buffers) or { id, error: message }.
 */
export interface WorkerReply<Result> {
  id: number;
  result?: Result;
  error?: string;
}

export interface WorkerPoolOptions<Task, Result> {
  /** For error messages: "<name> 2 crashed: …". */
  name: string;
  /** Worker threads; 0 runs every task on the calling thread with runLocal. */
  workers: number;
  /** The worker script (plain JavaScript, so the thread starts without a TypeScript loader). */
  script: URL;
  workerData?: unknown;
  /** Tasks handed to each worker at once, so that it never waits for the main thread. */
  inFlightPerWorker: number;
  /** The task on the calling thread (workers = 0). */
  runLocal: (task: Task) => Promise<Result>;
  /** Buffers of a task to transfer rather than copy (default: none). */
  transfer?: (task: Task) => TransferListItem[];
  /** Let idle workers not hold the process open (default false). */
  unrefWhenIdle?: boolean;
}

interface Pending<Task, Result> {
  id: number;
  task: Task;
  resolve: (r: Result) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker | null;
  inFlight: number;
}

/**
 * Runs tasks on worker threads with a bounded number in flight per worker (only queued tasks wait
 * on the main thread), in the order given. A task's error rejects that task; a worker that crashes
 * or exits fails every pending task and the pool, loudly. close() terminates the workers.
 */
export class WorkerPool<Task, Result> {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending<Task, Result> & { slot: Slot }>();
  private readonly queue: Pending<Task, Result>[] = [];
  private nextId = 0;
  private failure: Error | null = null;

  constructor(private readonly opts: WorkerPoolOptions<Task, Result>) {
    const { workers, name } = opts;
    if (!Number.isInteger(workers) || workers < 0) throw new Error(`${name}: workers must be a non-negative integer, got ${workers}`);
    if (workers === 0) this.slots.push({ worker: null, inFlight: 0 });
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(opts.script, { execArgv: [], workerData: opts.workerData });
      worker.on('message', (msg: WorkerReply<Result>) => this.settle(msg));
      worker.on('error', (err) => this.fail(new Error(`${name} ${i} crashed: ${err.message}`)));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`${name} ${i} exited with code ${code}`));
      });
      if (opts.unrefWhenIdle) worker.unref();
      this.slots.push({ worker, inFlight: 0 });
    }
  }

  get workers(): number {
    return this.opts.workers;
  }

  run(task: Task): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
      if (slot.inFlight >= this.opts.inFlightPerWorker) return;
      const p = this.queue.shift()!;
      slot.inFlight++;
      this.pending.set(p.id, { ...p, slot });
      if (slot.worker) {
        if (this.opts.unrefWhenIdle) slot.worker.ref();
        slot.worker.postMessage({ id: p.id, task: p.task }, this.opts.transfer?.(p.task) ?? []);
      } else {
        this.opts.runLocal(p.task).then(
          (result) => this.settle({ id: p.id, result }),
          (err: Error) => this.settle({ id: p.id, error: err.message }),
        );
      }
    }
  }

  private settle(reply: WorkerReply<Result>): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    p.slot.inFlight--;
    if (this.opts.unrefWhenIdle && p.slot.worker && p.slot.inFlight === 0) p.slot.worker.unref();
    if (reply.error !== undefined) p.reject(new Error(reply.error));
    else p.resolve(reply.result as Result);
    this.pump();
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const p of [...this.pending.values(), ...this.queue]) p.reject(err);
    this.pending.clear();
    this.queue.length = 0;
  }

  async close(): Promise<void> {
    this.failure ??= new Error(`${this.opts.name} pool closed`);
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
  }
}
