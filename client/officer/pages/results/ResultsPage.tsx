/** The results page's data part: keeps the breakdown choice, fetches the report for the chosen wave. */
import { createEffect, createSignal, on } from 'solid-js';
import { api, describeFailure, type SurveyReport } from '../../api';
import { selectedSlug, selectedSurvey, selectedWave } from '../../selection';
import { whenSignedIn } from '../../session';
import { ResultsView } from './ResultsView';

export function ResultsPage() {
  const [by, setBy] = createSignal('');
  const [report, setReport] = createSignal<SurveyReport | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  // A new survey or wave clears what is shown (and a breakdown that belongs to another survey).
  createEffect(
    on([selectedSlug, selectedWave], () => {
      setReport(null);
      setError(null);
      if (!selectedSurvey()?.breakdowns.some((b) => b.name === by())) setBy('');
    }),
  );

  async function show() {
    setLoading(true);
    setError(null);
    const r = await whenSignedIn(api.report(selectedSlug(), selectedWave(), { by: by() ? [by()] : [] }));
    setLoading(false);
    if (r.kind !== 'ok') {
      setReport(null);
      return setError(describeFailure(r));
    }
    setReport(r.value);
  }

  return <ResultsView survey={selectedSurvey()} wave={selectedWave()} by={by()} report={report()} loading={loading()} error={error()} onBy={setBy} onShow={show} />;
}
