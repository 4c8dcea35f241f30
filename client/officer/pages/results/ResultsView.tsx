/** The results page as a pure view: survey/wave/breakdown choice, notices, one section per question. */
import { For, Show } from 'solid-js';
import type { OfficerSurvey, SurveyReport } from '../../api';
import { PageHeading } from '../../components/feedback';
import { WavePicker } from '../../components/WavePicker';
import { count, pct, resultsByQuestion } from './format';
import { QuestionResult } from './QuestionResult';

export interface ResultsViewProps {
  survey: OfficerSurvey | undefined;
  wave: string;
  by: string;
  report: SurveyReport | null;
  loading: boolean;
  error: string | null;
  onBy(by: string): void;
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
            <strong>Illustrative targets.</strong> These results are weighted to ILLUSTRATIVE population figures, not official
            (ONS) estimates: they show how the method works and must not be quoted as real.
          </p>
        </Show>
      </div>
    </Show>
  );
}

function Method(props: { report: SurveyReport }) {
  const w = () => props.report.weighting;
  return (
    <p class="method">
      {count(props.report.n)} responses, effective base {count(Math.round(props.report.nEffective))}, margin of error ±
      {pct(props.report.marginOfError)} (95%).{' '}
      {w().kind === 'calibrated'
        ? `Weighted by ${w().method} on ${(w().margins ?? []).join(', ')}${w().excluded ? ` (${count(w().excluded!)} responses without a target left out)` : ''}.`
        : 'Not yet weighted to the population: design weights only.'}{' '}
      Estimates on fewer than {props.report.threshold} responses are suppressed.
    </p>
  );
}

export function ResultsView(props: ResultsViewProps) {
  const survey = () => props.survey;
  const titles = () => new Map((survey()?.questions ?? []).map((q) => [q.name, q.title]));
  return (
    <>
      <PageHeading>Survey results</PageHeading>
      <WavePicker />
      <form
        class="choose"
        onSubmit={(e) => {
          e.preventDefault();
          props.onShow();
        }}
      >
        <div class="field">
          <label for="by">Break down by</label>
          <select id="by" value={props.by} onChange={(e) => props.onBy(e.currentTarget.value)}>
            <option value="">No breakdown</option>
            <For each={survey()?.breakdowns ?? []}>{(b) => <option value={b.name}>{b.title}</option>}</For>
          </select>
        </div>
        <button type="submit" disabled={props.loading || !props.survey || !props.wave}>
          {props.loading ? 'Loading…' : 'Show results'}
        </button>
      </form>
      <Show when={props.error}>
        <p class="error" role="alert">
          {props.error}
        </p>
      </Show>
      <div aria-live="polite" class="visually-hidden">
        {props.loading ? 'Loading results…' : props.report ? `Results for ${props.report.survey.title}, wave ${props.report.wave}, loaded.` : ''}
      </div>
      <Show when={props.report}>
        {(report) => (
          <div class="report">
            <h2>
              {report().survey.title}, wave {report().wave}
            </h2>
            <Notices report={report()} />
            <Method report={report()} />
            <For each={resultsByQuestion(report(), titles())}>{(q) => <QuestionResult q={q} />}</For>
          </div>
        )}
      </Show>
    </>
  );
}
