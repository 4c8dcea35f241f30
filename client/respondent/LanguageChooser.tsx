/** The language chooser of the first page, and the note beside a demonstration translation. Pure view. */
import { For, Show } from 'solid-js';
import type { PublicSurvey } from './api';
import { messagesFor } from './messages';

type Language = PublicSurvey['languages'][number];

export function LanguageChooser(props: { languages: Language[]; locale: string; onChoose: (code: string) => void }) {
  return (
    <div class="language-chooser">
      {/* Labelled in every language offered, so whoever arrives can find it. */}
      <label for="survey-language">{[...new Set(props.languages.map((l) => messagesFor(l.code).chooseLanguage))].join(' / ')}</label>
      <select id="survey-language" value={props.locale} onChange={(e) => props.onChoose(e.currentTarget.value)}>
        <For each={props.languages}>
          {(l) => (
            <option value={l.code} lang={l.code}>
              {l.name}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}

/** Said in English and in the language itself: a made-up translation must never pass for a reviewed one. */
export function DemoTranslationNote(props: { locale: string }) {
  return (
    <p class="notice demo-translation" role="note" data-testid="demo-translation">
      <span lang={props.locale}>{messagesFor(props.locale).demoTranslation}</span>
      <Show when={props.locale !== 'en'}>
        {' '}
        <span lang="en">{messagesFor('en').demoTranslation}</span>
      </Show>
    </p>
  );
}
