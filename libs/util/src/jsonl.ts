import { appendFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Appends one JSON object per line. Synchronous appends: a killed process loses at most the line
 * being written, and a reader tolerates that torn last line (see readJsonl).
 */
export class JsonlLog {
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
  }

  write(event: string, fields: Record<string, unknown> = {}): void {
    appendFileSync(this.path, JSON.stringify({ t: new Date().toISOString(), event, ...fields }) + '\n');
  }
}

/** Reads a JSONL file; a torn last line (a killed writer) is skipped, a torn middle line is an error. */
export function readJsonl<T = Record<string, unknown>>(path: string): T[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: T[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      if (i < lines.length - 1 && lines.slice(i + 1).some((l) => l.trim() !== '')) {
        throw new Error(`${path}:${i + 1}: malformed JSON line`);
      }
    }
  });
  return out;
}
