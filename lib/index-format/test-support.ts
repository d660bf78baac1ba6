import { expect } from 'vitest';
import { IndexFormatError } from './errors';

/** Seeded PRNG (mulberry32) for property-style tests: the same cases on every run. Test-only. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `fn`, expecting an {@link IndexFormatError}, and returns it so its exact message can be asserted. */
export function formatError(fn: () => unknown): IndexFormatError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(IndexFormatError);
    return e as IndexFormatError;
  }
  throw new Error('expected an IndexFormatError, nothing was thrown');
}

/** The message this engine's JSON.parse gives for `text`, so tests can expect it inside ours exactly. */
export function jsonMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${text} is valid JSON`);
}
