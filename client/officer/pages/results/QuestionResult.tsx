/** One question's results (pure view): caption, chart with CI whiskers, the same numbers as a table, differences in words. */
import { For, Show } from 'solid-js';
import type { Estimate } from '../../api';
import { ChartCanvas } from '../../charts/chart';
import { ciBarChart, SERIES_COLOURS, type CiSeries } from '../../charts/ci-bar-chart';
import { caption, ciText, count, differenceSentence, groupName, headline, isMean, valueText, type QuestionResults } from './format';

const toPercent = (e: Estimate | undefined) => (e && !e.suppressed && e.estimate !== null ? e.estimate * 100 : null);
const ciPercent = (e: Estimate | undefined): [number, number] | null => (e && !e.suppressed && e.ci ? [e.ci[0] * 100, e.ci[1] * 100] : null);

function chartSeries(q: QuestionResults, rows: Estimate[]): CiSeries[] {
  if (!q.byGroup.length) {
    return [{ label: 'All respondents', values: rows.map(toPercent), ci: rows.map(ciPercent), colour: SERIES_COLOURS[0] }];
  }
  // Groups with nothing to show (e.g. nobody answered "prefer not to say") are left out of the chart, not the table.
  const shown = q.byGroup.filter((g) => g.rows.some((r) => !r.suppressed));
  return shown.map((g, i) => {
    const find = (e: Estimate) => g.rows.find((r) => r.category === e.category);
    return { label: groupName(g.label), values: rows.map((e) => toPercent(find(e))), ci: rows.map((e) => ciPercent(find(e))), colour: SERIES_COLOURS[i % SERIES_COLOURS.length] };
  });
}

function Cell(props: { e: Estimate | undefined }) {
  return (
    <Show when={props.e && !props.e.suppressed && props.e.estimate !== null} fallback={<td class="suppressed">suppressed{props.e?.reason ? ` – ${props.e.reason}` : ''}</td>}>
      <td class="num">
        {valueText(props.e!)}
        <Show when={props.e!.ci && !isMean(props.e!)}>
          <span class="ci"> ({ciText(props.e!.ci!)})</span>
        </Show>
        <span class="base"> n={count(props.e!.n)}</span>
      </td>
    </Show>
  );
}

export function QuestionResult(props: { q: QuestionResults }) {
  const q = () => props.q;
  const top = () => headline(q().overall);
  const rows = () => q().overall;
  const chartable = () => rows().some((e) => !isMean(e) && !e.suppressed);
  const series = () => chartSeries(q(), rows());
  const labelOf = (category: string) => rows().find((e) => e.category === category)?.label ?? category;
  const groupLabels = () => new Map(q().byGroup.map((g) => [g.value, g.label]));
  const differences = () => q().comparisons.map((c) => differenceSentence(c, groupLabels(), labelOf(c.category))).filter((s): s is string => s !== null);
  const headingId = `q-${props.q.question}`;

  return (
    <section class="question" aria-labelledby={headingId}>
      <h3 id={headingId}>{q().title}</h3>
      <Show when={top()}>
        <p class="caption">{caption(top()!)}</p>
      </Show>
      <Show when={chartable()}>
        <ChartCanvas
          config={ciBarChart(rows().map((e) => e.label), series())}
          label={`Bar chart of ${q().title}: ${top() ? caption(top()!) : ''}. The table below has every number.`}
          height={40 + rows().length * (18 + 14 * series().length)}
        />
      </Show>
      <table>
        <caption class="visually-hidden">{q().title}: weighted estimates with 95% confidence intervals</caption>
        <thead>
          <tr>
            <th scope="col">Answer</th>
            <th scope="col">All respondents</th>
            <For each={q().byGroup}>{(g) => <th scope="col">{groupName(g.label)}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(e) => (
              <tr classList={{ net: e.net }}>
                <th scope="row">{e.label}</th>
                <Cell e={e} />
                <For each={q().byGroup}>{(g) => <Cell e={g.rows.find((r) => r.category === e.category)} />}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={q().baseNote}>
        <p class="note">{q().baseNote}</p>
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
