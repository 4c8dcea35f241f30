/**
 * The results page as a pure view: survey/wave, the choices (breakdowns, cross-tab, filters as
 * removable chips, comparison wave, CI method), a contents list, notices, and one section per
 * question that shows its results once they are fetched (or that they are loading, or failed).
 */
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type { OfficerSurvey } from '../../api';
import type { WardMapData } from '../../components/ward-map-types';
import type { CiMethod, ReportContents, ReportFilter, SurveyReport } from './types';
import { ErrorAlert, PageHeading, Progress } from '../../components/feedback';
import { CompareWaveField } from '../../components/CompareWaveField';
import { WavePicker } from '../../components/WavePicker';
import { CI_CHOICES, ciMethodName, count, pct, resultsByQuestion, respondentsWord, variableWords } from './format';
import { QuestionResult } from './QuestionResult';
import './results.css';

/** What the officer chose: `filters` as `variable:value|value`, `crosstab` as `a*b` ('' for none). */
export interface ResultsChoices {
  by: string[];
  crosstab: string;
  filters: string[];
  /** '' for no comparison. */
  compareWave: string;
  ci: CiMethod;
  /** Analyse the unfinished (partial) responses too. */
  includePartial: boolean;
}

/** One question's results: waiting for a place, being fetched, there, or failed. */
export type QuestionState =
  | { state: 'waiting' | 'loading'; report?: undefined; error?: undefined }
  | { state: 'ok'; report: SurveyReport; error?: undefined }
  | { state: 'error'; error: string; report?: undefined };

export interface ResultsViewProps {
  survey: OfficerSurvey | undefined;
  wave: string;
  contents: ReportContents | null;
  contentsError: string | null;
  /** The choices as the form shows them. */
  draft: ResultsChoices;
  /** The choices the results are for (null until "Show results"). */
  applied: ResultsChoices | null;
  /** The filters as the report echoed them (with their n), once a question is loaded. */
  filterEcho: ReportFilter[] | null;
  /** The first question's report loaded: its notices and method describe them all. */
  head: SurveyReport | null;
  questions: Readonly<Record<string, QuestionState | undefined>>;
  /** The projected ward map, or null when no boundaries fit: with a breakdown by ward each question gets a map. */
  wardMap: WardMapData | null;
  /** The answer each question's ward map shows, by question name (absent: its first). */
  mapCategories: Readonly<Record<string, string>>;
  onMapCategory(question: string, category: string): void;
  onDraft(change: Partial<ResultsChoices>): void;
  onShow(): void;
  /** A question's section is in view: fetch its results. */
  onWant(question: string): void;
  onRetry(question: string): void;
}

export function Notices(props: { report: SurveyReport }) {
  return (
    <Show when={props.report.syntheticNotice || props.report.weighting.illustrativeTargets}>
      <div class="banner" role="note" aria-label="Read before using these results">
        <Show when={props.report.syntheticNotice}>
          <p>
            <strong>Synthetic data.</strong> {props.report.syntheticNotice}
          </p>
        </Show>
        <Show when={props.report.weighting.illustrativeTargets}>
          <p>
            <strong>Illustrative targets.</strong> These results are weighted to ILLUSTRATIVE population figures, not official (ONS) estimates: they show how
            the method works and must not be quoted as real.
          </p>
        </Show>
      </div>
    </Show>
  );
}

function Method(props: { report: SurveyReport }) {
  const w = () => props.report.weighting;
  const compared = () => props.report.changes?.[0]?.from.wave;
  return (
    <p class="method">
      {count(props.report.n)} responses, effective base {count(Math.round(props.report.nEffective))}, margin of error ±{pct(props.report.marginOfError)} (95%).{' '}
      {w().kind === 'calibrated'
        ? `Weighted by ${w().method} on ${(w().margins ?? []).map(variableWords).join(', ')}${w().excluded ? ` (${count(w().excluded!)} responses without a target left out)` : ''}.`
        : 'Not yet weighted to the population: design weights only.'}{' '}
      95% confidence intervals: {ciMethodName(props.report.ciMethod)}. Estimates on fewer than {props.report.threshold} responses are suppressed.
      {compared()
        ? ` Changes are this wave minus ${compared()}; a change or difference is called significant only when its p-value, adjusted for the number of comparisons (Benjamini–Hochberg), is below 0.05.`
        : ''}
      {props.report.unfinished.note ? ` ${props.report.unfinished.note}` : ''}
      {props.report.sampleDesign ? ` ${props.report.sampleDesign.text}` : ''}
    </p>
  );
}

/** "ward = High Street or Shepway North": a filter in words, from the contents' labels. */
function filterWords(spec: string, contents: ReportContents | null): string {
  const colon = spec.indexOf(':');
  const variable = spec.slice(0, colon);
  const f = contents?.filters.find((x) => x.name === variable);
  const labels = spec
    .slice(colon + 1)
    .split('|')
    .map((v) => f?.categories.find((c) => c.value === v)?.label ?? v);
  return `${variable} = ${labels.join(' or ')}`;
}

function Choices(props: ResultsViewProps & { loading: boolean }) {
  const d = () => props.draft;
  const breakdowns = () => props.contents?.breakdowns ?? [];
  const [variable, setVariable] = createSignal('');
  const [values, setValues] = createSignal<string[]>([]);
  const filterable = () => props.contents?.filters ?? [];
  const categories = () => filterable().find((f) => f.name === variable())?.categories ?? [];
  const [a, b] = [() => d().crosstab.split('*')[0] ?? '', () => d().crosstab.split('*')[1] ?? ''];
  const setCrosstab = (x: string, y: string) => props.onDraft({ crosstab: x || y ? `${x}*${y}` : '' });
  const toggleBy = (name: string, on: boolean) => props.onDraft({ by: on ? [...d().by.filter((x) => x !== name), name] : d().by.filter((x) => x !== name) });
  const addFilter = () => {
    if (!variable() || !values().length) return;
    props.onDraft({ filters: [...d().filters.filter((f) => !f.startsWith(`${variable()}:`)), `${variable()}:${values().join('|')}`] });
    setVariable('');
    setValues([]);
  };
  const crosstabInvalid = () => d().crosstab !== '' && (!a() || !b() || a() === b());
  return (
    <form
      class="choose results-choose"
      onSubmit={(e) => {
        e.preventDefault();
        if (!crosstabInvalid()) props.onShow();
      }}
    >
      <fieldset class="results-controls-by">
        <legend>Break down by</legend>
        <p class="hint" id="results-controls-by-hint">
          Choose any number; each is a column group in every table.
        </p>
        <div class="results-controls-options">
          <For each={breakdowns()}>
            {(x) => (
              <div class="results-controls-option">
                <input
                  type="checkbox"
                  id={`by-${x.name}`}
                  checked={d().by.includes(x.name)}
                  onChange={(e) => toggleBy(x.name, e.currentTarget.checked)}
                  aria-describedby="results-controls-by-hint"
                />
                <label for={`by-${x.name}`}>{x.title}</label>
              </div>
            )}
          </For>
        </div>
      </fieldset>
      <fieldset class="results-controls-crosstab">
        <legend>Cross-tab (optional)</legend>
        <p class="hint">The groups are the combinations of two breakdowns, e.g. each sex in each age band.</p>
        <div class="field">
          <label for="results-controls-crosstab-a">First breakdown</label>
          <select id="results-controls-crosstab-a" value={a()} onChange={(e) => setCrosstab(e.currentTarget.value, b())}>
            <option value="">None</option>
            <For each={breakdowns()}>{(x) => <option value={x.name}>{x.title}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="results-controls-crosstab-b">Second breakdown</label>
          <select id="results-controls-crosstab-b" value={b()} onChange={(e) => setCrosstab(a(), e.currentTarget.value)}>
            <option value="">None</option>
            <For each={breakdowns()}>{(x) => <option value={x.name}>{x.title}</option>}</For>
          </select>
        </div>
        <Show when={crosstabInvalid()}>
          <p class="error" role="alert">
            Choose two different breakdowns for the cross-tab, or none in both.
          </p>
        </Show>
      </fieldset>
      <fieldset class="results-controls-filter">
        <legend>Filter (optional)</legend>
        <p class="hint">Only the respondents who gave these answers are counted; the others count as not answering.</p>
        <div class="field">
          <label for="results-controls-filter-variable">Filter on</label>
          <select
            id="results-controls-filter-variable"
            value={variable()}
            onChange={(e) => {
              setVariable(e.currentTarget.value);
              setValues([]);
            }}
          >
            <option value="">Choose a question</option>
            <For each={filterable()}>{(f) => <option value={f.name}>{f.title}</option>}</For>
          </select>
        </div>
        <Show when={variable()}>
          <div class="field">
            <label for="results-controls-filter-values">Answers (choose one or more)</label>
            <select
              id="results-controls-filter-values"
              multiple
              size={Math.min(6, categories().length)}
              onChange={(e) => setValues([...e.currentTarget.selectedOptions].map((o) => o.value))}
            >
              <For each={categories()}>
                {(c) => (
                  <option value={c.value} selected={values().includes(c.value)}>
                    {c.label}
                  </option>
                )}
              </For>
            </select>
          </div>
          <button type="button" class="secondary" disabled={!values().length} onClick={addFilter}>
            Add filter
          </button>
        </Show>
        <Show when={d().filters.length}>
          <ul class="results-controls-chips" aria-label="Filters chosen">
            <For each={d().filters}>
              {(f) => (
                <li class="results-controls-chip">
                  <span>{filterWords(f, props.contents)}</span>
                  <button
                    type="button"
                    aria-label={`Remove filter ${filterWords(f, props.contents)}`}
                    onClick={() => props.onDraft({ filters: d().filters.filter((x) => x !== f) })}
                  >
                    ×
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </fieldset>
      <CompareWaveField id="compare-wave" survey={props.survey} wave={props.wave} value={d().compareWave} onChange={(w) => props.onDraft({ compareWave: w })} />
      <fieldset class="ci-choice">
        <legend>95% confidence intervals</legend>
        <For each={CI_CHOICES}>
          {(m) => (
            <div class="ci-option">
              <input
                type="radio"
                name="ci"
                id={`ci-${m.value}`}
                value={m.value}
                checked={d().ci === m.value}
                onChange={() => props.onDraft({ ci: m.value })}
                aria-describedby={`ci-${m.value}-line`}
              />
              <label for={`ci-${m.value}`}>{m.name}</label>
              <p class="hint" id={`ci-${m.value}-line`}>
                {m.line}
              </p>
            </div>
          )}
        </For>
      </fieldset>
      <Show when={props.contents?.unfinished.available}>
        <div class="results-controls-option">
          <input
            type="checkbox"
            id="include-partial"
            checked={d().includePartial}
            onChange={(e) => props.onDraft({ includePartial: e.currentTarget.checked })}
            aria-describedby="include-partial-hint"
          />
          <label for="include-partial">Include unfinished responses ({count(props.contents!.unfinished.available)})</label>
          <p class="hint" id="include-partial-hint">
            Replies saved page by page but never submitted. Left out unless you tick this; each question then counts those who reached it.
          </p>
        </div>
      </Show>
      <button type="submit" disabled={props.loading || !props.survey || !props.wave || !props.contents}>
        {props.loading ? 'Loading…' : 'Show results'}
      </button>
    </form>
  );
}

/** One question's place in the report: its results, or that they are loading or failed. Fetched when it comes into view. */
function QuestionSlot(props: ResultsViewProps & { name: string; title: string; observe(el: HTMLElement, name: string): void }) {
  const st = () => props.questions[props.name];
  const titles = () => new Map((props.contents?.questions ?? []).map((q) => [q.name, q.title]));
  const result = () => {
    const r = st()?.report;
    return r ? (resultsByQuestion(r, titles())[0] ?? null) : null;
  };
  const compared = () => props.applied?.compareWave || null;
  // Drawn under the chart in its downloads: where the figures come from, and made-up data said so.
  const chartCaption = () => {
    const r = st()?.report;
    const head = props.head ? `Source: ${props.head.survey.title}, wave ${props.head.wave}; weighted estimates with 95% confidence intervals.` : '';
    const synthetic = r?.syntheticNotice ? ` Synthetic data: ${r.syntheticNotice}` : '';
    const targets = r?.weighting.illustrativeTargets ? ' Weighted to ILLUSTRATIVE population figures, not official estimates.' : '';
    return `${head}${synthetic}${targets}`.trim();
  };
  return (
    <div class="results-controls-slot" id={`result-${props.name}`} tabindex="-1" ref={(el) => props.observe(el, props.name)}>
      <Show
        when={result()}
        fallback={
          <section class="question results-controls-pending" aria-labelledby={`pending-${props.name}`}>
            <h3 id={`pending-${props.name}`}>{props.title}</h3>
            <div aria-live="polite">
              <Show
                when={st()?.state === 'error'}
                fallback={<p class="hint">{st()?.state === 'ok' ? 'No results for this question.' : 'Loading the results…'}</p>}
              >
                <p class="error">Could not load these results: {st()?.error}</p>
                <button type="button" class="secondary" onClick={() => props.onRetry(props.name)}>
                  Try again
                </button>
              </Show>
            </div>
          </section>
        }
      >
        {(q) => (
          <QuestionResult
            q={q()}
            compareWave={compared()}
            subject={respondentsWord(props.survey?.audience)}
            chartCaption={chartCaption()}
            wardMap={props.wardMap}
            mapCategory={props.mapCategories[q().question]}
            onMapCategory={(c) => props.onMapCategory(q().question, c)}
          />
        )}
      </Show>
    </div>
  );
}

export function ResultsView(props: ResultsViewProps) {
  const states = () => Object.values(props.questions);
  const loading = () => (props.applied !== null && !props.head && !props.contentsError && states().some((s) => s?.state !== 'error')) || false;
  const loadedCount = () => states().filter((s) => s?.state === 'ok').length;
  const sections = () => {
    const out: { section: string | null; questions: ReportContents['questions'] }[] = [];
    for (const q of props.contents?.questions ?? []) {
      const last = out.at(-1);
      if (last && last.section === q.section) last.questions.push(q);
      else out.push({ section: q.section, questions: [q] });
    }
    return out;
  };
  const elements = new Map<Element, string>();
  const observer =
    typeof IntersectionObserver === 'undefined'
      ? null
      : new IntersectionObserver(
          (entries) => {
            for (const e of entries) if (e.isIntersecting) props.onWant(elements.get(e.target)!);
          },
          { rootMargin: '300px 0px' },
        );
  onCleanup(() => observer?.disconnect());
  const observe = (el: HTMLElement, name: string) => {
    elements.set(el, name);
    if (observer) observer.observe(el);
    else props.onWant(name);
    onCleanup(() => {
      observer?.unobserve(el);
      elements.delete(el);
    });
  };
  // New choices: every section is observed again, so those in view are fetched first.
  createEffect(
    on(
      () => props.applied,
      () => {
        if (!observer) return;
        for (const el of elements.keys()) {
          observer.unobserve(el);
          observer.observe(el);
        }
      },
      { defer: true },
    ),
  );
  let reportHeading: HTMLHeadingElement | undefined;
  // Newly shown results: move to their heading, so keyboard and screen-reader users land on them.
  createEffect(
    on(
      () => props.head,
      (r) => r && setTimeout(() => reportHeading?.focus(), 0),
      { defer: true },
    ),
  );
  const jump = (e: MouseEvent, name: string) => {
    e.preventDefault();
    props.onWant(name);
    const el = document.getElementById(`result-${name}`);
    el?.scrollIntoView({ block: 'start' });
    el?.focus({ preventScroll: true });
  };
  return (
    <>
      <PageHeading>Survey results</PageHeading>
      <WavePicker />
      <Choices {...props} loading={loading()} />
      <Progress
        state={
          loading()
            ? {
                label: `Working out the weighted results for wave ${props.wave}${props.applied?.compareWave ? ` and the change since ${props.applied.compareWave}` : ''}`,
              }
            : null
        }
      />
      <ErrorAlert message={props.contentsError} />
      <div aria-live="polite" class="visually-hidden">
        {props.head ? `Results for ${props.head.survey.title}, wave ${props.head.wave}, loading as you scroll: ${loadedCount()} questions loaded.` : ''}
      </div>
      <Show when={props.applied && props.contents}>
        {(contents) => (
          <div class="report">
            <h2 tabindex="-1" ref={reportHeading} class="report-heading">
              {contents().survey.title}, wave {contents().wave}
              {props.applied?.compareWave ? ` compared with ${props.applied.compareWave}` : ''}
            </h2>
            <Show when={props.applied!.filters.length}>
              <p class="results-controls-filtered">
                Filtered to:{' '}
                {(props.filterEcho ?? []).map((f) => `${f.variable} = ${f.values.map((v) => v.label).join(' or ')} (n = ${count(f.n)})`).join('; ') ||
                  props.applied!.filters.map((f) => filterWords(f, contents())).join('; ')}
              </p>
            </Show>
            <Show when={props.head}>
              {(head) => (
                <>
                  <Notices report={head()} />
                  <Method report={head()} />
                </>
              )}
            </Show>
            <nav class="results-controls-contents" aria-label="Questions in this report">
              <h3>Contents</h3>
              <For each={sections()}>
                {(s) => (
                  <>
                    <Show when={s.section}>
                      <h4>{s.section}</h4>
                    </Show>
                    <ol>
                      <For each={s.questions}>
                        {(q) => (
                          <li>
                            <a href={`#result-${q.name}`} onClick={(e) => jump(e, q.name)}>
                              {q.title}
                            </a>
                          </li>
                        )}
                      </For>
                    </ol>
                  </>
                )}
              </For>
            </nav>
            <For each={contents().questions}>{(q) => <QuestionSlot {...props} name={q.name} title={q.title} observe={observe} />}</For>
          </div>
        )}
      </Show>
    </>
  );
}
