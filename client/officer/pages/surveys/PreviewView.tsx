/** The preview page as a pure view: survey choice, the "not saved" banner, the questionnaire, start again. */
import { Show } from 'solid-js';
import { ErrorAlert, PageHeading, Status } from '../../components/feedback';
import { WavePicker } from '../../components/WavePicker';
import { Questionnaire } from '../../questionnaire/Questionnaire';
import { followLink } from '../../router';
import { AUDIENCE_LABELS } from './format';
import type { Language, PreviewSurvey } from './types';

export interface PreviewViewProps {
  slug: string;
  /** The language to show it in ('en': the original). */
  locale: string;
  /** That language as the server lists it (its name in itself, and whether it is a demonstration translation). */
  language: Language | null;
  survey: PreviewSurvey | null;
  error: string | null;
  loading: boolean;
  noSurveys: boolean;
  /** Goes up on "Start again": the questionnaire is shown afresh. */
  attempt: number;
  announce: string | null;
  onRestart(): void;
}

export function PreviewView(props: PreviewViewProps) {
  return (
    <>
      <PageHeading intro="The questionnaire exactly as respondents see it, whether or not a wave is open. Nothing you answer here is sent or stored.">
        Questionnaire preview
      </PageHeading>
      <WavePicker surveyOnly />
      <p>
        <a href={`/officer/surveys${props.slug ? `?survey=${encodeURIComponent(props.slug)}` : ''}`} onClick={followLink}>
          Back to surveys and waves
        </a>
      </p>
      <ErrorAlert message={props.error} />
      <Show when={props.noSurveys && !props.loading}>
        <p>There are no questionnaires to preview yet.</p>
      </Show>
      <Show when={props.loading}>
        <p role="status">Loading the questionnaire…</p>
      </Show>
      <Show when={props.survey}>
        {(s) => (
          <>
            <div class="banner preview-banner" role="note" aria-label="About this preview">
              <p>
                <strong>Preview: answers are not saved.</strong> {s().title}, version {s().version}, for {AUDIENCE_LABELS[s().audience].toLowerCase()}
                <Show when={props.locale !== 'en'}>
                  , in <span lang={props.locale}>{props.language?.name ?? props.locale}</span>
                </Show>
                .
              </p>
              <Show when={props.locale !== 'en' && props.language?.demonstration}>
                <p>
                  <strong>Demonstration translation — not reviewed by a translator.</strong>
                </p>
              </Show>
              <button type="button" class="secondary" onClick={() => props.onRestart()}>
                Start again
              </button>
            </div>
            <Status message={props.announce} />
            <Show when={`${s().slug}@${s().version}/${props.locale}#${props.attempt}`} keyed>
              <div class="preview-frame">
                <Questionnaire definition={s().definition as Record<string, unknown>} mode="preview" locale={props.locale} />
              </div>
            </Show>
          </>
        )}
      </Show>
    </>
  );
}
