/**
 * Deterministic test data for benches and counting tests: the same seed gives the same mix on
 * every run, so that runs compare.
 */
import { REFERENCE_ALPHABET } from '@ariadne/domain';

/** A pseudo-random stream in [0, 1) from a seed (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Five case-reference characters from a number: unique for every i below 32^5. */
export function referenceChars(i: number): string {
  let out = '';
  for (let k = 0; k < 5; k++) {
    out += REFERENCE_ALPHABET[i % 32];
    i = Math.floor(i / 32);
  }
  return out;
}
