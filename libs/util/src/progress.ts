/**
 * Progress of long work: on a TTY a one-line bar with count, rate and ETA; elsewhere nothing on the
 * terminal (machine-readable progress goes to the stage's JSONL log instead).
 */
export interface ProgressOptions {
  label: string;
  total?: number;
  unit?: string;
  stream?: NodeJS.WriteStream;
  /** Force the bar on or off (default: on when the stream is a TTY). */
  enabled?: boolean;
  /** Minimum milliseconds between redraws. */
  intervalMs?: number;
}

export class Progress {
  private done = 0;
  private readonly start = Date.now();
  private lastDraw = 0;
  private readonly stream: NodeJS.WriteStream;
  private readonly enabled: boolean;
  private extra = '';

  constructor(private readonly opts: ProgressOptions) {
    this.stream = opts.stream ?? process.stderr;
    this.enabled = opts.enabled ?? Boolean(this.stream.isTTY);
  }

  /** Items per second since the start. */
  get rate(): number {
    const s = (Date.now() - this.start) / 1000;
    return s > 0 ? this.done / s : 0;
  }

  get count(): number {
    return this.done;
  }

  /** Adds n finished items; `info` is shown after the numbers (e.g. "loss 2.31"). */
  tick(n = 1, info?: string): void {
    this.done += n;
    if (info !== undefined) this.extra = info;
    const now = Date.now();
    if (this.enabled && now - this.lastDraw >= (this.opts.intervalMs ?? 200)) {
      this.lastDraw = now;
      this.stream.write(`\r${formatProgressLine(this.opts.label, this.done, this.opts.total, this.rate, this.opts.unit ?? 'it', this.extra)}\x1b[K`);
    }
  }

  finish(): void {
    if (this.enabled) {
      this.stream.write(`\r${formatProgressLine(this.opts.label, this.done, this.opts.total, this.rate, this.opts.unit ?? 'it', this.extra)}\x1b[K\n`);
    }
  }
}

/** The bar's text, pure so that it can be tested: "label [=====>    ] 50/100 12.5 img/s ETA 0:04". */
export function formatProgressLine(
  label: string,
  done: number,
  total: number | undefined,
  ratePerSec: number,
  unit: string,
  info = '',
): string {
  const rate = `${ratePerSec.toFixed(ratePerSec < 10 ? 2 : 1)} ${unit}/s`;
  const tail = info ? ` ${info}` : '';
  if (total === undefined || total <= 0) return `${label} ${done} ${rate}${tail}`;
  const width = 24;
  const frac = Math.min(1, done / total);
  const filled = Math.round(frac * width);
  const bar = '='.repeat(Math.max(0, filled - 1)) + (filled > 0 ? (frac >= 1 ? '=' : '>') : '') + ' '.repeat(width - filled);
  const eta = ratePerSec > 0 ? formatDuration((total - done) / ratePerSec) : '?';
  return `${label} [${bar}] ${done}/${total} ${rate} ETA ${eta}${tail}`;
}

/** Seconds as h:mm:ss or m:ss. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
