/**
 * The weighting page's data part: the chosen wave's latest run (everyone), and for roles that may
 * run weighting, what the population table offers as targets, the form's choices, the run itself
 * (progress while the server works, its refusal in words), then the new run fetched again; below,
 * the past runs (RunHistory), any of which can be restored.
 */
import { createEffect, createSignal, on, Show } from 'solid-js';
import { call, describeFailure } from '../../api';
import type { ProgressState } from '../../components/feedback';
import { count, dateTime } from '../../format';
import { selectedSlug, selectedWave } from '../../selection';
import { can, whenSignedIn } from '../../session';
import { parseBounds, parseCaps, REPEAT_ROUNDS, runSummary } from './weighting-words';
import { type LatestRun, type PopulationTargets, type WeightingForm, weightingEndpoint as weighting } from './types';
import { WeightingView } from './WeightingView';
import { RunHistory } from './RunHistory';
import './weighting.css';

/** The server refuses bodies over 256 KB; a margins file is a few hundred lines. */
const MAX_FILE_BYTES = 250 * 1024;

const initialForm = (): WeightingForm => ({
  source: 'population',
  file: null,
  unmatched: 'impute',
  method: 'rake',
  boundsLower: '0.3',
  boundsUpper: '3',
  trimUpper: '',
  trimLower: '',
  trimRepeat: false,
  illustrative: false,
});

export function WeightingPage() {
  const [latest, setLatest] = createSignal<LatestRun>(null);
  const [latestLoading, setLatestLoading] = createSignal(false);
  const [latestError, setLatestError] = createSignal<string | null>(null);
  const [targets, setTargets] = createSignal<PopulationTargets | null>(null);
  const [targetsError, setTargetsError] = createSignal<string | null>(null);
  const [form, setForm] = createSignal<WeightingForm>(initialForm());
  const [progress, setProgress] = createSignal<ProgressState | null>(null);
  const [runError, setRunError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  let ticket = 0;

  const canRun = () => can('run-weighting');

  async function loadLatest(slug: string, wave: string, mine: number): Promise<LatestRun | undefined> {
    setLatestLoading(true);
    const r = await whenSignedIn(call(weighting.$get({ param: { slug, wave } })));
    if (mine !== ticket) return undefined;
    setLatestLoading(false);
    if (r.kind !== 'ok') {
      setLatestError(describeFailure(r));
      return undefined;
    }
    setLatestError(null);
    setLatest(r.value);
    return r.value;
  }

  async function loadTargets(slug: string, wave: string, mine: number) {
    const r = await whenSignedIn(call(weighting['population-targets'].$get({ param: { slug, wave } })));
    if (mine !== ticket) return;
    if (r.kind !== 'ok') return setTargetsError(describeFailure(r));
    setTargetsError(null);
    setTargets(r.value);
    // Without usable population figures, the only choice left is a file.
    if (!r.value.available || r.value.notAsked.length) setForm((f) => ({ ...f, source: 'margins' }));
  }

  createEffect(
    on([selectedSlug, selectedWave, canRun], ([slug, wave, run]) => {
      const mine = ++ticket;
      setLatest(null);
      setTargets(null);
      setLatestError(null);
      setTargetsError(null);
      setRunError(null);
      setDone(null);
      setProgress(null);
      setForm(initialForm());
      if (!slug || !wave) return;
      void loadLatest(slug, wave, mine);
      if (run) void loadTargets(slug, wave, mine);
    }),
  );

  async function run() {
    const slug = selectedSlug();
    const wave = selectedWave();
    const f = form();
    setRunError(null);
    setDone(null);
    const caps = f.method === 'rake' ? parseCaps(f.trimUpper, f.trimLower) : {};
    if (typeof caps === 'string') return setRunError(caps);
    const bounds = f.method === 'rake' ? null : parseBounds(f.method, f.boundsLower, f.boundsUpper);
    if (typeof bounds === 'string') return setRunError(bounds);
    const trimmed = caps.trimUpper !== undefined || caps.trimLower !== undefined;
    let margins: string | undefined;
    if (f.source === 'margins') {
      if (!f.file) return setRunError('Choose a margins file (CSV with the columns variable,category,target) first.');
      if (f.file.size > MAX_FILE_BYTES)
        return setRunError(`${f.file.name} is larger than 250 KB: a margins file is usually a few hundred lines. Check it is the right file.`);
      setProgress({ label: `Reading ${f.file.name}` });
      margins = await f.file.text();
    }
    const mine = ticket;
    const before = latest();
    setProgress({ label: `Weighting the ${wave} responses${f.source === 'margins' ? ` to ${f.file!.name}` : ' to the population table'}` });
    const json = {
      source: f.source,
      margins,
      unmatched: f.unmatched,
      method: f.method,
      ...(bounds ? { bounds } : {}),
      ...caps,
      ...(trimmed && f.trimRepeat ? { trimRounds: REPEAT_ROUNDS } : {}),
      ...(f.source === 'margins' ? { illustrative: f.illustrative } : {}),
    };
    const r = await whenSignedIn(call(weighting.$post({ param: { slug, wave }, json })));
    if (mine !== ticket) return;
    if (r.kind !== 'ok') {
      setProgress(null);
      return setRunError(describeFailure(r));
    }
    setProgress({ label: 'Fetching the new diagnostics' });
    const now = await loadLatest(slug, wave, mine);
    if (mine !== ticket) return;
    setProgress(null);
    if (!now) return;
    const effective = (run: NonNullable<LatestRun>) => Math.round(run.diagnostics.nEffective);
    const was = !before
      ? ''
      : effective(before) === effective(now)
        ? ' (the same effective base as the run before)'
        : ` (the run before: effective base ${count(effective(before))})`;
    setDone(
      `Weighting done at ${dateTime(now.createdAt)}: ${runSummary(now.diagnostics)}${was}. The results, downloads and committee report for wave ${wave} now use these weights.`,
    );
    void loadTargets(slug, wave, mine);
  }

  return (
    <>
      <WeightingView
        wave={selectedWave()}
        latest={latest()}
        latestLoading={latestLoading()}
        latestError={latestError()}
        canRun={canRun()}
        targets={targets()}
        targetsError={targetsError()}
        form={form()}
        onForm={(change) => setForm((f) => ({ ...f, ...change }))}
        running={progress() !== null}
        progress={progress()}
        runError={runError()}
        done={done()}
        onRun={() => void run()}
      />
      <Show when={selectedSlug() && selectedWave()}>
        <RunHistory
          slug={selectedSlug()}
          wave={selectedWave()}
          latestAt={latest()?.createdAt ?? null}
          canRestore={canRun()}
          onRestored={() => void loadLatest(selectedSlug(), selectedWave(), ticket)}
        />
      </Show>
    </>
  );
}
