/** What a numeric flag accepts; the words appear in the error message as they are. */
export type NumberKind =
  | 'integer'
  | 'positive integer'
  | 'non-negative integer'
  | 'positive number'
  | 'non-negative number';

function accepts(kind: NumberKind, v: number): boolean {
  if (!Number.isFinite(v)) return false;
  if (kind.endsWith('integer') && !Number.isInteger(v)) return false;
  if (kind.startsWith('positive')) return v > 0;
  if (kind.startsWith('non-negative')) return v >= 0;
  return true;
}

/**
 * Parses a numeric flag's text: undefined (flag absent) gives `fallback`; anything that is not a
 * number of the given kind is an error naming the flag and the text.
 */
export function numberFlag(flag: string, text: string | undefined, kind: NumberKind): number | undefined;
export function numberFlag(flag: string, text: string | undefined, kind: NumberKind, fallback: number): number;
export function numberFlag(flag: string, text: string | undefined, kind: NumberKind, fallback?: number): number | undefined {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text.trim() === '' || !accepts(kind, v)) throw new Error(`${flag} needs a ${kind === 'integer' ? 'whole number' : kind}, got '${text}'`);
  return v;
}
