/**
 * The county page's view: each partnership in a row (its wards, its surveys with every wave's
 * complete replies, its recorded crime), as its own officers see them. The table scrolls sideways
 * in its own focusable region on narrow screens, never the page.
 */
import { For, Show } from 'solid-js';
import { ErrorAlert, PageHeading, Status } from '../../components/feedback';
import { count } from '../../format';
import { crimeText, waveText } from './format';
import type { CountyOverview, CountyPartnership } from './types';

export interface CountyViewProps {
  overview: CountyOverview | null;
  error: string | null;
}

function Surveys(props: { p: CountyPartnership }) {
  return (
    <Show when={props.p.surveys.length} fallback="none">
      <ul class="county-surveys">
        <For each={props.p.surveys}>
          {(s) => (
            <li>
              <span class="county-survey-title">{s.title}</span>
              <Show when={s.waves.length} fallback={<span class="hint"> (no waves)</span>}>
                <ul>
                  <For each={s.waves}>{(w) => <li>{waveText(w)}</li>}</For>
                </ul>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

export function CountyView(props: CountyViewProps) {
  return (
    <>
      <PageHeading intro="Each figure is what that partnership's own officers see on their pages.">Partnerships side by side</PageHeading>
      <ErrorAlert message={props.error} />
      <Status message={!props.overview && !props.error ? 'Loading the partnerships…' : null} />
      <Show when={props.overview}>
        {(o) => (
          <div class="table-scroll county-table" role="region" tabindex="0" aria-label="Table: partnerships side by side, scrolls sideways">
            <table class="data" id="county-table">
              <caption class="visually-hidden">Every partnership: wards, surveys with complete replies by wave, and recorded crime</caption>
              <thead>
                <tr>
                  <th scope="col">Partnership</th>
                  <th scope="col" class="num">
                    Wards
                  </th>
                  <th scope="col">Surveys</th>
                  <th scope="col">Recorded crime</th>
                </tr>
              </thead>
              <tbody>
                <For each={o().partnerships}>
                  {(p) => (
                    <tr>
                      <th scope="row">{p.name}</th>
                      <td class="num">{count(p.wards)}</td>
                      <td>
                        <Surveys p={p} />
                      </td>
                      <td>{crimeText(p.crime)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </Show>
    </>
  );
}
