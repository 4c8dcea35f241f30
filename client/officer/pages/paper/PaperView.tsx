/** The paper returns page as a pure view: survey/wave, where the forms go, then keying in or importing. */
import { Show } from 'solid-js';
import { ErrorAlert, PageHeading } from '../../components/feedback';
import { WavePicker } from '../../components/WavePicker';
import { count } from '../../format';
import { ImportView, type ImportViewProps } from './ImportView';
import { KeyInView, type KeyInViewProps } from './KeyInView';
import type { Mode, PaperForm } from './types';

export interface PaperViewProps {
  mode: Mode;
  onMode(mode: Mode): void;
  surveyTitle: string | undefined;
  form: PaperForm | undefined;
  loading: boolean;
  formError: string | null;
  questionnaire: { key: string; definition: Record<string, unknown> } | null;
  keyIn: Omit<KeyInViewProps, 'form' | 'questionnaire'>;
  importing: Omit<ImportViewProps, 'form'>;
}

/** Which wave the forms go into, and a warning when it no longer takes web answers. */
function Destination(props: { form: PaperForm }) {
  const f = () => props.form;
  const stored = () => f().stored;
  return (
    <div class="paper-destination">
      <p class="paper-into">
        Forms go into <strong>{f().survey.title}</strong>, wave <strong>{f().wave.name}</strong> ({f().wave.status}). This wave holds {count(stored().all)}{' '}
        {stored().all === 1 ? 'return' : 'returns'} so far: {count(stored().paper)} keyed in from paper and {count(stored().import)} imported from files.
      </p>
      <Show when={f().wave.closedReason}>
        <div class="banner" role="note" aria-label="This wave is closed">
          <p>
            <strong>{f().wave.closedReason}</strong> Late paper returns are normal and are still stored in this wave, but results, weighting and downloads made
            before now do not include them: run the weighting again when you have finished.
          </p>
        </div>
      </Show>
    </div>
  );
}

export function PaperView(props: PaperViewProps) {
  return (
    <>
      <PageHeading intro="Paper questionnaires go in here: key each form in through the same questionnaire respondents see on the web, or import a spreadsheet of forms typed up elsewhere. Every answer is checked exactly as a web answer is.">
        Paper returns
      </PageHeading>
      <WavePicker />
      <ErrorAlert message={props.formError ? `The questionnaire could not be loaded: ${props.formError}` : null} />
      <Show when={props.loading && !props.form}>
        <p role="status">Loading the questionnaire…</p>
      </Show>
      <Show when={props.form}>
        {(form) => (
          <>
            <Destination form={form()} />
            <fieldset class="paper-mode">
              <legend>What are you doing?</legend>
              <label class="choice" for="mode-key-in">
                <input type="radio" id="mode-key-in" name="paper-mode" checked={props.mode === 'key-in'} onChange={() => props.onMode('key-in')} />
                Keying in paper forms, one at a time
              </label>
              <label class="choice" for="mode-import">
                <input type="radio" id="mode-import" name="paper-mode" checked={props.mode === 'import'} onChange={() => props.onMode('import')} />
                Importing a CSV file of forms
              </label>
            </fieldset>
            <Show when={props.mode === 'key-in'} fallback={<ImportView form={form()} {...props.importing} />}>
              <KeyInView form={form()} questionnaire={props.questionnaire} {...props.keyIn} />
            </Show>
          </>
        )}
      </Show>
    </>
  );
}
