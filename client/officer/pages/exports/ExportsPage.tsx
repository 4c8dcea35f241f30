/**
 * The downloads page's data part: the options (breakdowns, a wave to compare with), the notices of
 * the chosen wave (from its returns, which say whether it holds demo data), and each download:
 * fetched with progress shown, then saved as a file (or, for the committee report, opened in a
 * new tab to print). Every download is audited by the server.
 */
import { createEffect, createResource, createSignal, on } from 'solid-js';
import { call, client, describeFailure, downloadUrl, type Failure } from '../../api';
import type { ProgressState } from '../../components/feedback';
import { bytes } from '../../format';
import { selectedSlug, selectedSurvey, selectedWave } from '../../selection';
import { can, whenSignedIn } from '../../session';
import { fetchFile, openWaitingTab, saveFile, showInTab } from './fetch-file';
import { DOWNLOADS, ExportsView } from './ExportsView';
import type { DownloadKind } from './types';

const waveApi = client.api.officer.surveys[':slug'].waves[':wave'];

const endpoints = {
  'report-xlsx': waveApi['report.xlsx'],
  'report-crosstabs': waveApi['report-crosstabs.xlsx'],
  'responses-csv': waveApi['responses.csv'],
  'responses-xlsx': waveApi['responses.xlsx'],
  'responses-sav': waveApi['responses.sav'],
  'responses-r': waveApi['responses-r.zip'],
  'committee-html': waveApi['committee-report.html'],
  'committee-open': waveApi['committee-report.html'],
  'committee-docx': waveApi['committee-report.docx'],
} satisfies Record<DownloadKind, unknown>;

export function ExportsPage() {
  const [by, setBy] = createSignal<string[]>([]);
  const [compareWave, setCompareWave] = createSignal('');
  const [busy, setBusy] = createSignal<DownloadKind | null>(null);
  /** The download last asked for: its card shows the progress and the outcome. */
  const [last, setLast] = createSignal<DownloadKind | null>(null);
  const [progress, setProgress] = createSignal<ProgressState | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);

  // The chosen wave's notices (synthetic demo data, illustrative population), from its returns.
  const [notices] = createResource(
    () => (selectedSlug() && selectedWave() ? { slug: selectedSlug(), wave: selectedWave() } : null),
    async (p) => {
      const r = await whenSignedIn(call(waveApi.returns.$get({ param: p })));
      return r.kind === 'ok' ? [r.value.syntheticNotice, r.value.illustrativePopulationNotice] : [];
    },
  );

  // Another survey or wave: choices that do not belong to it go, and old messages with them.
  createEffect(
    on([selectedSlug, selectedWave], () => {
      const s = selectedSurvey();
      setBy((list) => list.filter((b) => s?.breakdowns.some((x) => x.name === b)));
      if (compareWave() === selectedWave() || !s?.waves.some((w) => w.name === compareWave())) setCompareWave('');
      setError(null);
      setDone(null);
    }),
  );

  function toggleBy(name: string, on: boolean) {
    setBy((list) => (on ? [...list.filter((b) => b !== name), name] : list.filter((b) => b !== name)));
  }

  function failed(r: Failure, what: string) {
    setError(`${what} could not be prepared: ${describeFailure(r)}`);
    // Move to the message so it is read at once and seen.
    setTimeout(() => document.querySelector<HTMLElement>('.download-card .error')?.focus(), 0);
  }

  async function download(kind: DownloadKind) {
    const d = DOWNLOADS[kind];
    const slug = selectedSlug();
    const wave = selectedWave();
    if (!slug || !wave || busy()) return;
    const withOptions = d.usesOptions ? { by: by().join(','), compareWave: compareWave() } : {};
    // The options go in the address (downloadUrl leaves out empty ones), not hc's own query.
    const url = downloadUrl(endpoints[kind], { param: { slug, wave }, query: {} }, withOptions);
    // Opened now, inside the click, so the browser does not block it; filled when the report is ready.
    const tab = kind === 'committee-open' ? openWaitingTab('Preparing the committee report…') : null;
    setBusy(kind);
    setLast(kind);
    setError(null);
    setDone(null);
    setProgress({ label: `Preparing ${d.what}` });
    const r = await whenSignedIn(fetchFile(url, `${slug}-${wave}-${d.fallbackName}`));
    setBusy(null);
    setProgress(null);
    if (r.kind !== 'ok') {
      tab?.close();
      return failed(r, d.what[0].toUpperCase() + d.what.slice(1));
    }
    if (kind === 'committee-open') {
      if (tab && !tab.closed) {
        showInTab(tab, r.value);
        return setDone(`The committee report is open in a new tab (${bytes(r.value.blob.size)}). To make a PDF, use Print, then Save as PDF, in that tab.`);
      }
      // The browser blocked the new tab: keep the report as a file instead.
      saveFile(r.value);
      return setDone(
        `Your browser did not open a new tab, so the committee report was saved as ${r.value.filename} instead: open it from your downloads and use Print, then Save as PDF.`,
      );
    }
    saveFile(r.value);
    setDone(`Saved ${r.value.filename} (${bytes(r.value.blob.size)}): look in your downloads folder.`);
  }

  return (
    <ExportsView
      survey={selectedSurvey()}
      wave={selectedWave()}
      allowed={can('export')}
      notices={notices() ?? []}
      by={by()}
      compareWave={compareWave()}
      busy={busy()}
      last={last()}
      progress={progress()}
      error={error()}
      done={done()}
      onToggleBy={toggleBy}
      onClearBy={() => setBy([])}
      onCompareWave={setCompareWave}
      onDownload={download}
    />
  );
}
