/**
 * A small seeded pseudo-random generator (mulberry32, 32-bit state) so that permutation p-values
 * are reproducible: the same seed gives the same permutations on every machine.
 *
 * Example: const r = mulberry32(1); r(); // 0.6270739405881613
 */
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
