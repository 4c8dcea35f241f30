/** The SPC (XmR) chart of monthly recorded crime (pure view): the choice, the chart, each signal in words, the months as a table. */
import { For, Show } from 'solid-js';
import { ChartCanvas } from '../../charts/chart';
import { spcChart } from '../../charts/spc-chart';
import { Progress } from '../../components/feedback';
import { count, oneDecimal } from '../../format';
import { followLink } from '../../router';
import { FocusedError, type PageError } from '../perception/FocusedError';
import { CRIME_SOURCE, monthList, monthName, SIGNAL_NAMES, screenedSentence, type CrimeAvailable, type CrimeSpc } from './format';
import { CrimeTypeOptions, typeWords } from './RatesView';

export interface SpcViewProps {
  available: CrimeAvailable | null;
  crimeType: string;
  ward: string;
  baselineFrom: string;
  baselineTo: string;
  spc: CrimeSpc | null;
  loading: boolean;
  error: PageError | null;
  canImport: boolean;
  onCrimeType(t: string): void;
  onWard(code: string): void;
  onBaselineFrom(m: string): void;
  onBaselineTo(m: string): void;
  onShow(): void;
}

/** A signal in words: the API's description, the months it covers. */
export function signalSentence(s: CrimeSpc['signals'][number]): string {
  return `${s.description}: ${monthList(s.months)}.`;
}

export function SpcView(props: SpcViewProps) {
  const range = () => props.available?.range ?? [];
  return (
    <section class="crime-spc" aria-labelledby="spc-heading">
      <h3 id="spc-heading">Month by month: statistical process control (XmR) chart</h3>
      <p class="hint">
        The chart shows whether a change in recorded crime is more than the usual month-to-month variation. The limits come from the baseline months; a signal
        is a pattern unlikely to arise by chance (NHS “Making Data Count” rules).
      </p>
      <form
        class="choose"
        onSubmit={(e) => {
          e.preventDefault();
          props.onShow();
        }}
      >
        <div class="field">
          <label for="spc-type">Crime type</label>
          <select id="spc-type" value={props.crimeType} onChange={(e) => props.onCrimeType(e.currentTarget.value)}>
            <CrimeTypeOptions available={props.available} />
          </select>
        </div>
        <div class="field">
          <label for="spc-area">Area</label>
          <select id="spc-area" value={props.ward} onChange={(e) => props.onWard(e.currentTarget.value)}>
            <option value="">The whole borough</option>
            <For each={props.available?.wards ?? []}>{(w) => <option value={w.code}>{w.name}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="spc-baseline-from">Baseline from</label>
          <select id="spc-baseline-from" value={props.baselineFrom} onChange={(e) => props.onBaselineFrom(e.currentTarget.value)}>
            <option value="">First month stored</option>
            <For each={range()}>{(m) => <option value={m}>{monthName(m)}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="spc-baseline-to">Baseline to</label>
          <select id="spc-baseline-to" value={props.baselineTo} onChange={(e) => props.onBaselineTo(e.currentTarget.value)}>
            <option value="">Last month stored</option>
            <For each={range()}>{(m) => <option value={m}>{monthName(m)}</option>}</For>
          </select>
        </div>
        <button type="submit" disabled={props.loading}>
          {props.loading ? 'Working…' : 'Show chart'}
        </button>
      </form>
      <Progress state={props.loading ? { label: 'Drawing the control chart' } : null} />
      {/* Too few months (the API's 409) is not a failure of the page: say what the chart needs, calmly, on every visit. */}
      <Show when={props.error?.needsData} fallback={<FocusedError error={props.error} canImport={props.canImport} />}>
        <div class="notice spc-needs" role="status">
          <p>
            <strong>What the chart needs.</strong> {props.error!.message}
          </p>
          <p>
            Recorded crime held now: {props.available?.months.length ? monthList(props.available.months) : 'none'}. The baseline (the months the limits come
            from) needs at least 2 months, and 12 or more for firm limits.{' '}
            <Show when={props.canImport} fallback={<>An analyst or admin can import more months on the Data page.</>}>
              Import more months of police.uk files on the{' '}
              <a href="/officer/data" onClick={followLink}>
                Data page
              </a>
              .
            </Show>
          </p>
        </div>
      </Show>
      <Show when={props.spc}>
        {(s) => {
          const area = () => (s().ward ? `${s().ward!.name} ward` : 'the borough');
          const title = () => `Recorded ${typeWords(s())} each month in ${area()}, ${monthName(s().months[0].month)} to ${monthName(s().months.at(-1)!.month)}`;
          const baseline = () => `${monthName(s().baseline.from)} to ${monthName(s().baseline.to)}`;
          return (
            <div class="spc-result">
              <h4>{title()}</h4>
              <p class="source">{CRIME_SOURCE}</p>
              <p class="caption">
                Centre line {oneDecimal(s().centre)} a month (the mean of the baseline, {baseline()}, {s().baseline.points} months); process limits{' '}
                {oneDecimal(s().lowerLimit)} to {oneDecimal(s().upperLimit)}.
                <Show when={s().lowerLimit < 0}> The lower limit is below 0, so no month can fall below it.</Show>
                <Show when={s().screenedMovingRanges.length}> {screenedSentence(s().screenedMovingRanges)}</Show>{' '}
                {s().signals.length ? `${count(s().signals.length)} signal${s().signals.length === 1 ? '' : 's'}: see below.` : 'No signal.'}
              </p>
              <ChartCanvas
                config={spcChart({
                  months: s().months,
                  centre: s().centre,
                  upperLimit: s().upperLimit,
                  lowerLimit: s().lowerLimit,
                  yTitle: `Recorded ${typeWords(s())} per month`,
                  monthLabel: (m) => monthName(m, true),
                })}
                label={`Control chart: ${title()}. Centre line ${oneDecimal(s().centre)}, limits ${oneDecimal(s().lowerLimit)} to ${oneDecimal(s().upperLimit)}; months that are part of a signal are drawn as orange triangles. ${
                  s().signals.length ? `${s().signals.length} signals, listed below.` : 'No signals.'
                } The table below has every number.`}
                height={380}
                title={title()}
                caption={`Source: ${CRIME_SOURCE} Centre line and limits from ${baseline()}.`}
              />
              <p class="hint">Shaded: the baseline months the centre line and limits are worked out from.</p>
              <h4>Signals</h4>
              <Show
                when={s().signals.length}
                fallback={<p>No signal: every month varies only as much as the baseline would lead you to expect (common-cause variation).</p>}
              >
                <ul class="signals">
                  <For each={s().signals}>{(sig) => <li>{signalSentence(sig)}</li>}</For>
                </ul>
              </Show>
              <Show when={s().note}>
                <p class="note">{s().note}</p>
              </Show>
              <Show when={s().notes.length}>
                <ul class="notes">
                  <For each={s().notes}>{(n) => <li>{n}</li>}</For>
                </ul>
              </Show>
              <div class="table-scroll">
                <table class="data spc-table">
                  <caption>{title()}: counts, moving ranges and signals</caption>
                  <thead>
                    <tr>
                      <th scope="col">Month</th>
                      <th scope="col" class="num">
                        Recorded crimes
                      </th>
                      <th scope="col" class="num">
                        Moving range
                      </th>
                      <th scope="col">In baseline</th>
                      <th scope="col">Part of a signal</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={s().months}>
                      {(m) => (
                        <tr classList={{ signal: m.signals.length > 0 }}>
                          <th scope="row">{monthName(m.month)}</th>
                          <td class="num">{count(m.count)}</td>
                          <td class="num">{m.movingRange === null ? '–' : `${count(m.movingRange)}${m.movingRangeScreened ? ' (screened out)' : ''}`}</td>
                          <td>{m.inBaseline ? 'yes' : 'no'}</td>
                          <td>{m.signals.map((k) => SIGNAL_NAMES[k] ?? k).join('; ')}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </div>
          );
        }}
      </Show>
    </section>
  );
}
