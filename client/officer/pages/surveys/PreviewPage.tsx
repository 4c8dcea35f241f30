/**
 * The preview page's data part: the chosen survey (?survey=<slug>, shared with the other pages)
 * and its questionnaire, fetched whatever its waves' status, in the language of ?lang= (English
 * without); "Start again" shows it afresh.
 */
import { createResource, createSignal } from 'solid-js';
import { call, client, describeFailure } from '../../api';
import { queryParam } from '../../router';
import { selectedSlug, selectedSurvey } from '../../selection';
import { whenSignedIn } from '../../session';
import { PreviewView } from './PreviewView';
import './surveys.css';

export function PreviewPage() {
  const [attempt, setAttempt] = createSignal(0);
  const [announce, setAnnounce] = createSignal<string | null>(null);
  const [loaded] = createResource(
    () => selectedSlug() || undefined,
    async (slug) => {
      const r = await whenSignedIn(call(client.api.officer.surveys[':slug'].definition.$get({ param: { slug } })));
      return r.kind === 'ok' ? { survey: r.value, error: null } : { survey: null, error: describeFailure(r) };
    },
  );
  // The language's name and demonstration mark, as the Surveys page lists them.
  const [languages] = createResource(
    () => (queryParam('lang') && selectedSlug()) || undefined,
    async (slug) => {
      const r = await whenSignedIn(call(client.api.officer.surveys[':slug'].translations.$get({ param: { slug } })));
      return r.kind === 'ok' ? r.value.languages : [];
    },
  );
  return (
    <PreviewView
      slug={selectedSlug()}
      locale={queryParam('lang') || 'en'}
      language={languages()?.find((l) => l.code === queryParam('lang')) ?? null}
      survey={loaded()?.survey ?? null}
      error={loaded()?.error ?? null}
      loading={loaded.loading}
      noSurveys={!selectedSurvey()}
      attempt={attempt()}
      announce={announce()}
      onRestart={() => {
        setAttempt((n) => n + 1);
        setAnnounce('Started again: the answers are cleared and the questionnaire is back at its first page.');
      }}
    />
  );
}
