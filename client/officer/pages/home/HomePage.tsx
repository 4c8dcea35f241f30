/**
 * The first page's data part: for every survey, the findings of its open (or latest) wave, with
 * the changes since the newest earlier wave that has responses. Each survey is fetched on its own,
 * so one slow or failing wave does not hold back the others.
 */
import { createEffect, createSignal, on, onCleanup } from 'solid-js';
import { call, client, describeFailure } from '../../api';
import { surveys, surveysError, surveysLoading } from '../../selection';
import { whenSignedIn } from '../../session';
import { HomeView } from './HomeView';
import type { HeadlineCard } from './types';
import { earlierWave, headlineWave } from './words';

const findingsOf = client.api.officer.surveys[':slug'].waves[':wave'].findings;

export function HomePage() {
  const [cards, setCards] = createSignal<HeadlineCard[]>([]);
  let asked = '';
  // Leaving the page (or asking again) cancels what is still being computed, so the report an
  // officer opens next does not wait behind the first page's findings for a worker.
  let inFlight = new AbortController();
  onCleanup(() => inFlight.abort());

  const update = (slug: string, change: Partial<HeadlineCard>) => setCards((list) => list.map((c) => (c.survey.slug === slug ? { ...c, ...change } : c)));

  createEffect(
    on(surveys, (list) => {
      const shown = list.flatMap((survey) => {
        const wave = headlineWave(survey);
        return wave ? [{ survey, wave, compareWave: earlierWave(survey, wave.name) }] : [];
      });
      // The survey list is fetched again on every change of page: ask again only when what is shown changes.
      const key = shown.map((s) => `${s.survey.slug}/${s.wave.name}/${s.wave.responses}/${s.compareWave}`).join(' ');
      if (key === asked) return;
      asked = key;
      inFlight.abort();
      inFlight = new AbortController();
      const { signal } = inFlight;
      setCards(
        shown.map((s) => ({ ...s, findings: null, loading: s.wave.responses > 0, problem: s.wave.responses > 0 ? null : 'No complete responses yet.' })),
      );
      for (const s of shown) {
        if (s.wave.responses === 0) continue;
        void whenSignedIn(
          call(
            findingsOf.$get({ param: { slug: s.survey.slug, wave: s.wave.name }, query: { compareWave: s.compareWave ?? undefined } }, { init: { signal } }),
          ),
        ).then((r) => {
          if (signal.aborted) return; // left, or the list changed meanwhile: a newer request fills the card
          update(s.survey.slug, r.kind === 'ok' ? { findings: r.value, loading: false } : { loading: false, problem: describeFailure(r) });
        });
      }
    }),
  );

  return <HomeView cards={cards()} loading={surveysLoading()} error={surveysError()} />;
}
