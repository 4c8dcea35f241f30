/**
 * The officers' first page (pure view): for each survey, its open (or latest) wave in headline
 * figures (responses so far, period, weighting, margin of error), its key findings in words, and
 * the way on to the detail. Made-up demo data says so above its figures.
 */
import { For, Show } from 'solid-js';
import { count } from '../../format';
import { followLink } from '../../router';
import type { HeadlineCard } from './types';
import './home.css';
import { marginText, periodText, weightingText } from './words';

export interface HomeViewProps {
  cards: HeadlineCard[];
  /** The survey list itself is still loading (or failed). */
  loading: boolean;
  error: string | null;
}

function Card(props: { card: HeadlineCard }) {
  const c = () => props.card;
  const f = () => c().findings;
  const query = () => `?survey=${encodeURIComponent(c().survey.slug)}&wave=${encodeURIComponent(c().wave.name)}`;
  const headingId = () => `home-${c().survey.slug}`;
  return (
    <section class="home-card" aria-labelledby={headingId()}>
      <h3 id={headingId()}>
        {c().survey.title}: wave {c().wave.name} ({c().wave.status === 'open' ? 'open' : 'closed'})
      </h3>
      <Show when={f()?.syntheticNotice}>
        <div class="banner" role="note" aria-label="Read before using these figures">
          <p>
            <strong>Made-up demo data.</strong> {f()!.syntheticNotice}
          </p>
        </div>
      </Show>
      <dl class="headline-figures">
        <div>
          <dt>Responses so far</dt>
          <dd>{count(c().wave.responses)}</dd>
        </div>
        <div>
          <dt>Period</dt>
          <dd>{periodText(c().wave)}</dd>
        </div>
        <Show when={f()}>
          {(x) => (
            <>
              <div>
                <dt>Margin of error</dt>
                <dd>
                  {marginText(x().marginOfError)}
                  <span class="detail">95% confidence, for a result of 50%</span>
                </dd>
              </div>
              <div>
                <dt>Weighting</dt>
                <dd>
                  {weightingText(x().weighting).status}
                  <span class="detail">{weightingText(x().weighting).detail}</span>
                </dd>
              </div>
            </>
          )}
        </Show>
      </dl>
      <Show when={c().loading}>
        <p role="status">Working out the key findings…</p>
      </Show>
      <Show when={c().problem}>
        <p class="note">{c().problem}</p>
      </Show>
      <Show when={f()}>
        {(x) => (
          <>
            <h4>Key findings{x().compareWave ? ` (changes since ${x().compareWave})` : ''}</h4>
            <Show when={x().findings.length} fallback={<p>No finding stands out yet: see the results for every figure.</p>}>
              <ul class="key-findings">
                <For each={x().findings}>{(finding) => <li>{finding.text}</li>}</For>
              </ul>
            </Show>
            <p class="note">
              Based on {count(x().n)} complete responses (effective base {count(Math.round(x().nEffective))}).
            </p>
          </>
        )}
      </Show>
      <ul class="home-links">
        <li>
          <a href={`/officer/results${query()}`} onClick={followLink}>
            Results
            <span class="visually-hidden">
              {' '}
              of {c().survey.title}, wave {c().wave.name}
            </span>
          </a>
        </li>
        <li>
          <a href={`/officer/returns${query()}`} onClick={followLink}>
            Returns
            <span class="visually-hidden">
              {' '}
              of {c().survey.title}, wave {c().wave.name}
            </span>
          </a>
        </li>
        <li>
          <a href={`/officer/perception${query()}`} onClick={followLink}>
            Perception vs reality
            <span class="visually-hidden">
              {' '}
              for {c().survey.title}, wave {c().wave.name}
            </span>
          </a>
        </li>
      </ul>
    </section>
  );
}

export function HomeView(props: HomeViewProps) {
  return (
    <>
      <h2 tabindex="-1" class="page-heading">
        Headline figures
      </h2>
      <p>Each survey's open wave (or its latest), in a few figures and the findings that stand out. The other pages have every number.</p>
      <Show when={props.error}>
        <p class="error" role="alert">
          {props.error}
        </p>
      </Show>
      <Show when={props.loading && !props.cards.length}>
        <p role="status">Loading the surveys…</p>
      </Show>
      <Show when={!props.loading && !props.error && !props.cards.length}>
        <p>There are no surveys with waves yet. Add one on the Surveys page.</p>
      </Show>
      <div class="home-cards">
        <For each={props.cards}>{(card) => <Card card={card} />}</For>
      </div>
    </>
  );
}
