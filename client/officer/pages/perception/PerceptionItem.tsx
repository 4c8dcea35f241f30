/**
 * One perception-vs-reality item (pure view): heading in words, the ward scatter split into
 * quadrants by the borough values, the marked and left-out wards named, the ward table with the
 * same numbers, the rank correlation and the trend between waves in words.
 */
import { createMemo, For, Match, Show, Switch } from 'solid-js';
import { WardMap } from '../../components/WardMap';
import type { WardMapData } from '../../components/ward-map-types';
import { ChartCanvas } from '../../charts/chart';
import { quadrantPoints, quadrantScatter } from '../../charts/quadrant-scatter';
import { count, oneDecimal, pct } from '../../format';
import { crimes, rate, rateWithCi } from '../crime/format';
import {
  correlationSentences,
  crimeVsRest,
  itemHeading,
  overdispersionSentence,
  rateAxis,
  rateCell,
  trendSentences,
  worryAxis,
  worryCell,
  worryVsRest,
  type PerceptionItem,
} from './format';
import { itemMap } from './perception-map';
import type { EstimateKind, ModelEstimates } from './types';

export function itemId(item: PerceptionItem, index: number): string {
  return `item-${index}-${item.question}`;
}

export interface PerceptionItemProps {
  item: PerceptionItem;
  index: number;
  questionTitle?: string;
  wardMap?: WardMapData | null;
  /** Recorded crime covers the period: the map shows the quadrants (else worry only). */
  quadrants?: boolean;
  estimateKind?: EstimateKind;
  /** The model-based estimates, when asked for. */
  model?: ModelEstimates;
  /** Source and made-up-data notice, drawn under the scatter and the map in their downloads. */
  caption?: string;
}

export function PerceptionItemSection(props: PerceptionItemProps) {
  const item = () => props.item;
  const showModel = () => props.estimateKind === 'model';
  const withoutCrime = () => (props.model?.state === 'ok' ? props.model.withoutCrime : undefined);
  const model = () => {
    const m = props.model;
    return showModel() && m?.state === 'ok' ? m.value : null;
  };
  const modelByCode = createMemo(() => new Map((model()?.wards ?? []).map((w) => [w.ward, w])));
  const modelCell = (code: string) => {
    const m = modelByCode().get(code);
    if (!m) return '–';
    if (m.model === null) return `not in the model${m.reason ? ` – ${m.reason}` : ''}`;
    return `${pct(m.model)}${m.modelRmse === null ? '' : ` (RMSE ${oneDecimal(m.modelRmse * 100)} points)`}`;
  };
  // Worked out once per change (the map reads it five times).
  const map = createMemo(() => itemMap(item(), { quadrants: props.quadrants ?? true, kind: props.estimateKind ?? 'direct', model: model() }));
  const heading = () => itemHeading(item(), props.questionTitle);
  const id = () => itemId(item(), props.index);
  const wards = () => item().wards.map((w) => ({ ward: w.ward, rate: w.crime.rate, worry: w.worry.suppressed ? null : w.worry.estimate, marked: w.marked }));
  const points = () => quadrantPoints(wards());
  const boroughRate = () => item().borough.crime?.rate ?? null;
  const boroughWorry = () => item().borough.worry;
  const config = () =>
    quadrantScatter({ wards: wards(), borough: { rate: boroughRate(), worry: boroughWorry() }, xTitle: rateAxis(item()), yTitle: worryAxis(item()) });
  const marked = () => item().wards.filter((w) => w.marked);
  const quadrantCounts = () =>
    Object.entries(item().quadrants)
      .map(([q, v]) => `${q}: ${count(v.wards)} ward${v.wards === 1 ? '' : 's'}`)
      .join('; ');
  const caption = () => {
    const b = item().borough;
    const parts = [
      `Each point is a ward: across, the recorded rate of ${item().crimeLabel} per ${count(item().per)} residents; up, the ${worryAxis(item()).replace(/^% /, 'percentage ')}.`,
      b.crime && b.worry !== null
        ? `The dashed lines are the borough figures (${rate(b.crime.rate)} per ${count(item().per)} residents; ${pct(b.worry)}), splitting the wards into four quadrants — ${quadrantCounts()}.`
        : 'The borough figures are not available, so no quadrant lines are drawn.',
    ];
    return parts.join(' ');
  };
  const label = () =>
    `Scatter chart: ${heading()}. ${points().plain.length + points().marked.length} wards plotted, ${points().marked.length} marked as clear${
      points().marked.length
        ? ` (${points()
            .marked.map((p) => p.ward)
            .join(', ')})`
        : ''
    }. The table below has every number.`;

  return (
    <section class="perception-item" aria-labelledby={id()}>
      <h3 id={id()} tabindex="-1">
        {heading()}
      </h3>
      <p class="caption">{caption()}</p>
      <div class="item-figures">
        <Show
          when={points().plain.length + points().marked.length > 0}
          fallback={<p class="note">No ward has both a worry figure and a rate, so there is nothing to plot.</p>}
        >
          <ChartCanvas config={config()} label={label()} height={420} title={heading()} caption={props.caption} />
        </Show>
        <Show when={props.wardMap}>
          {(m) => (
            <WardMap
              id={`${id()}-map`}
              map={m()}
              values={map().values}
              classes={map().classes}
              title={map().title}
              summary={map().summary}
              flagLabel={map().flagLabel}
              flagPattern="dots"
              caption={props.caption}
            />
          )}
        </Show>
      </div>
      <Show
        when={marked().length}
        fallback={<p>No ward is marked: in no ward are both the worry difference and the crime difference from the rest of the borough statistically clear.</p>}
      >
        <p>
          <strong>Marked wards</strong> (orange diamonds, named on the chart; both differences from the rest of the borough are statistically clear):{' '}
          {marked()
            .map((w) => `${w.ward} (${w.quadrant})`)
            .join('; ')}
          .
        </p>
      </Show>
      <Show when={overdispersionSentence(item())}>{(sentence) => <p class="overdispersion">{sentence()}</p>}</Show>
      <Show when={points().leftOut.length}>
        <p class="left-out">
          <strong>Left out of the chart:</strong>{' '}
          {points()
            .leftOut.map((l) => {
              const w = item().wards.find((x) => x.ward === l.ward)!;
              return l.reason === 'suppressed'
                ? `${l.ward} (worry suppressed – ${w.worry.reason ?? 'base too small'})`
                : `${l.ward} (no rate: no population figure)`;
            })
            .join('; ')}
          .
        </p>
      </Show>

      <Show when={showModel()}>
        <div class="model-note" role="status">
          <Switch>
            <Match when={!props.model || props.model.state === 'loading'}>
              <p>Fitting the model-based ward estimates…</p>
            </Match>
            <Match when={props.model?.state === 'failed' ? props.model.message : null}>
              {(message) => <p>No model-based estimates for this item: {message()}</p>}
            </Match>
            <Match when={model()}>
              {(m) => (
                <p>
                  <strong>Model-based</strong> (Fay–Herriot): each ward's survey estimate is combined with what{' '}
                  {m().covariateLabel ? `${m().covariateLabel} predicts` : 'the other wards show'}, leaning more on the prediction where the ward's base is
                  small; the RMSE is its uncertainty, in percentage points. {m().fallback ? `The model does not fit: ${m().fallback}` : ''}
                  {withoutCrime() ? ` It uses no recorded crime: ${withoutCrime()}` : ''}
                </p>
              )}
            </Match>
          </Switch>
        </div>
      </Show>
      <div class="table-scroll">
        <table class="data ward-table">
          <caption>{heading()}: by ward, with 95% confidence intervals, each ward against the rest of the borough</caption>
          <thead>
            <tr>
              <th scope="col">Ward</th>
              <th scope="col">{worryAxis(item())} (95% CI), base</th>
              <Show when={model()}>
                <th scope="col">Model-based estimate (RMSE)</th>
              </Show>
              <th scope="col">Worry vs rest of borough</th>
              <th scope="col">Rate per {count(item().per)} (95% CI), count</th>
              <th scope="col">Rate vs rest of borough</th>
              <th scope="col">Quadrant</th>
              <th scope="col">Marked</th>
            </tr>
          </thead>
          <tbody>
            <For each={item().wards}>
              {(w) => (
                <tr classList={{ marked: w.marked }}>
                  <th scope="row">{w.ward}</th>
                  <td class="num" classList={{ suppressed: w.worry.suppressed }}>
                    {worryCell(w)}
                  </td>
                  <Show when={model()}>
                    <td class="num model">{modelCell(w.wardCode)}</td>
                  </Show>
                  <td class="vs">{worryVsRest(w)}</td>
                  <td class="num">{rateCell(w)}</td>
                  <td class="vs">{crimeVsRest(w)}</td>
                  <td>{w.quadrant ?? '–'}</td>
                  <td>{w.marked ? 'Marked' : ''}</td>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Borough</th>
              <td class="num">{item().borough.worry === null ? 'suppressed' : pct(item().borough.worry!)}</td>
              <Show when={model()}>
                <td />
              </Show>
              <td />
              <td class="num">
                {item().borough.crime
                  ? `${rateWithCi(item().borough.crime!.rate, item().borough.crime!.ci)} ${crimes(item().borough.crime!.count)}`
                  : 'no rate'}
              </td>
              <td colSpan={3} />
            </tr>
          </tfoot>
        </table>
      </div>

      <h4>Correlation across wards</h4>
      <For each={correlationSentences(item())}>{(s) => <p class="correlation">{s}</p>}</For>

      <Show when={item().trend}>
        <h4>Trend between the waves</h4>
        <For each={trendSentences(item())}>{(s) => <p class="trend">{s}</p>}</For>
      </Show>
    </section>
  );
}
