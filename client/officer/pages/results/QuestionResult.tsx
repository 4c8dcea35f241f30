/**
 * One question's results (pure view): caption, chart with CI whiskers, the same numbers as a table
 * (with the earlier wave and the change when compared), differences between groups, the change since
 * the earlier wave and the test of association with the breakdown, all in words.
 */
import { For, Show } from 'solid-js';
import type { Change, Estimate } from './types';
import { ChartCanvas } from '../../charts/chart';
import { WardMap } from '../../components/WardMap';
import { quantileClasses } from '../../components/ward-map-classes';
import type { WardMapData } from '../../components/ward-map-types';
import { ciBarChart, type CiSeries } from '../../charts/ci-bar-chart';
import { groupColour, groupMarker } from '../../charts/palette';
import {
  associationSentence,
  caption,
  changeCellText,
  changeSentence,
  changesToDescribe,
  ciText,
  count,
  differenceSentence,
  reconcileSentence,
  groupName,
  headline,
  isMean,
  pct,
  untested,
  valueText,
  type QuestionResults,
} from './format';
import { CAUTION_LABEL, isWardBreakdown, mapCategory, mapFormat, wardMapSummary, wardMapTitle, wardMapValues } from './ward-map';

const toPercent = (e: Estimate | undefined) => (e && !e.suppressed && e.estimate !== null ? e.estimate * 100 : null);
const ciPercent = (e: Estimate | undefined): [number, number] | null => (e && !e.suppressed && e.ci ? [e.ci[0] * 100, e.ci[1] * 100] : null);

function chartSeries(q: QuestionResults, rows: Estimate[]): CiSeries[] {
  if (!q.byGroup.length) {
    return [{ label: 'All respondents', values: rows.map(toPercent), ci: rows.map(ciPercent), colour: groupColour(0) }];
  }
  // Groups with nothing to show (e.g. nobody answered "prefer not to say") are left out of the chart, not the table.
  const shown = q.byGroup.filter((g) => g.rows.some((r) => !r.suppressed));
  return shown.map((g, i) => {
    const find = (e: Estimate) => g.rows.find((r) => r.category === e.category);
    return {
      label: groupName(g.label),
      values: rows.map((e) => toPercent(find(e))),
      ci: rows.map((e) => ciPercent(find(e))),
      colour: groupColour(i),
      marker: groupMarker(i),
    };
  });
}

function Cell(props: { e: Estimate | undefined }) {
  return (
    <Show
      when={props.e && !props.e.suppressed && props.e.estimate !== null && props.e.n !== null}
      fallback={<td class="suppressed">suppressed{props.e?.reason ? ` – ${props.e.reason}` : ''}</td>}
    >
      <td class="num">
        {valueText(props.e!)}
        <Show when={props.e!.ci && !isMean(props.e!)}>
          <span class="ci"> ({ciText(props.e!.ci!)})</span>
        </Show>
        <span class="base"> n={count(props.e!.n!)}</span>
        <Show when={props.e!.caution}>
          <span class="caution" title={props.e!.caution}>
            ; rough (effective base {Math.round(props.e!.nEffective ?? 0)})
          </span>
        </Show>
      </td>
    </Show>
  );
}

/** The earlier wave's estimate of a row (no CI: the change carries only the estimate and base). */
function EarlierCell(props: { c: Change | undefined }) {
  return (
    <Show
      when={props.c && props.c.from.estimate !== null && props.c.from.n !== null}
      fallback={<td class="suppressed">{props.c ? `suppressed – ${props.c.reason ?? 'base too small'}` : 'not asked'}</td>}
    >
      <td class="num earlier">
        {pct(props.c!.from.estimate!)}
        <span class="base"> n={count(props.c!.from.n!)}</span>
      </td>
    </Show>
  );
}

function ChangeCell(props: { c: Change | undefined }) {
  return (
    <Show
      when={props.c && !props.c.suppressed && props.c.difference !== null && !untested(props.c)}
      fallback={<td class="suppressed">{props.c ? changeCellText(props.c) : 'not asked in the earlier wave'}</td>}
    >
      <td class="num change" classList={{ significant: props.c!.significant }}>
        {changeCellText(props.c!)}
      </td>
    </Show>
  );
}

export interface QuestionResultProps {
  q: QuestionResults;
  /** The earlier wave compared with, if any. */
  compareWave?: string | null;
  /** "residents", "young people". */
  subject?: string;
  /** The projected ward map (null: no boundaries fit); shown when the breakdown is by ward. */
  wardMap?: WardMapData | null;
  /** The answer the ward map shows (undefined: the question's first). */
  mapCategory?: string;
  onMapCategory?(category: string): void;
  /** Source and made-up-data notice, drawn under the chart in its downloads. */
  chartCaption?: string;
}

/** The question's estimates by ward as a map, for the answer picked, beside the table (which holds every figure). */
function QuestionWardMap(props: { q: QuestionResults; map: WardMapData; category: string | undefined; onCategory?(category: string): void; caption?: string }) {
  const codes = () => new Set(props.map.wards.map((w) => w.code));
  const names = () => new Map(props.map.wards.map((w) => [w.code, w.name]));
  const category = () => mapCategory(props.q, props.category) ?? '';
  const values = () => wardMapValues(props.q, category(), codes());
  const classes = () =>
    quantileClasses(
      [...values().values()].map((v) => v.value),
      mapFormat(props.q, category()),
    );
  const pickerId = `map-answer-${props.q.question}`;
  return (
    <div class="results-ward-map">
      <h4>{wardMapTitle(props.q, category())}</h4>
      <div class="field">
        <label for={pickerId}>Answer shown on the ward map</label>
        <select id={pickerId} value={category()} onChange={(e) => props.onCategory?.(e.currentTarget.value)}>
          <For each={props.q.overall}>
            {(e) => (
              <option value={e.category} selected={e.category === category()}>
                {e.label}
              </option>
            )}
          </For>
        </select>
      </div>
      <WardMap
        id={`ward-map-${props.q.question}`}
        map={props.map}
        values={values()}
        classes={classes()}
        title={wardMapTitle(props.q, category())}
        summary={wardMapSummary(props.q, category(), values(), names())}
        flagLabel={CAUTION_LABEL}
        caption={props.caption}
      />
    </div>
  );
}

export function QuestionResult(props: QuestionResultProps) {
  const q = () => props.q;
  const top = () => headline(q().overall);
  const rows = () => q().overall;
  const chartable = () => rows().some((e) => !isMean(e) && !e.suppressed);
  const series = () => chartSeries(q(), rows());
  const labelOf = (category: string) => rows().find((e) => e.category === category)?.label ?? category;
  const groupLabels = () => new Map(q().byGroup.map((g) => [g.value, g.label]));
  const differences = () =>
    q()
      .comparisons.map((c) => differenceSentence(c, groupLabels(), labelOf(c.category)))
      .filter((s): s is string => s !== null);
  // Said plainly when the test across the groups and the comparisons of groups disagree.
  const reconciling = () =>
    q()
      .associations.map((a) => reconcileSentence(a, q().comparisons))
      .filter((s): s is string => s !== null);
  const headingId = `q-${props.q.question}`;
  const comparing = () => !!props.compareWave && q().changes.length > 0;
  const changeOf = (category: string) => q().changes.find((c) => c.category === category);
  const changeWords = () => changesToDescribe(q()).map((c) => ({ c, text: changeSentence(c, q().construct, props.subject) }));
  // e.g. a question used in the weighting: its shares are set to the population in both waves.
  const untestedReason = () => q().changes.find(untested)?.reason;

  return (
    <section class="question" aria-labelledby={headingId}>
      <h3 id={headingId}>{q().title}</h3>
      <Show when={top()}>
        <p class="caption">{caption(top()!)}</p>
      </Show>
      <Show when={chartable()}>
        <ChartCanvas
          config={ciBarChart(
            rows().map((e) => e.label),
            series(),
          )}
          label={`Bar chart of ${q().title}: ${top() ? caption(top()!) : ''}. The table below has every number.`}
          height={40 + rows().length * (18 + 14 * series().length)}
          title={q().title}
          caption={props.chartCaption}
        />
      </Show>
      <Show when={props.wardMap && isWardBreakdown(q(), new Set(props.wardMap.wards.map((w) => w.code))) ? props.wardMap : null}>
        {(map) => <QuestionWardMap q={q()} map={map()} category={props.mapCategory} onCategory={props.onMapCategory} caption={props.chartCaption} />}
      </Show>
      {/* The table scrolls sideways in its own box (answers stay in view); the page never does. */}
      <div class="table-scroll results-table" role="region" tabindex="0" aria-label={`Table: ${q().title}, scrolls sideways`}>
        <table>
          <caption class="visually-hidden">
            {q().title}: weighted estimates with 95% confidence intervals{comparing() ? `, and the change since ${props.compareWave}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Answer</th>
              <th scope="col">All respondents</th>
              <Show when={comparing()}>
                <th scope="col">{props.compareWave} (all respondents)</th>
                <th scope="col">Change since {props.compareWave}</th>
              </Show>
              <For each={q().byGroup}>{(g) => <th scope="col">{groupName(g.label)}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(e) => (
                <tr classList={{ net: e.net }}>
                  <th scope="row">{e.label}</th>
                  <Cell e={e} />
                  <Show when={comparing()}>
                    <EarlierCell c={changeOf(e.category)} />
                    <ChangeCell c={changeOf(e.category)} />
                  </Show>
                  <For each={q().byGroup}>{(g) => <Cell e={g.rows.find((r) => r.category === e.category)} />}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={q().baseNote}>
        <p class="note">{q().baseNote}</p>
      </Show>
      <Show when={comparing() && untestedReason()}>
        <p class="note">
          Change since {props.compareWave} not tested for some answers: {untestedReason()}
        </p>
      </Show>
      <Show when={comparing() && changeWords().length}>
        <h4>Change since {props.compareWave}</h4>
        <ul class="changes">
          <For each={changeWords()}>{(w) => <li classList={{ significant: w.c.significant }}>{w.text}</li>}</For>
        </ul>
      </Show>
      <Show when={q().associations.length}>
        <h4>Do answers differ between groups?</h4>
        <ul class="associations">
          <For each={q().associations}>{(a) => <li classList={{ significant: a.significant }}>{associationSentence(a)}</li>}</For>
        </ul>
        <For each={reconciling()}>{(text) => <p class="reconcile">{text}</p>}</For>
      </Show>
      <Show when={differences().length}>
        <h4>Significant differences between groups</h4>
        <ul class="differences">
          <For each={differences()}>{(s) => <li>{s}</li>}</For>
        </ul>
      </Show>
    </section>
  );
}
