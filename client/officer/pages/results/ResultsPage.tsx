/**
 * The results page's data part: keeps the choices (breakdown, wave to compare with, CI method) and
 * fetches the report for the chosen wave with them. The report takes a few seconds, so progress is
 * shown meanwhile; a new survey or wave clears what is shown.
 */
import { createEffect, createSignal, on } from 'solid-js';
import { api, call, client, describeFailure } from '../../api';
import type { WardMapData } from '../../components/ward-map-types';
import type { CiMethod, SurveyReport } from './types';
import { selectedSlug, selectedSurvey, selectedWave } from '../../selection';
import { whenSignedIn } from '../../session';
import { ResultsView } from './ResultsView';

export function ResultsPage() {
  const [by, setBy] = createSignal('');
  const [compareWave, setCompareWave] = createSignal('');
  const [ci, setCi] = createSignal<CiMethod>('logit');
  const [report, setReport] = createSignal<SurveyReport | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [wardMap, setWardMap] = createSignal<WardMapData | null>(null);
  const [mapCategories, setMapCategories] = createSignal<Record<string, string>>({});

  // The boundaries change rarely: fetched once; without them (409) the page shows no map.
  void whenSignedIn(call(client.api.officer.areas.map.$get())).then((r) => {
    if (r.kind === 'ok') setWardMap(r.value);
  });

  // A new survey or wave clears what is shown (and choices that belong to another survey or wave).
  createEffect(
    on([selectedSlug, selectedWave], () => {
      setReport(null);
      setError(null);
      const s = selectedSurvey();
      if (!s?.breakdowns.some((b) => b.name === by())) setBy('');
      if (compareWave() === selectedWave() || !s?.waves.some((w) => w.name === compareWave())) setCompareWave('');
    }),
  );

  async function show() {
    setLoading(true);
    setError(null);
    const r = await whenSignedIn(api.report(selectedSlug(), selectedWave(), { by: by() ? [by()] : [], compareWave: compareWave() || undefined, ci: ci() }));
    setLoading(false);
    if (r.kind !== 'ok') {
      setReport(null);
      return setError(describeFailure(r));
    }
    setReport(r.value);
  }

  return (
    <ResultsView
      survey={selectedSurvey()}
      wave={selectedWave()}
      by={by()}
      compareWave={compareWave()}
      ci={ci()}
      report={report()}
      wardMap={wardMap()}
      mapCategories={mapCategories()}
      onMapCategory={(question, category) => setMapCategories((m) => ({ ...m, [question]: category }))}
      loading={loading()}
      error={error()}
      onBy={setBy}
      onCompareWave={setCompareWave}
      onCi={setCi}
      onShow={show}
    />
  );
}
