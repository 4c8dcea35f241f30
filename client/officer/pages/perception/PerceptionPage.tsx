/**
 * The perception-vs-reality page's data part: the comparison wave and crime period choice, the
 * report for the chosen wave (fetched on arrival and when the wave changes, and again on "Show"),
 * and the stored crime months (for the period inputs).
 */
import { createEffect, createSignal, on, onMount } from 'solid-js';
import { call, client, describeFailure } from '../../api';
import { selectedSlug, selectedSurvey, selectedWave } from '../../selection';
import { can, whenSignedIn } from '../../session';
import type { WardMapData } from '../../components/ward-map-types';
import { modelQuery } from './perception-map';
import type { EstimateKind, ModelEstimates, PageError, Perception } from './types';
import { PerceptionView } from './PerceptionView';

const perception = client.api.officer.surveys[':slug'].waves[':wave'].perception;
const available = client.api.officer.crime.available;
const wardEstimates = client.api.officer.surveys[':slug'].waves[':wave']['ward-estimates'];

export function PerceptionPage() {
  const [compareWave, setCompareWave] = createSignal('');
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [periodChosen, setPeriodChosen] = createSignal(false);
  const [report, setReport] = createSignal<Perception | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<PageError | null>(null);
  const [months, setMonths] = createSignal<string[]>([]);
  const [wardMap, setWardMap] = createSignal<WardMapData | null>(null);
  const [kind, setKind] = createSignal<EstimateKind>('direct');
  // Per item (by its index in the report): the model-based estimates, fetched when first asked for.
  const [models, setModels] = createSignal<ReadonlyMap<number, ModelEstimates>>(new Map());
  let latest = 0;

  // The boundaries change rarely: fetched once; without them (409) the page shows no map.
  void whenSignedIn(call(client.api.officer.areas.map.$get())).then((r) => {
    if (r.kind === 'ok') setWardMap(r.value);
  });

  /** The model-based estimates of every item of the report shown not fetched yet. */
  async function fetchModels(r: Perception) {
    const slug = selectedSlug();
    const wave = selectedWave();
    if (!slug || !wave) return;
    const wanted = r.items.map((item, i) => ({ item, i })).filter(({ i }) => !models().has(i));
    setModels((m) => {
      const next = new Map(m);
      for (const { i } of wanted) next.set(i, { state: 'loading' });
      return next;
    });
    // One after another: the server fits reports in a small pool with a bounded queue (a burst of
    // one request per item would be refused as busy), and the first item is ready first.
    for (const { item, i } of wanted) {
      const query = modelQuery(item, r.periods.wave);
      const got = await whenSignedIn(call(wardEstimates.$get({ param: { slug, wave }, query })));
      if (report() !== r) return; // another report came meanwhile
      // Recorded crime does not cover the period (409): the model can still borrow from the other wards, with no covariate.
      if (got.kind === 'failed' && got.status === 409) {
        // A crime period goes with a crime covariate only.
        const { crimeType: _type, from: _from, to: _to, ...rest } = query;
        const plain = await whenSignedIn(call(wardEstimates.$get({ param: { slug, wave }, query: { ...rest, covariate: 'none' } })));
        if (report() !== r) return;
        if (plain.kind === 'ok') {
          setModels((m) => new Map(m).set(i, { state: 'ok', value: plain.value, withoutCrime: got.message }));
          continue;
        }
      }
      setModels((m) => new Map(m).set(i, got.kind === 'ok' ? { state: 'ok', value: got.value } : { state: 'failed', message: describeFailure(got) }));
    }
  }
  createEffect(
    on([kind, report], ([k, r]) => {
      if (k === 'model' && r) void fetchModels(r);
    }),
  );

  onMount(async () => {
    const r = await whenSignedIn(storedMonths());
    if (r.kind === 'ok') setMonths(r.value.months);
  });
  const storedMonths = () => call(available.$get());

  async function show(byOfficer = true) {
    const slug = selectedSlug();
    const wave = selectedWave();
    if (!slug || !wave) return;
    const request = ++latest;
    setLoading(true);
    setError(null);
    const chosen = !!(from() || to());
    const r = await whenSignedIn(
      call(perception.$get({ param: { slug, wave }, query: { compareWave: compareWave() || undefined, from: from() || undefined, to: to() || undefined } })),
    );
    if (request !== latest) return; // a newer request was made meanwhile
    setLoading(false);
    if (r.kind !== 'ok') {
      setReport(null);
      return setError({ message: describeFailure(r), needsData: r.kind === 'failed' && r.status === 409, focus: byOfficer });
    }
    setPeriodChosen(chosen);
    setModels(new Map());
    setReport(r.value);
  }

  // A new survey or wave: clear the comparison (it belongs to that survey) and show the new wave.
  createEffect(
    on([selectedSlug, selectedWave], ([slug, wave]) => {
      setReport(null);
      setError(null);
      setCompareWave('');
      if (slug && wave) void show(false);
    }),
  );

  return (
    <PerceptionView
      survey={selectedSurvey()}
      wave={selectedWave()}
      compareWave={compareWave()}
      from={from()}
      to={to()}
      storedMonths={months()}
      periodChosen={periodChosen()}
      report={report()}
      wardMap={wardMap()}
      estimateKind={kind()}
      models={models()}
      onEstimateKind={setKind}
      loading={loading()}
      error={error()}
      canImport={can('import')}
      onCompareWave={setCompareWave}
      onFrom={setFrom}
      onTo={setTo}
      onShow={() => show(true)}
    />
  );
}
