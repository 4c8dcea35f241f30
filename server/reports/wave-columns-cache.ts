/**
 * The waves a thread has read for analysis, kept while their data are unchanged: an officer going
 * from question to question, or trying breakdowns and filters, on a big wave would otherwise wait
 * for its responses to be read and coded every time (about a second per 100,000). One entry per
 * read (the store, the wave, whether partial responses are in), answering only for the data version
 * (waveVersions) it was read at, so a new, changed or erased response, a weighting run or a changed
 * questionnaire is never answered from here, and a read at a newer version takes its place (data
 * versions only move on, so the older is never asked for again); a wave whose only change is new responses is brought up
 * to date from the one kept (server/reports/wave-columns.ts). Only waves of at least `from` responses are kept
 * (smaller ones read in milliseconds), in at most `budget` bytes (default 512 MB: both waves of a
 * million-reply report; REPORT_WAVE_CACHE_MB), the least recently used dropped first.
 */
/** What is kept: a wave as loadWaveColumns reads it (only its size is looked at here). */
interface Kept {
  weights: Float64Array;
  calibration?: { margins: readonly unknown[] };
}

/** Responses from which a wave read is kept, and the memory the kept waves may take. */
export const WAVE_CACHE_FROM = 20_000;
export const WAVE_CACHE_BYTES = 512 * 1024 * 1024;

let from = WAVE_CACHE_FROM;
let budget = WAVE_CACHE_BYTES;
/** By read; `base`, `since`: what a wave read later may be brought up to date from (see heldSince). */
const kept = new Map<string, { version: string; wave: Kept; bytes: number; base?: string; since?: unknown }>();

/** Sets from how many responses waves are kept and in how many bytes (0 bytes: none kept), emptying it. */
export function setWaveCache(options: { from?: number; bytes?: number }): void {
  from = options.from ?? WAVE_CACHE_FROM;
  budget = options.bytes ?? WAVE_CACHE_BYTES;
  kept.clear();
}

/** The wave of the read `of` if it is kept at `version`. */
export function cachedWave<T extends Kept>(of: string, version: string): T | undefined {
  const hit = kept.get(of);
  if (!hit || hit.version !== version) return undefined;
  // Most recently used last.
  kept.delete(of);
  kept.set(of, hit);
  return hit.wave as T;
}

/**
 * Keeps the wave of the read `of` at `version` (any kept before for it is dropped) if it is big enough to
 * be worth it, dropping the oldest over the budget. With `later`: what a read of the same wave at
 * another version but the same `base` (the wave's data but for responses added since) can start
 * from, found by heldSince.
 */
export function keepWave(of: string, version: string, wave: Kept, columns: number, later?: { base: string; since: unknown }): void {
  // Whatever was kept for this read is of older data now, kept or not.
  kept.delete(of);
  const n = wave.weights.length;
  if (n < from) return;
  const bytes = bytesOf(wave, columns);
  if (bytes > budget) return;
  kept.set(of, { version, wave, bytes, base: later?.base, since: later?.since });
  let total = 0;
  for (const e of kept.values()) total += e.bytes;
  for (const [k, e] of kept) {
    if (total <= budget) break;
    kept.delete(k);
    total -= e.bytes;
  }
}

/** What keepWave was given for `base` with the wave kept under it, if still kept. */
export function heldSince<S>(base: string): S | undefined {
  for (const e of kept.values()) if (e.base === base) return e.since as S;
  return undefined;
}

/** Waves kept now (for tests and the benchmark's note). */
export function keptWaves(): number {
  return kept.size;
}

/** About what the wave holds: its coded columns, weights and calibration, per respondent. */
function bytesOf(wave: Kept, columns: number): number {
  const n = wave.weights.length;
  const margins = wave.calibration?.margins.length ?? 0;
  return n * (4 * columns + 8 + 12 * margins + 8) + 1024 * 1024;
}
