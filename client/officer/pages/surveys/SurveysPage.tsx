/**
 * The surveys page's data part: every survey with its waves (from the shared survey list), and
 * the wave changes an admin makes (open or close after confirming, dates, a new wave). After any
 * change (and a retention period set) the survey list is fetched again (each card's Translations section is its own data part) and the outcome is announced in that survey's card.
 */
import { createSignal, Show } from 'solid-js';
import { call, client, describeFailure, type Result } from '../../api';
import { refreshSurveys, surveys, surveysError, surveysLoading } from '../../selection';
import { can, whenSignedIn } from '../../session';
import { AddSurvey } from './AddSurvey';
import { SurveysView } from './SurveysView';
import { Translations } from './Translations';
import type { Feedback, Pending, WaveDates } from './types';
import './surveys.css';

const waveApi = client.api.officer.surveys[':slug'].waves;

/** Moves focus to a survey card's feedback once it is on screen, so it is read out and seen. */
function focusFeedback(slug: string) {
  setTimeout(() => document.getElementById(`feedback-${slug}`)?.focus(), 0);
}

export function SurveysPage() {
  const [pending, setPending] = createSignal<Pending | null>(null);
  const [editing, setEditing] = createSignal<{ slug: string; wave: string } | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [feedback, setFeedback] = createSignal<Feedback | null>(null);

  async function finish(slug: string, request: Promise<Result<{ message: string }>>, after?: () => void) {
    setBusy(true);
    setFeedback(null);
    const r = await whenSignedIn(request);
    setBusy(false);
    if (r.kind !== 'ok') {
      setFeedback({ slug, kind: 'error', message: describeFailure(r) });
      focusFeedback(slug);
      return false;
    }
    after?.();
    await refreshSurveys();
    setFeedback({ slug, kind: 'ok', message: r.value.message });
    focusFeedback(slug);
    return true;
  }

  const changeStatus = (p: Pending) =>
    finish(p.slug, call(waveApi[':wave'].$patch({ param: { slug: p.slug, wave: p.wave }, json: { status: p.status } })), () => setPending(null));

  const saveDates = (slug: string, wave: string, dates: WaveDates) =>
    finish(slug, call(waveApi[':wave'].$patch({ param: { slug, wave }, json: { opens: dates.opens || null, closes: dates.closes || null } })), () =>
      setEditing(null),
    );

  const createWave = (slug: string, name: string, dates: WaveDates) =>
    finish(slug, call(waveApi.$post({ param: { slug }, json: { name, opens: dates.opens || undefined, closes: dates.closes || undefined } })));

  const saveRetention = (slug: string, months: string) =>
    finish(
      slug,
      call(client.api.officer.surveys[':slug'].retention.$put({ param: { slug }, json: { months: months ? Number(months) : null } })).then((r) =>
        r.kind === 'ok' ? { kind: 'ok' as const, value: { message: `Saved. ${r.value.description}${r.value.due ? ` ${r.value.due.message}` : ''}` } } : r,
      ),
    );

  return (
    <>
      <SurveysView
        surveys={surveys()}
        loading={surveysLoading()}
        error={surveysError()}
        canManageWaves={can('manage-waves')}
        canAddSurveys={can('manage-surveys')}
        pending={pending()}
        editing={editing()}
        busy={busy()}
        feedback={feedback()}
        onAsk={(p) => {
          setFeedback(null);
          setEditing(null);
          setPending(p);
        }}
        onCancel={() => setPending(null)}
        onConfirm={changeStatus}
        onEditDates={(slug, wave) => {
          setFeedback(null);
          setPending(null);
          setEditing(wave ? { slug, wave } : null);
        }}
        onSaveDates={saveDates}
        onCreateWave={createWave}
        canSetRetention={can('manage-surveys')}
        onSaveRetention={(slug, months) => void saveRetention(slug, months)}
        translations={(s) => <Translations slug={s().slug} title={s().title} canStore={can('manage-surveys')} />}
      />
      <Show when={can('manage-surveys')}>
        <AddSurvey />
      </Show>
    </>
  );
}
