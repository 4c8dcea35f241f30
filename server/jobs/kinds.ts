/**
 * The heavy work a worker can be asked for, by kind: each is the same service function the
 * routes and the CLI called in-thread before, run on the worker's read-only store, so the result
 * is identical. Reports come back as their JSON text (serialised once, in the worker, and sent to
 * the client as it is), downloads as the file, a weighting run as the weights to store (the worker's
 * store is read-only: the request thread stores them).
 */
import { type Download, type DownloadKind, type DownloadOptions, makeDownload } from '../reports/downloads.js';
import { type PerceptionOptions, perceptionReport } from '../reports/perception.js';
import { type ReportOptions, surveyReport } from '../reports/survey-report.js';
import type { Store } from '../store/open.js';
import { computeWeighing, type WeighWave } from '../weighting/runs.js';

export const kinds = {
  report: (store: Store, opts: ReportOptions): string => JSON.stringify(surveyReport(store, opts)),
  perception: (store: Store, opts: PerceptionOptions): string => JSON.stringify(perceptionReport(store, opts)),
  download: (store: Store, { kind, opts }: { kind: DownloadKind; opts: DownloadOptions }): Download => makeDownload(store, kind, opts),
  weighing: (store: Store, args: Pick<WeighWave, 'slug' | 'wave' | 'request'>) => computeWeighing(store, args),
};

export type Kind = keyof typeof kinds;
export type ArgsOf<K extends Kind> = Parameters<(typeof kinds)[K]>[1];
export type ResultOf<K extends Kind> = ReturnType<(typeof kinds)[K]>;
