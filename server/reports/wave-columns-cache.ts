/**
 * The waves a thread has read for analysis, kept while their data are unchanged: an officer going
 * from question to question, or trying breakdowns and filters, on a big wave would otherwise wait
 * for its responses to be read and coded every time (about a second per 100,000). Each entry is
 * keyed by the store, the wave, whether partial responses are in, and the wave's data version
 * (waveVersions), so a new, changed or erased response, a weighting run or a changed
 * questionnaire is never answered from here; a wave whose only change is new responses is brought up
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
/** `base`, `since`: what a wave read later may be brought up to date from (see heldSince). */
const kept = new Map<string, { wave: Kept; bytes: number; base?: string; since?: unknown; of?: string }>();

/** Sets from how many responses waves are kept and in how many bytes (0 bytes: none kept), emptying it. */
export function setWaveCache(options: { from?: number; bytes?: number }): void {
  from = options.from ?? WAVE_CACHE_FROM;
  budget = options.bytes ?? WAVE_CACHE_BYTES;
  kept.clear();
}

export function cachedWave<T extends Kept>(key: string): T | undefined {
  const hit = kept.get(key);
  if (!hit) return undefined;
  // Most recently used last.
  kept.delete(key);
  kept.set(key, hit);
  return hit.wave as T;
}

/**
 * Keeps the wave under key if it is big enough to be worth it, dropping the oldest over the budget.
 * With `later`: what a read of the same wave under another key but the same `base` (the wave's data
 * but for responses added since) can start from, found by heldSince; an entry kept before under
 * that base is dropped (its data have moved on). `of` names the read (store, wave, partial responses
 * in or out) whatever its data version: an entry of the same read at another version is dropped
 * too, since data versions only move on and it will not be asked for again (after a weighting run
 * it would otherwise take its memory until pushed out).
 */
export function keepWave(key: string, wave: Kept, columns: number, later?: { base: string; since: unknown }, of?: string): void {
  const n = wave.weights.length;
  if (n < from) return;
  const bytes = bytesOf(wave, columns);
  if (bytes > budget) return;
  for (const [k, e] of kept) if ((later && e.base === later.base) || (of !== undefined && e.of === of)) kept.delete(k);
  kept.delete(key);
  kept.set(key, { wave, bytes, base: later?.base, since: later?.since, of });
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
