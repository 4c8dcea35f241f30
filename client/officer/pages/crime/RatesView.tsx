/** Recorded crime per 1,000 residents by ward (pure view): the choice, a caption, the chart, the table, the notes. */
import { For, Show } from 'solid-js';
import { ChartCanvas } from '../../charts/chart';
import { figureCaption } from '../../charts/download';
import { rateBarChart } from '../../charts/rate-bar-chart';
import { DataNotices, Progress } from '../../components/feedback';
import { WardMap } from '../../components/WardMap';
import { quantileClasses } from '../../components/ward-map-classes';
import type { WardMapData } from '../../components/ward-map-types';
import { count } from '../../format';
import { FocusedError, type PageError } from '../perception/FocusedError';
import { rateBound, rateMapSummary, wardRateValues } from './rate-map';
import { CRIME_SOURCE, crimes, monthName, periodName, pText, rate, rateWithCi, ratioText, type CrimeAvailable, type CrimeRates } from './format';

export interface RatesViewProps {
  available: CrimeAvailable | null;
  from: string;
  to: string;
  crimeType: string;
  rates: CrimeRates | null;
  loading: boolean;
  error: PageError | null;
  canImport: boolean;
  /** The projected ward map, or null when no boundaries fit (then no map). */
  wardMap: WardMapData | null;
  onFrom(m: string): void;
  onTo(m: string): void;
  onCrimeType(t: string): void;
  onShow(): void;
}

/** "burglary" / "crime of all types (not counting anti-social behaviour)". */
export const typeWords = (r: { crimeType: string; allCrime: boolean }) => (r.allCrime ? r.crimeType : r.crimeType.toLowerCase());

export function CrimeTypeOptions(props: { available: CrimeAvailable | null }) {
  return (
    <>
      <option value="">All crime except anti-social behaviour</option>
      <For each={props.available?.crimeTypes ?? []}>{(t) => <option value={t}>{t}</option>}</For>
    </>
  );
}

function Caption(props: { r: CrimeRates }) {
  const r = () => props.r;
  const ranked = () =>
    r()
      .wards.filter((w) => w.rate !== null)
      .sort((a, b) => b.rate! - a.rate!);
  return (
    <p class="caption">
      Borough rate, {periodName(r().period.from, r().period.to)}: {rate(r().borough.rate)} per {count(r().per)} residents (95% CI {rate(r().borough.ci[0])}–
      {rate(r().borough.ci[1])}): {crimes(r().borough.count)} among {count(r().borough.population)} residents.
      <Show when={ranked().length > 1}>
        {' '}
        Highest: {ranked()[0].ward} ({rate(ranked()[0].rate!)}); lowest: {ranked().at(-1)!.ward} ({rate(ranked().at(-1)!.rate!)}).
      </Show>
    </p>
  );
}

function Change(props: { r: CrimeRates }) {
  return (
    <Show when={props.r.previous && props.r.change}>
      <p class="change">
        A year earlier ({periodName(props.r.previous!.period.from, props.r.previous!.period.to)}): {crimes(props.r.previous!.count)},{' '}
        {rate(props.r.previous!.rate)} per {count(props.r.per)} residents. Now {ratioText(props.r.change!.ratio)} as many (95% CI {rate(props.r.change!.ci[0])}–
        {rate(props.r.change!.ci[1])}); {props.r.change!.significant ? 'a significant change' : 'not a significant change'} ({pText(props.r.change!.p)}).
      </p>
    </Show>
  );
}

export function RatesView(props: RatesViewProps) {
  const months = () => props.available?.months ?? [];
  return (
    <section class="crime-rates" aria-labelledby="rates-heading">
      <h3 id="rates-heading">Rates per 1,000 residents by ward</h3>
      <form
        class="choose"
        onSubmit={(e) => {
          e.preventDefault();
          props.onShow();
        }}
      >
        <div class="field">
          <label for="rates-from">From month</label>
          <input id="rates-from" type="month" placeholder="YYYY-MM" value={props.from} required onInput={(e) => props.onFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="rates-to">To month</label>
          <input id="rates-to" type="month" placeholder="YYYY-MM" value={props.to} required onInput={(e) => props.onTo(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="rates-type">Crime type</label>
          <select id="rates-type" value={props.crimeType} onChange={(e) => props.onCrimeType(e.currentTarget.value)}>
            <CrimeTypeOptions available={props.available} />
          </select>
        </div>
        <button type="submit" disabled={props.loading}>
          {props.loading ? 'Working…' : 'Show rates'}
        </button>
        <p class="hint period-hint">
          Recorded crime is stored for{' '}
          {months().length === 1 ? monthName(months()[0]) : `${monthName(months()[0] ?? '')} to ${monthName(months().at(-1) ?? '')}`}
          {months().length > 1 ? ` (${months().length} months)` : ''}. Rates are over the whole period, not per year.
        </p>
      </form>
      <Progress state={props.loading ? { label: 'Working out the rates' } : null} />
      <FocusedError error={props.error} canImport={props.canImport} />
      <Show when={props.rates}>
        {(r) => {
          const bars = () => r().wards.map((w) => ({ ward: w.ward, rate: w.rate, ci: w.ci }));
          const title = () => `Recorded ${typeWords(r())} per ${count(r().per)} residents, ${periodName(r().period.from, r().period.to)}`;
          const caption = () => figureCaption(`Source: ${CRIME_SOURCE} Population: the population figures held.`, [r().illustrativePopulationNotice]);
          return (
            <div class="rates-result">
              <h4>{title()}</h4>
              <DataNotices notices={[r().illustrativePopulationNotice]} />
              <p class="source">{CRIME_SOURCE}</p>
              <Caption r={r()} />
              <Change r={r()} />
              <ChartCanvas
                config={rateBarChart(
                  bars(),
                  r().borough.rate,
                  `Recorded ${typeWords(r())} per ${count(r().per)} residents (bars) with 95% CI (whiskers); dashed line: borough`,
                )}
                label={`Bar chart: ${title()}, one bar per ward with its 95% confidence interval; the dashed line is the borough rate, ${rate(r().borough.rate)}. The table below has every number.`}
                height={70 + r().wards.length * 24}
                title={title()}
                caption={caption()}
              />
              <Show when={props.wardMap}>
                {(map) => {
                  const values = () => wardRateValues(r());
                  return (
                    <WardMap
                      id="crime-rate-map"
                      map={map()}
                      values={values()}
                      classes={quantileClasses(
                        r().wards.map((w) => w.rate),
                        rateBound(r().per),
                      )}
                      title={`Map of ${title().charAt(0).toLowerCase()}${title().slice(1)}, by ward`}
                      summary={rateMapSummary(r(), typeWords(r()))}
                      caption={caption()}
                    />
                  );
                }}
              </Show>
              <div class="table-scroll">
                <table class="data rates-table">
                  <caption>{title()}, by ward, with exact Poisson 95% confidence intervals</caption>
                  <thead>
                    <tr>
                      <th scope="col">Ward</th>
                      <th scope="col" class="num">
                        Recorded crimes
                      </th>
                      <th scope="col" class="num">
                        Residents
                      </th>
                      <th scope="col" class="num">
                        Rate per {count(r().per)} (95% CI)
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={r().wards}>
                      {(w) => (
                        <tr>
                          <th scope="row">{w.ward}</th>
                          <td class="num">{count(w.count)}</td>
                          <td class="num">{w.population === null ? 'no figure' : count(w.population)}</td>
                          <td class="num">{w.rate === null ? 'no rate' : rateWithCi(w.rate, w.ci)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">Borough</th>
                      <td class="num">{count(r().borough.count)}</td>
                      <td class="num">{count(r().borough.population)}</td>
                      <td class="num">{rateWithCi(r().borough.rate, r().borough.ci)}</td>
                    </tr>
                  </tfoot>
                </table>
              </div>
              <ul class="notes">
                <For each={r().notes}>{(n) => <li>{n}</li>}</For>
              </ul>
            </div>
          );
        }}
      </Show>
    </section>
  );
}
