/**
 * The perception-vs-reality page as a pure view: survey/wave, comparison wave and crime period
 * choice; then the key findings, the notices, one section per item, and the method notes.
 */
import { For, Show } from 'solid-js';
import type { OfficerSurvey } from '../../api';
import { figureCaption } from '../../charts/download';
import { DataNotices, PageHeading, Progress, Status } from '../../components/feedback';
import { CompareWaveField } from '../../components/CompareWaveField';
import { WavePicker } from '../../components/WavePicker';
import { FocusedError } from './FocusedError';
import { monthName } from '../crime/format';
import { itemHeading, periodSentence } from './format';
import { itemId, PerceptionItemSection } from './PerceptionItem';
import type { WardMapData } from '../../components/ward-map-types';
import type { EstimateKind, ModelEstimates, PageError, Perception } from './types';
import './perception.css';

export interface PerceptionViewProps {
  survey: OfficerSurvey | undefined;
  wave: string;
  compareWave: string;
  from: string;
  to: string;
  /** Months with recorded crime stored (for the period inputs' bounds and hint). */
  storedMonths: string[];
  /** The period sent with the report shown (true: the officer chose it). */
  periodChosen: boolean;
  report: Perception | null;
  /** The ward boundaries (null: none fit, so no maps). */
  wardMap: WardMapData | null;
  /** The ward estimate shown: direct (survey only) or model-based. */
  estimateKind: EstimateKind;
  /** The model-based estimates by item index (fetched when the model-based estimate is chosen). */
  models: ReadonlyMap<number, ModelEstimates>;
  onEstimateKind(kind: EstimateKind): void;
  loading: boolean;
  error: PageError | null;
  canImport: boolean;
  onCompareWave(wave: string): void;
  onFrom(month: string): void;
  onTo(month: string): void;
  onShow(): void;
}

export function PerceptionView(props: PerceptionViewProps) {
  const titles = () => new Map((props.survey?.questions ?? []).map((q) => [q.name, q.title]));
  const first = () => props.storedMonths[0];
  const last = () => props.storedMonths.at(-1);
  return (
    <>
      <PageHeading intro="How worried residents are, ward by ward, beside the crime police recorded there: which wards worry more (or less) than their recorded crime would suggest.">
        Perception vs reality
      </PageHeading>
      <WavePicker />
      <form
        class="choose perception-choose"
        onSubmit={(e) => {
          e.preventDefault();
          props.onShow();
        }}
      >
        <CompareWaveField id="compare-wave" survey={props.survey} wave={props.wave} value={props.compareWave} onChange={props.onCompareWave} />
        <div class="field">
          <label for="crime-from">Crime period from</label>
          <input
            id="crime-from"
            type="month"
            placeholder="YYYY-MM"
            aria-describedby="period-hint"
            value={props.from}
            onInput={(e) => props.onFrom(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="crime-to">Crime period to</label>
          <input
            id="crime-to"
            type="month"
            placeholder="YYYY-MM"
            aria-describedby="period-hint"
            value={props.to}
            onInput={(e) => props.onTo(e.currentTarget.value)}
          />
        </div>
        <p class="hint period-hint" id="period-hint">
          Crime period (months, optional): leave both empty for the 12 months up to the month the wave closes (or its last response).
          <Show when={first()}>
            {' '}
            Recorded crime is stored for {first() === last() ? monthName(first()!) : `${monthName(first()!)} to ${monthName(last()!)}`}.
          </Show>
        </p>
        <button type="submit" disabled={props.loading || !props.survey || !props.wave}>
          {props.loading ? 'Working…' : 'Show perception vs reality'}
        </button>
      </form>
      <Progress state={props.loading ? { label: 'Setting worry beside recorded crime, ward by ward' } : null} />
      <FocusedError error={props.error} canImport={props.canImport} />
      <Status
        message={
          props.report && !props.loading
            ? `Perception vs reality for ${props.report.survey.title}, wave ${props.report.wave}${props.report.compareWave ? ` compared with ${props.report.compareWave}` : ''}: ${props.report.items.length} items, ${props.report.keyFindings.length} key findings.`
            : null
        }
        visible={false}
      />
      <Show when={props.report}>
        {(r) => (
          <div class="perception-report">
            <h2>
              {r().survey.title}, wave {r().wave}
              {r().compareWave ? ` (compared with ${r().compareWave})` : ''}
            </h2>
            {/* Crime that does not cover the period is said first: no ward or trend finding is drawn from it. */}
            <Show when={r().coverage.warning}>
              {(w) => (
                <div class="notice crime-coverage" role="note" aria-label="Recorded crime does not cover the crime period">
                  <p>
                    <strong>Read before using the crime figures.</strong> {w()}
                  </p>
                </div>
              )}
            </Show>
            {/* Made-up data is said before any finding drawn from it. */}
            <DataNotices notices={[r().syntheticNotice, r().illustrativePopulationNotice]} />
            <section aria-labelledby="key-findings-heading">
              <h3 id="key-findings-heading">Key findings</h3>
              <Show when={!r().coverage.complete}>
                <p class="coverage-note">
                  No ward, correlation or trend finding is drawn: recorded crime does not cover the crime period ({r().coverage.wave.label}
                  {r().coverage.compareWave ? `; ${r().coverage.compareWave!.label} for wave ${r().compareWave}` : ''}), and a missing month is unknown, not
                  zero.
                </p>
              </Show>
              <Show when={r().keyFindings.length} fallback={<p>No finding is statistically clear enough to state.</p>}>
                <ul class="key-findings">
                  <For each={r().keyFindings}>{(f) => <li>{f.text}</li>}</For>
                </ul>
              </Show>
            </section>
            <div class="crime-notes">
              <p class="source">{r().crimeNotice}</p>
              <p class="period-used">{periodSentence(r().periods.wave, `wave ${r().wave}`, props.periodChosen, r().coverage.wave.basis)}</p>
              <Show when={r().periods.compareWave}>
                {(p) => <p class="period-used">{periodSentence(p(), `wave ${r().compareWave}`, false, r().coverage.compareWave?.basis)}</p>}
              </Show>
              <Show when={r().coverage.latestMonthLabel}>{(m) => <p class="latest-month">Latest month of recorded crime held: {m()}.</p>}</Show>
            </div>
            <nav class="item-contents" aria-label="Items on this page">
              <h3>Items</h3>
              <ol>
                <For each={r().items}>
                  {(item, i) => (
                    <li>
                      <a href={`#${itemId(item, i())}`}>{itemHeading(item, titles().get(item.question))}</a>
                    </li>
                  )}
                </For>
              </ol>
            </nav>
            <fieldset class="estimate-kind">
              <legend>Ward estimates</legend>
              <label class="choice" for="estimates-direct">
                <input
                  type="radio"
                  id="estimates-direct"
                  name="estimate-kind"
                  checked={props.estimateKind === 'direct'}
                  onChange={() => props.onEstimateKind('direct')}
                />
                direct (survey only)
              </label>
              <label class="choice" for="estimates-model">
                <input
                  type="radio"
                  id="estimates-model"
                  name="estimate-kind"
                  checked={props.estimateKind === 'model'}
                  onChange={() => props.onEstimateKind('model')}
                />
                model-based (borrows strength from recorded crime)
              </label>
            </fieldset>
            <For each={r().items}>
              {(item, i) => (
                <PerceptionItemSection
                  item={item}
                  index={i()}
                  questionTitle={titles().get(item.question)}
                  wardMap={props.wardMap}
                  quadrants={r().coverage.complete}
                  estimateKind={props.estimateKind}
                  model={props.models.get(i())}
                  caption={figureCaption(`Source: ${r().survey.title}, wave ${r().wave}, weighted estimates. ${r().crimeNotice}`, [
                    r().syntheticNotice,
                    r().illustrativePopulationNotice,
                  ])}
                />
              )}
            </For>
            <section class="method-notes" aria-labelledby="method-heading">
              <h3 id="method-heading">Method</h3>
              <ul>
                <For each={r().method}>{(m) => <li>{m}</li>}</For>
              </ul>
            </section>
          </div>
        )}
      </Show>
    </>
  );
}
