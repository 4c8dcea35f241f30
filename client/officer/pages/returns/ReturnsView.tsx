/**
 * The returns page as a pure view: totals, returns by day (chart + table), by ward against the
 * population share (chart + ordered table + where to push, in words), where web respondents stop
 * (by page, as a table), by school (small counts suppressed, with why), the notices about made-up data, and a refresh with the time of the data.
 */
import { For, Show } from 'solid-js';
import { SCHOOL_COUNT_THRESHOLD } from '../../../../analysis/disclosure/suppress';
import { ChartCanvas } from '../../charts/chart';
import { figureCaption } from '../../charts/download';
import { returnsByDayChart } from '../../charts/returns-by-day';
import { returnsByWardChart, wardChartHeight } from '../../charts/returns-by-ward';
import { WardMap } from '../../components/WardMap';
import { gapClasses } from '../../components/ward-map-classes';
import type { WardMapData } from '../../components/ward-map-types';
import { DataNotices, ErrorAlert, PageHeading, Status } from '../../components/feedback';
import { WavePicker } from '../../components/WavePicker';
import { count, pct } from '../../format';
import type { Returns } from './types';
import {
  dayCaption,
  dayRows,
  dayText,
  dropOutCaption,
  dropOutRows,
  gapText,
  IN_LINE,
  knownReturns,
  orderWards,
  schoolCell,
  shortDayText,
  underRepresentationSentence,
  WARD_ORDERS,
  wardRows,
  type WardOrder,
} from './returns-format';

export interface ReturnsViewProps {
  returns: Returns | null;
  loading: boolean;
  error: string | null;
  /** When the figures shown were fetched. */
  updated: Date | null;
  order: WardOrder;
  onOrder(order: WardOrder): void;
  /** The projected ward map, or null when no boundaries fit the lookup. */
  wardMap: WardMapData | null;
  onRefresh(): void;
}

const timeText = (d: Date) => d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function Totals(props: { r: Returns }) {
  const r = () => props.r;
  return (
    <dl class="totals" aria-label="Returns so far">
      <div>
        <dt>All returns</dt>
        <dd>
          <span class="figure" id="total-returns">
            {count(r().total)}
          </span>
        </dd>
      </div>
      <div>
        <dt>Complete</dt>
        <dd>
          <span class="figure" id="total-complete">
            {count(r().complete)}
          </span>
          <span class="hint">Finished questionnaires: these are weighted and reported.</span>
        </dd>
      </div>
      <div>
        <dt>Partial</dt>
        <dd>
          <span class="figure" id="total-partial">
            {count(r().partial)}
          </span>
          <span class="hint">Started but not finished: kept, but left out of weighting, and of results unless you include them there.</span>
        </dd>
      </div>
      <Show when={r().wardQuestion}>
        <div>
          <dt>No ward given</dt>
          <dd>
            <span class="figure" id="total-no-ward">
              {count(r().wardNotGiven)}
            </span>
            <span class="hint">Returns without a ward (not answered, “don't know”, or stopped before that question).</span>
          </dd>
        </div>
      </Show>
    </dl>
  );
}

/** Drawn under the returns' charts and map in their downloads: where the counts come from, and what is made up. */
function returnsCaption(r: Returns, withPopulation: boolean): string {
  return figureCaption(`Source: returns to ${r.survey}, wave ${r.wave} (${count(r.total)} so far).`, [
    r.syntheticNotice,
    withPopulation ? r.illustrativePopulationNotice : null,
  ]);
}

function ByDay(props: { r: Returns }) {
  const rows = () => dayRows(props.r.byDay);
  const caption = () => dayCaption(rows());
  return (
    <section class="returns-section" aria-labelledby="by-day-heading">
      <h3 id="by-day-heading">Returns by day</h3>
      <p class="caption" id="by-day-caption">
        {caption()}
      </p>
      <Show when={rows().length}>
        <ChartCanvas
          config={returnsByDayChart(
            rows().map((d) => ({ label: shortDayText(d.date), complete: d.complete, partial: d.partial, runningTotal: d.runningTotal })),
          )}
          label={`Bar chart of returns each day, complete and partial, with a line for the running total. ${caption()} The table below has every number.`}
          height={320}
          title={`Returns by day, ${props.r.survey} wave ${props.r.wave}`}
          caption={returnsCaption(props.r, false)}
        />
        <details class="day-table">
          <summary>Returns by day as a table ({count(rows().length)} days)</summary>
          <div class="table-scroll">
            <table class="data" id="by-day-table">
              <caption class="visually-hidden">Returns by day (UTC dates): complete, partial and the running total</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col" class="num">
                    Returns
                  </th>
                  <th scope="col" class="num">
                    Complete
                  </th>
                  <th scope="col" class="num">
                    Partial
                  </th>
                  <th scope="col" class="num">
                    Running total
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(d) => (
                    <tr>
                      <th scope="row">{dayText(d.date)}</th>
                      <td class="num">{count(d.count)}</td>
                      <td class="num">{count(d.complete)}</td>
                      <td class="num">{count(d.partial)}</td>
                      <td class="num">{count(d.runningTotal)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </details>
      </Show>
    </section>
  );
}

const GAP_CLASSES = gapClasses(IN_LINE);

function ByWard(props: { r: Returns; order: WardOrder; onOrder(order: WardOrder): void; wardMap: WardMapData | null }) {
  const known = () => knownReturns(props.r);
  const rows = () => orderWards(wardRows(props.r.byWard, known()), props.order);
  const sentence = () => underRepresentationSentence(props.r);
  const hasPopulation = () => rows().some((w) => w.populationShare !== null);
  return (
    <section class="returns-section" aria-labelledby="by-ward-heading">
      <h3 id="by-ward-heading">By ward, against the population</h3>
      <p class="caption push" id="where-to-push">
        {sentence()}
      </p>
      <Show when={props.r.wardQuestion && known() > 0}>
        <p class="hint">
          Shares are of the {count(known())} returns that name a ward
          {props.r.wardNotGiven ? ` (${count(props.r.wardNotGiven)} more do not)` : ''}; the population shares are of adults in each ward. The gap is the share
          of returns minus the share of the population, in percentage points.
        </p>
        <ChartCanvas
          config={returnsByWardChart(
            rows().map((w) => ({
              ward: w.ward,
              returns: w.share === null ? null : w.share * 100,
              population: w.populationShare === null ? null : w.populationShare * 100,
            })),
          )}
          label={`Bar chart of each ward's share of returns beside its share of the population, in the order of the table below. ${sentence()}`}
          height={wardChartHeight(rows().length)}
          title={`Share of returns and of the population by ward, ${props.r.survey} wave ${props.r.wave}`}
          caption={returnsCaption(props.r, true)}
        />
        <Show when={props.wardMap && hasPopulation() ? props.wardMap : null}>
          {(map) => (
            <WardMap
              id="returns-ward-map"
              map={map()}
              classes={GAP_CLASSES}
              values={
                new Map(
                  rows().map((w) => [
                    w.wardCode,
                    {
                      value: w.gap,
                      text: w.suppressed
                        ? 'count hidden to protect a small group'
                        : w.gap === null
                          ? 'no population figure'
                          : `${gapText(w.gap)} (${pct(w.share!)} of returns, ${w.populationShare === null ? '' : pct(w.populationShare)} of the population)`,
                    },
                  ]),
                )
              }
              title="Map of each ward's share of returns against its share of the population"
              caption={returnsCaption(props.r, true)}
              summary={`Wards under-represented among the returns are orange and hatched, wards in line are pale, over-represented ones purple. ${sentence()} Every figure is in the table below.`}
            />
          )}
        </Show>
        <div class="choose ward-order">
          <div class="field">
            <label for="ward-order">Order the wards</label>
            <select id="ward-order" value={props.order} onChange={(e) => props.onOrder(e.currentTarget.value as WardOrder)}>
              <For each={WARD_ORDERS}>{(o) => <option value={o.value}>{o.label}</option>}</For>
            </select>
          </div>
        </div>
        <div class="table-scroll">
          <table class="data" id="by-ward-table">
            <caption class="visually-hidden">
              Returns by ward: count, share of returns, share of the population, the gap and the replies needed to close it, ordered{' '}
              {WARD_ORDERS.find((o) => o.value === props.order)?.label.toLowerCase()}
            </caption>
            <thead>
              <tr>
                <th scope="col">Ward</th>
                <th scope="col" class="num">
                  Returns
                </th>
                <th scope="col" class="num">
                  Share of returns
                </th>
                <Show when={hasPopulation()}>
                  <th scope="col" class="num">
                    Share of population
                  </th>
                  <th scope="col" class="num">
                    Gap
                  </th>
                  <th scope="col" class="num">
                    More replies to close the gap
                  </th>
                </Show>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(w) => (
                  <tr classList={{ under: w.gap !== null && w.gap <= -IN_LINE }}>
                    <th scope="row">{w.ward}</th>
                    <Show
                      when={!w.suppressed && w.count !== null && w.share !== null}
                      fallback={
                        <td colSpan={2} class="suppressed">
                          suppressed – {w.reason}
                        </td>
                      }
                    >
                      <td class="num">{count(w.count!)}</td>
                      <td class="num">{pct(w.share!)}</td>
                    </Show>
                    <Show when={hasPopulation()}>
                      <td class="num">{w.populationShare === null ? 'not known' : pct(w.populationShare)}</td>
                      <td class="num">{w.gap === null ? '' : gapText(w.gap)}</td>
                      <td class="num">{w.shortfall === null ? '' : w.shortfall ? count(w.shortfall) : 'none'}</td>
                    </Show>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}

function WhereTheyStop(props: { r: Returns }) {
  const d = () => props.r.dropOut;
  return (
    <section class="returns-section" aria-labelledby="drop-out-heading">
      <h3 id="drop-out-heading">Where respondents stop</h3>
      <p class="caption" id="drop-out-caption">
        {dropOutCaption(d())}
      </p>
      <p class="hint">
        Web returns only: answers are saved each time a respondent moves on to the next page, so someone who leaves on the first page without moving on is not
        counted. Paper returns are entered whole.
      </p>
      <div class="table-scroll">
        <table class="data" id="drop-out-table" aria-describedby="drop-out-caption">
          <caption class="visually-hidden">Web returns by page of the questionnaire: how many reached each page and how many stopped there</caption>
          <thead>
            <tr>
              <th scope="col">Page</th>
              <th scope="col" class="num">
                Reached it
              </th>
              <th scope="col" class="num">
                Stopped there
              </th>
              <th scope="col" class="num">
                Share who stopped there
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={dropOutRows(d())}>
              {(p) => (
                <tr>
                  <th scope="row">
                    {p.page}. {p.title}
                  </th>
                  <td class="num">{count(p.started)}</td>
                  <td class="num">{count(p.stoppedHere)}</td>
                  <td class="num">{p.stoppedShare}</td>
                </tr>
              )}
            </For>
            <tr>
              <th scope="row">Finished</th>
              <td class="num">{count(d().finished)}</td>
              <td class="num">–</td>
              <td class="num">–</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

function BySchool(props: { r: Returns }) {
  const suppressed = () => props.r.bySchool.filter((s) => s.suppressed).length;
  return (
    <section class="returns-section" aria-labelledby="by-school-heading">
      <h3 id="by-school-heading">By school</h3>
      <Show when={props.r.bySchool.length} fallback={<p>This wave has no school links, so there are no returns by school.</p>}>
        <p class="caption">
          {count(props.r.bySchool.length)} school {props.r.bySchool.length === 1 ? 'link' : 'links'}
          {suppressed()
            ? `; ${count(suppressed())} ${suppressed() === 1 ? 'count is' : 'counts are'} suppressed to protect pupils (counts under ${SCHOOL_COUNT_THRESHOLD} are never shown).`
            : `; every school has at least ${SCHOOL_COUNT_THRESHOLD} returns, so every count is shown.`}
        </p>
        <div class="table-scroll">
          <table class="data" id="by-school-table">
            <caption class="visually-hidden">Returns by school link, with small counts suppressed</caption>
            <thead>
              <tr>
                <th scope="col">School</th>
                <th scope="col" class="num">
                  Returns
                </th>
                <th scope="col">Why not shown</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.r.bySchool}>
                {(s) => {
                  const cell = schoolCell(s, SCHOOL_COUNT_THRESHOLD);
                  return (
                    <tr>
                      <th scope="row">{s.label}</th>
                      <td classList={{ num: true, suppressed: s.suppressed }}>{cell.count}</td>
                      <td>{cell.why}</td>
                    </tr>
                  );
                }}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}

export function ReturnsView(props: ReturnsViewProps) {
  return (
    <>
      <PageHeading intro="How many replies have come in, on which days, from which wards and schools, and where to push for more.">Returns</PageHeading>
      <WavePicker />
      <div class="actions refresh">
        <button type="button" class="secondary" onClick={() => props.onRefresh()} disabled={props.loading}>
          {props.loading ? 'Refreshing…' : 'Refresh'}
        </button>
        <Show when={props.updated}>
          <span class="updated" id="last-updated">
            Last updated {timeText(props.updated!)}
          </span>
        </Show>
      </div>
      <ErrorAlert message={props.error} />
      <Status
        message={
          props.loading
            ? 'Loading returns…'
            : props.returns
              ? `Returns for ${props.returns.survey}, wave ${props.returns.wave}: ${count(props.returns.total)} so far.`
              : null
        }
        visible={false}
      />
      <Show when={props.returns}>
        {(r) => (
          <div class="returns">
            <DataNotices notices={[r().syntheticNotice, r().illustrativePopulationNotice]} />
            <Totals r={r()} />
            <ByDay r={r()} />
            <ByWard r={r()} order={props.order} onOrder={props.onOrder} wardMap={props.wardMap} />
            <WhereTheyStop r={r()} />
            <BySchool r={r()} />
          </div>
        )}
      </Show>
    </>
  );
}
