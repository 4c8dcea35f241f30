/**
 * The results page's data part. The choices (breakdowns, a cross-tab, filters, the wave to compare
 * with, the CI method) live in the address, so a view can be bookmarked or sent on; the form edits
 * a draft of them and "Show results" puts it in the address. The report's contents (questions,
 * breakdowns, filters) are fetched first; then each question's results only when its section comes
 * into view, a few at a time, so a report by ward is never fetched whole.
 */
import { batch, createEffect, createMemo, createSignal, on } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { api, call, client, describeFailure } from '../../api';
import type { WardMapData } from '../../components/ward-map-types';
import { currentSearch, navigate } from '../../router';
import { selectedSlug, selectedSurvey, selectedWave } from '../../selection';
import { whenSignedIn } from '../../session';
import type { CiMethod, ReportContents, SurveyReport } from './types';
import { type QuestionState, ResultsView, type ResultsChoices } from './ResultsView';

/** Questions fetched at the same time. */
const AT_ONCE = 3;

const CI_VALUES: CiMethod[] = ['logit', 'beta', 'wilson'];

/** The choices written in the address (?by=sex,age_band&crosstab=sex*age_band&filter=ward:X&compareWave=2025&ci=wilson&partial=include&show=1). */
function choicesOf(search: string): ResultsChoices & { show: boolean } {
  const q = new URLSearchParams(search);
  const ci = q.get('ci') as CiMethod | null;
  return {
    by: (q.get('by') ?? '').split(',').filter(Boolean),
    crosstab: q.get('crosstab') ?? '',
    filters: q.getAll('filter').filter((f) => f.includes(':')),
    compareWave: q.get('compareWave') ?? '',
    ci: ci && CI_VALUES.includes(ci) ? ci : 'logit',
    includePartial: q.get('partial') === 'include',
    show: q.get('show') === '1',
  };
}

function writeChoices(c: ResultsChoices) {
  const q = new URLSearchParams(location.search);
  for (const k of ['by', 'crosstab', 'filter', 'compareWave', 'ci', 'partial', 'show']) q.delete(k);
  if (c.by.length) q.set('by', c.by.join(','));
  if (c.crosstab) q.set('crosstab', c.crosstab);
  for (const f of c.filters) q.append('filter', f);
  if (c.compareWave) q.set('compareWave', c.compareWave);
  if (c.ci !== 'logit') q.set('ci', c.ci);
  if (c.includePartial) q.set('partial', 'include');
  q.set('show', '1');
  navigate(`${location.pathname}?${q.toString()}`, { replace: true });
}

export function ResultsPage() {
  const applied = () => choicesOf(currentSearch());
  const [draft, setDraft] = createSignal<ResultsChoices>(applied());
  const [contents, setContents] = createSignal<ReportContents | null>(null);
  const [contentsError, setContentsError] = createSignal<string | null>(null);
  const [questions, setQuestions] = createStore<Record<string, QuestionState>>({});
  const [head, setHead] = createSignal<SurveyReport | null>(null);
  const [wardMap, setWardMap] = createSignal<WardMapData | null>(null);
  const [mapCategories, setMapCategories] = createSignal<Record<string, string>>({});

  // The boundaries change rarely: fetched once; without them (409) the page shows no map.
  void whenSignedIn(call(client.api.officer.areas.map.$get())).then((r) => {
    if (r.kind === 'ok') setWardMap(r.value);
  });

  // A new survey or wave: its contents, and the choices that still apply to it.
  createEffect(
    on([selectedSlug, selectedWave], async ([slug, wave]) => {
      setContents(null);
      setContentsError(null);
      const s = selectedSurvey();
      const d = draft();
      setDraft({
        ...d,
        by: d.by.filter((b) => s?.breakdowns.some((x) => x.name === b)),
        compareWave: d.compareWave === wave || !s?.waves.some((w) => w.name === d.compareWave) ? '' : d.compareWave,
      });
      if (!slug || !wave) return;
      const r = await whenSignedIn(api.reportContents(slug, wave));
      if (slug !== selectedSlug() || wave !== selectedWave()) return;
      if (r.kind === 'ok') setContents(r.value);
      else setContentsError(describeFailure(r));
    }),
  );

  // What the results are for: a change of any choice (or survey, wave) starts again.
  let generation = 0;
  let running = 0;
  let waiting: string[] = [];
  const key = createMemo(() => {
    const a = applied();
    return a.show && contents() ? JSON.stringify([selectedSlug(), selectedWave(), a.by, a.crosstab, a.filters, a.compareWave, a.ci, a.includePartial]) : '';
  });
  createEffect(
    on(key, () => {
      generation++;
      waiting = [];
      running = 0;
      batch(() => {
        setQuestions(reconcile({}));
        setHead(null);
      });
      // The first question at once, whether in view or not: its report carries the notices, the method and the filters' n.
      const first = contents()?.questions[0]?.name;
      if (first) want(first);
    }),
  );

  function pump() {
    while (running < AT_ONCE && waiting.length) {
      const name = waiting.shift()!;
      void load(name);
    }
  }

  async function load(name: string) {
    const mine = generation;
    const a = applied();
    running++;
    setQuestions(name, { state: 'loading' });
    const r = await whenSignedIn(
      api.report(selectedSlug(), selectedWave(), {
        by: a.by,
        crosstab: a.crosstab ? [a.crosstab] : [],
        filter: a.filters,
        compareWave: a.compareWave || undefined,
        ci: a.ci,
        includePartial: a.includePartial,
        question: [name],
      }),
    );
    if (mine !== generation) return;
    running = Math.max(0, running - 1);
    if (r.kind === 'ok') {
      setQuestions(name, { state: 'ok', report: r.value });
      if (!head()) setHead(r.value);
    } else setQuestions(name, { state: 'error', error: describeFailure(r) });
    pump();
  }

  /** A question's section came into view (or was asked for from the contents list). */
  function want(name: string) {
    if (!key() || questions[name] || waiting.includes(name)) return;
    setQuestions(name, { state: 'waiting' });
    waiting.push(name);
    pump();
  }

  function retry(name: string) {
    setQuestions(name, undefined!);
    want(name);
  }

  return (
    <ResultsView
      survey={selectedSurvey()}
      wave={selectedWave()}
      contents={contents()}
      contentsError={contentsError()}
      draft={draft()}
      applied={applied().show ? applied() : null}
      filterEcho={head()?.filters ?? null}
      head={head()}
      questions={questions}
      wardMap={wardMap()}
      mapCategories={mapCategories()}
      onMapCategory={(question, category) => setMapCategories((m) => ({ ...m, [question]: category }))}
      onDraft={(change) => setDraft((d) => ({ ...d, ...change }))}
      onShow={() => writeChoices(draft())}
      onWant={want}
      onRetry={retry}
    />
  );
}
