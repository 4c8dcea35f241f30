/** The results page's data part: loads the survey list, keeps the choice, fetches the report. */
import { createSignal, onMount } from 'solid-js';
import { api, describeFailure, type OfficerSurvey, type SurveyReport } from './api';
import { ResultsView } from './ResultsView';

/** The wave to show first: the newest one with responses. */
function defaultWave(s: OfficerSurvey | undefined): string {
  const withReturns = (s?.waves ?? []).filter((w) => w.responses > 0);
  return (withReturns.at(-1) ?? s?.waves.at(-1))?.name ?? '';
}

export function ResultsPage(props: { onSignedOut(): void }) {
  const [surveys, setSurveys] = createSignal<OfficerSurvey[]>([]);
  const [slug, setSlug] = createSignal('');
  const [wave, setWave] = createSignal('');
  const [by, setBy] = createSignal('');
  const [report, setReport] = createSignal<SurveyReport | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  onMount(async () => {
    setLoading(true);
    const r = await api.surveys();
    setLoading(false);
    if (r.kind === 'signed-out') return props.onSignedOut();
    if (r.kind !== 'ok') return setError(describeFailure(r));
    setSurveys(r.value);
    if (!r.value.length) return setError('There are no surveys yet. An admin adds them with `npm run cli -- survey add`.');
    chooseSurvey(r.value[0].slug);
  });

  function chooseSurvey(next: string) {
    setSlug(next);
    setWave(defaultWave(surveys().find((s) => s.slug === next)));
    setBy('');
    setReport(null);
  }

  async function show() {
    setLoading(true);
    setError(null);
    const r = await api.report(slug(), wave(), by() ? [by()] : []);
    setLoading(false);
    if (r.kind === 'signed-out') return props.onSignedOut();
    if (r.kind !== 'ok') {
      setReport(null);
      return setError(describeFailure(r));
    }
    setReport(r.value);
  }

  return (
    <ResultsView
      surveys={surveys()}
      slug={slug()}
      wave={wave()}
      by={by()}
      report={report()}
      loading={loading()}
      error={error()}
      onSurvey={chooseSurvey}
      onWave={(w) => {
        setWave(w);
        setReport(null);
      }}
      onBy={setBy}
      onShow={show}
    />
  );
}
