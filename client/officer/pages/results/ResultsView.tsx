/** The results page as a pure view: survey/wave, breakdown, comparison wave and CI method, notices, one section per question. */
import { createEffect, For, on, Show } from 'solid-js';
import type { OfficerSurvey } from '../../api';
import type { WardMapData } from '../../components/ward-map-types';
import type { CiMethod, SurveyReport } from './types';
import { ErrorAlert, PageHeading, Progress } from '../../components/feedback';
import { CompareWaveField } from '../../components/CompareWaveField';
import { WavePicker } from '../../components/WavePicker';
import { CI_CHOICES, ciMethodName, count, pct, resultsByQuestion, respondentsWord, variableWords } from './format';
import { QuestionResult } from './QuestionResult';
import './results.css';

export interface ResultsViewProps {
  survey: OfficerSurvey | undefined;
  wave: string;
  by: string;
  /** '' for no comparison. */
  compareWave: string;
  ci: CiMethod;
  report: SurveyReport | null;
  /** The projected ward map, or null when no boundaries fit: with a breakdown by ward each question gets a map. */
  wardMap: WardMapData | null;
  /** The answer each question's ward map shows, by question name (absent: its first). */
  mapCategories: Readonly<Record<string, string>>;
  onMapCategory(question: string, category: string): void;
  loading: boolean;
  error: string | null;
  onBy(by: string): void;
  onCompareWave(wave: string): void;
  onCi(ci: CiMethod): void;
  onShow(): void;
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
    </p>
  );
}

export function ResultsView(props: ResultsViewProps) {
  const survey = () => props.survey;
  const titles = () => new Map((survey()?.questions ?? []).map((q) => [q.name, q.title]));
  const compared = () => props.report?.changes?.[0]?.from.wave ?? null;
  let reportHeading: HTMLHeadingElement | undefined;
  // A newly loaded report: move to its heading, so keyboard and screen-reader users land on it.
  createEffect(
    on(
      () => props.report,
      (r) => r && setTimeout(() => reportHeading?.focus(), 0),
      { defer: true },
    ),
  );
  return (
    <>
      <PageHeading>Survey results</PageHeading>
      <WavePicker />
      <form
        class="choose results-choose"
        onSubmit={(e) => {
          e.preventDefault();
          props.onShow();
        }}
      >
        <div class="field">
          <label for="by">Break down by</label>
          <select id="by" value={props.by} onChange={(e) => props.onBy(e.currentTarget.value)}>
            <option value="">No breakdown</option>
            <For each={survey()?.breakdowns ?? []}>
              {(b) => (
                <option value={b.name} selected={b.name === props.by}>
                  {b.title}
                </option>
              )}
            </For>
          </select>
        </div>
        <CompareWaveField id="compare-wave" survey={survey()} wave={props.wave} value={props.compareWave} onChange={props.onCompareWave} />
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
                  checked={props.ci === m.value}
                  onChange={() => props.onCi(m.value)}
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
        <button type="submit" disabled={props.loading || !props.survey || !props.wave}>
          {props.loading ? 'Loading…' : 'Show results'}
        </button>
      </form>
      <Progress
        state={
          props.loading
            ? { label: `Working out the weighted results for wave ${props.wave}${props.compareWave ? ` and the change since ${props.compareWave}` : ''}` }
            : null
        }
      />
      <ErrorAlert message={props.error} />
      <div aria-live="polite" class="visually-hidden">
        {props.report ? `Results for ${props.report.survey.title}, wave ${props.report.wave}, loaded.` : ''}
      </div>
      <Show when={props.report}>
        {(report) => (
          <div class="report">
            <h2 tabindex="-1" ref={reportHeading} class="report-heading">
              {report().survey.title}, wave {report().wave}
              {compared() ? ` compared with ${compared()}` : ''}
            </h2>
            <Notices report={report()} />
            <Method report={report()} />
            <For each={resultsByQuestion(report(), titles())}>
              {(q) => (
                <QuestionResult
                  q={q}
                  compareWave={compared()}
                  subject={respondentsWord(survey()?.audience)}
                  wardMap={props.wardMap}
                  mapCategory={props.mapCategories[q.question]}
                  onMapCategory={(c) => props.onMapCategory(q.question, c)}
                />
              )}
            </For>
          </div>
        )}
      </Show>
    </>
  );
}
