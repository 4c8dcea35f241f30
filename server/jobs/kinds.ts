/**
 * The heavy work a worker can be asked for, by kind: each is the same service function the
 * routes and the CLI called in-thread before, run on the worker's read-only store, so the result
 * is identical. Reports come back as their JSON in UTF-8 (serialised and encoded once, in the
 * worker; the buffer is handed over, not copied, and sent to the client as it is), downloads as the file, a weighting run as the weights to store (the worker's
 * store is read-only: the request thread stores them).
 */
import { COMMITTEE_KINDS, type Download, type DownloadKind, type DownloadOptions, makeDownload } from '../reports/downloads.js';
import { type PerceptionOptions, perceptionReport } from '../reports/perception.js';
import type { ReportDetail } from '../reports/schemas.js';
import { type ReportOptions, reportJson, surveyReport } from '../reports/survey-report.js';
import { type EarlierWaveArgs, earlierWave, type PartInput, reportPart } from '../reports/report-parts.js';
import { type WardEstimatesOptions, wardEstimates } from '../reports/ward-estimates.js';
import { type WaveFindingsOptions, waveFindings } from '../reports/wave-findings.js';
import { priorityMatrix, priorityRanking } from '../priorities/matrix.js';
import type { Store } from '../store/open.js';
import { computeWeighing, type WeighWave } from '../weighting/runs.js';

export const kinds = {
  // The API sends the report as reportJson does (lean unless asked for in full); the CLI and the downloads keep every digit.
  report: async (store: Store, { lean, detail, ...opts }: ReportOptions & { lean?: boolean; detail?: ReportDetail }) =>
    utf8(lean ? reportJson(await surveyReport(store, opts), detail) : JSON.stringify(await surveyReport(store, opts))),
  perception: async (store: Store, opts: PerceptionOptions) => utf8(JSON.stringify(await perceptionReport(store, opts))),
  wardEstimates: async (store: Store, opts: WardEstimatesOptions) => utf8(JSON.stringify(await wardEstimates(store, opts))),
  findings: async (store: Store, opts: WaveFindingsOptions) => utf8(JSON.stringify(await waveFindings(store, opts))),
  // The committee report prints the wave's year's priority matrix when one is saved (read here: priorities reads reports).
  download: async (store: Store, { kind, opts }: { kind: DownloadKind; opts: DownloadOptions }): Promise<Download> =>
    await makeDownload(store, kind, COMMITTEE_KINDS.has(kind) ? { ...opts, priorities: await priorityRanking(store, opts.wave) } : opts),
  // The year's matrix with its evidence (recorded crime, survey reports, perception: seconds of work).
  priorities: async (store: Store, { year }: { year: string }) => utf8(JSON.stringify(await priorityMatrix(store, year))),
  // A big report's share of its questions, and the wave it is compared with, on a report worker's helper thread.
  reportPart: async (_store: Store, input: PartInput) => reportPart(input),
  earlierWave: async (store: Store, args: EarlierWaveArgs) => await earlierWave(store, args),
  weighing: async (store: Store, args: Pick<WeighWave, 'slug' | 'wave' | 'request'>, progress?: (message: string) => void) =>
    await computeWeighing(store, { ...args, onProgress: progress }),
};

/** A buffer of its own (offset 0, not a slice of Buffer's shared pool), so it can be transferred. */
function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
}

export type Kind = keyof typeof kinds;
export type ArgsOf<K extends Kind> = Parameters<(typeof kinds)[K]>[1];
export type ResultOf<K extends Kind> = ReturnType<(typeof kinds)[K]>;
