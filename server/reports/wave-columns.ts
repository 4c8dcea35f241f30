/**
 * A wave's responses for analysis as loadWaveData gives them, but with the answers held by question
 * (dictionary-coded columns, analysis/report/answers.ts) instead of one object per response: each
 * stored answers JSON is parsed once, its answers to the report's questions and breakdowns coded
 * into the columns, and the object dropped. At a million responses the objects were most of the
 * memory and much of the time (collecting them); the columns are a few integers per answer.
 *
 * The coding is loadWaveData's (withGroups, codedAnswers, the language), answer by answer: a regrouped
 * breakdown, a yes/no question's answer as text, a rating's copy under its distribution's name.
 * test/server/reports/wave-columns.test.ts checks the report from these equals the one from objects.
 */
import { type AnswerColumns, type CodedColumn, ColumnCoder, codedColumns, sharedFloat64, sharedPrefix } from '../../analysis/report/answers.js';
import type { Calibration } from '../../analysis/report/types.js';
import { Conflict } from '../errors.js';
import type { DeclaredDesign } from '../responses/sample-design.js';
import type { Store } from '../store/open.js';
import { reportCalibrationOfColumns } from '../weighting/report-weighting.js';
import { latestCalibration } from '../weighting/run.js';
import { storeName } from '../store/open.js';
import { partialCount, readAnalysisRows, waveVersions } from './queries.js';
import { cachedWave, heldSince, keepWave } from './wave-columns-cache.js';
import { checkedSampleDesign, unfinishedOf, type WaveData, type WaveDataOptions, waveShape, weightingOf } from './wave-data.js';

/** WaveData with the answers by question. */
export type WaveColumns = Omit<WaveData, 'answers'> & { answers: AnswerColumns };

/**
 * A complete-responses read kept (wave-columns-cache.ts), as a later read of the same wave can start
 * from it when the only change since is new responses: its coders (their codes and dictionaries), the
 * last id read, and its counts. No coders when the wave is weighted: a new response has no weight
 * yet, so it is in no report until the next weighting run (which reads everything again).
 */
interface Since {
  wave: WaveColumns;
  names: string[];
  coders: ColumnCoder[] | null;
  lastId: number;
  /** Responses read up to lastId, weighted or not: a reply committed later with a smaller id changes it. */
  seen: number;
  synthetic: number;
}

const reads = { all: 0, added: 0 };

/** How many wave reads this thread made from the store: of all the responses, or of those added to a read held (for tests and the benchmark). */
export function waveReads(): { all: number; added: number } {
  return { ...reads };
}

export async function loadWaveColumns(store: Store, slug: string, waveName: string, opts: WaveDataOptions = {}): Promise<WaveColumns> {
  // The wave is found (in the caller's partnership) first; a copy read earlier serves while its data are unchanged.
  const shape = await waveShape(store, slug, waveName);
  const includePartial = opts.includePartial === true;
  const versions = await waveVersions(store, shape.wave.id);
  const of = `${storeName(store)}|${shape.wave.id}|${includePartial}`;
  const cached = cachedWave<WaveColumns>(of, versions.data);
  if (cached) return cached;
  // Complete responses only: the store gives them in id order, so the responses added since a read
  // follow it as in one read (with partial ones SQLite's index orders by status first).
  const base = includePartial ? null : `${storeName(store)}|${shape.wave.id}|${versions.rows}`;
  const since = base ? heldSince<Since>(base) : undefined;
  let read = since ? await readWaveColumns(store, shape, includePartial, slug, waveName, since) : null;
  if (read) reads.added++;
  else {
    read = (await readWaveColumns(store, shape, includePartial, slug, waveName))!;
    reads.all++;
  }
  keepWave(of, versions.data, read.wave, read.columns, base && read.since ? { base, since: read.since } : undefined);
  return read.wave;
}

/**
 * The wave's columns read from the store, or with `since` only its responses after those held there
 * added to them: the same columns, codes and order as one read of all. Null when that cannot be (a new
 * response declares a sample design, or has a weight in a weighted wave): then all are read.
 */
async function readWaveColumns(
  store: Store,
  { survey, wave, metadata, questions, breakdowns, coding, languageKey }: Awaited<ReturnType<typeof waveShape>>,
  includePartial: boolean,
  slug: string,
  waveName: string,
  since?: Since,
): Promise<{ wave: WaveColumns; columns: number; since: Since | null } | null> {
  const stored = await latestCalibration(store, wave.id);
  const names = [...new Set([...questions.map((q) => q.name), ...breakdowns.map((b) => b.name), ...(stored?.margins.flatMap((m) => m.questions) ?? [])])];
  if (since && (names.join('\u0000') !== since.names.join('\u0000') || (stored !== null) !== (since.coders === null))) return null;

  // How each name's answer is read from a response's answers (the order loadWaveData applies them in).
  const booleans = new Set(coding.booleans);
  const copyOf = new Map(coding.copies.map(([from, to]) => [to, from]));
  const groupOf = new Map<string, { question: string; group: Map<string, string> }>();
  for (const q of metadata?.questions ?? []) {
    if (!q.groups) continue;
    const group = new Map<string, string>();
    for (const [g, values] of Object.entries(q.groups)) for (const v of values as string[]) if (!group.has(v)) group.set(v, g);
    groupOf.set(`${q.name}_group`, { question: q.name, group });
  }
  const readers = names.map((name): ((a: Record<string, unknown>, locale: string | null) => unknown) => {
    if (name === languageKey) return (a, locale) => (locale ? locale : a[name]);
    const from = copyOf.get(name);
    if (from !== undefined) return (a) => (from in a ? a[from] : a[name]);
    const grouped = groupOf.get(name);
    if (grouped) {
      const { question, group } = grouped;
      return (a) => group.get(String(a[question])) ?? a[name];
    }
    if (booleans.has(name)) {
      return (a) => {
        const v = a[name];
        return typeof v === 'boolean' ? String(v) : v;
      };
    }
    return (a) => a[name];
  });

  const read = await readAnalysisRows(
    store,
    wave.id,
    includePartial,
    (added, rows, before) => {
      if (since && before !== since.seen) return null;
      const seen = (since?.seen ?? 0) + added;
      if (since && stored) {
        // Weighted: a response added since has no weight until the next weighting run, so is in no report.
        let lastId = since.lastId;
        for (const [id, , , , weight] of rows) {
          if (weight !== null && weight > 0) return null;
          if (id > lastId) lastId = id;
        }
        return { lastId, seen };
      }
      const held = since?.wave.weights.length ?? 0;
      const most = held + added;
      const coders = names.map((_, j) => new ColumnCoder(most, since?.coders?.[j], held));
      const ids = new Float64Array(most);
      const weights = sharedFloat64(most);
      if (since) weights.set(since.wave.weights);
      const designWeights = new Float64Array(most);
      // Strata, PSUs and fpc as read; turned into the design only when a response declares any.
      const strata: (string | null)[] = [];
      const psus: (string | null)[] = [];
      const fpcs: (number | null)[] = [];
      let anyDeclared = false;
      let n = held;
      let partial = 0;
      let synthetic = since?.synthetic ?? 0;
      let lastId = since?.lastId ?? 0;
      for (const [id, status, text, designWeight, weight, isSynthetic, stratum, psu, fpc, locale] of rows) {
        if (id > lastId) lastId = id;
        // With a weighting, only the responses it gave a weight are in the design.
        if (stored && !(weight !== null && weight > 0)) continue;
        // Added to a read held: not when the design changes with them (a weight, a declared sample).
        if (since && (stratum !== null || psu !== null || fpc !== null)) return null;
        const a = JSON.parse(text) as Record<string, unknown>;
        for (let j = 0; j < readers.length; j++) coders[j].set(n, readers[j](a, locale));
        ids[n] = id;
        weights[n] = stored ? weight! : designWeight;
        designWeights[n] = designWeight;
        strata.push(stratum);
        psus.push(psu);
        fpcs.push(fpc);
        if (stratum !== null || psu !== null || fpc !== null) anyDeclared = true;
        if (status === 'partial') partial++;
        if (isSynthetic) synthetic++;
        n++;
      }
      return { coders, ids, weights, designWeights, strata, psus, fpcs, anyDeclared, n, partial, synthetic, lastId, seen };
    },
    since?.lastId,
  );
  if (!read) return null;
  if (!('n' in read)) {
    // The weighted wave held, no response added with a weight: the same, but for its count of
    // unfinished ones (none of them in it: a read held has complete responses only).
    const same = { ...since!.wave, unfinished: unfinishedOf(await partialCount(store, wave.id), 0, includePartial) };
    return { wave: same, columns: names.length, since: { ...since!, wave: same, lastId: read.lastId, seen: read.seen } };
  }
  const { coders, ids, weights, designWeights, strata, psus, fpcs, anyDeclared, n, partial, synthetic, lastId, seen } = read;
  if (!n) throw new Conflict(`${slug} ${waveName} has no complete responses to report on yet.`);
  const columns = new Map<string, CodedColumn>(names.map((name, j) => [name, coders[j].done(n)]));
  const answers = codedColumns(n, (name) => columns.get(name));
  const used = sharedPrefix(weights, n);
  const declared = anyDeclared ? strata.map((stratum, i): DeclaredDesign => ({ stratum, psu: psus[i], fpc: fpcs[i] })) : [];
  const sampleDesign = anyDeclared ? checkedSampleDesign(declared, used, slug, waveName) : undefined;
  let calibration: Calibration | undefined;
  if (stored) calibration = reportCalibrationOfColumns(stored, answers, ids.subarray(0, n), designWeights.subarray(0, n));
  const columnsRead: WaveColumns = {
    survey,
    wave,
    metadata,
    questions,
    breakdowns,
    answers,
    weights: used,
    calibration,
    ...(sampleDesign ? { sampleDesign } : {}),
    weighting: weightingOf(stored),
    synthetic,
    unfinished: unfinishedOf(await partialCount(store, wave.id), partial, includePartial),
  };
  // Held for a later read to start from: not with a declared sample (its design is of all the responses).
  const later = anyDeclared ? null : { wave: columnsRead, names, coders: stored ? null : coders, lastId, seen, synthetic };
  return { wave: columnsRead, columns: names.length, since: later };
}
