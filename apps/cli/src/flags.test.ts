import { describe, expect, it } from 'vitest';
import { numberFlag } from './flags.js';

describe('numberFlag', () => {
  it('returns the fallback when the flag is absent', () => {
    expect(numberFlag('--seed', undefined, 'integer', 7)).toBe(7);
    expect(numberFlag('--seed', undefined, 'integer')).toBeUndefined();
  });

  it('parses numbers of each kind', () => {
    expect(numberFlag('--seed', '-3', 'integer')).toBe(-3);
    expect(numberFlag('--batch', '32', 'positive integer')).toBe(32);
    expect(numberFlag('--limit', '0', 'non-negative integer')).toBe(0);
    expect(numberFlag('--lr', '0.01', 'positive number')).toBe(0.01);
    expect(numberFlag('--width', '0', 'non-negative number')).toBe(0);
  });

  it('rejects what the kind excludes, naming the flag and the text', () => {
    expect(() => numberFlag('--batch', '0', 'positive integer')).toThrow("--batch needs a positive integer, got '0'");
    expect(() => numberFlag('--batch', '2.5', 'positive integer')).toThrow(/positive integer/);
    expect(() => numberFlag('--limit', '-1', 'non-negative integer')).toThrow(/non-negative integer/);
    expect(() => numberFlag('--lr', 'abc', 'positive number')).toThrow("--lr needs a positive number, got 'abc'");
    expect(() => numberFlag('--seed', ' ', 'integer')).toThrow("--seed needs a whole number, got ' '");
    expect(() => numberFlag('--lr', 'Infinity', 'positive number')).toThrow(/positive number/);
  });
});
