/**
 * A questionnaire's Translations section as a pure view: the languages it is offered in (each
 * demonstration translation marked), a language code to work on, the sheet to download, and for
 * admins a filled-in sheet to upload: its problems, or its strings side by side with a preview of
 * the questionnaire in that language, then "Store translation" after a yes.
 */
import { For, onMount, Show } from 'solid-js';
import { ErrorAlert, Status } from '../../components/feedback';
import { Questionnaire } from '../../questionnaire/Questionnaire';
import { followLink } from '../../router';
import type { TranslationsState } from './types';

/** Languages survey-core has its own buttons and messages for, offered as suggestions. */
export const SUGGESTED_LOCALES: { code: string; name: string }[] = [
  { code: 'cy', name: 'Welsh (Cymraeg)' },
  { code: 'pl', name: 'Polish (Polski)' },
  { code: 'ur', name: 'Urdu (اردو)' },
  { code: 'ro', name: 'Romanian (Română)' },
  { code: 'pt', name: 'Portuguese (Português)' },
  { code: 'lt', name: 'Lithuanian (Lietuvių)' },
  { code: 'bg', name: 'Bulgarian (Български)' },
  { code: 'ar', name: 'Arabic (العربية)' },
];

export const DEMO_NOTICE = 'Demonstration translation — not reviewed by a translator';

export interface TranslationsViewProps {
  slug: string;
  title: string;
  state: TranslationsState;
  /** May upload and store a sheet (admin). */
  canStore: boolean;
  /** Addresses of the sheet of the locale typed in (null while it is not a usable code). */
  csvUrl: string | null;
  xlsxUrl: string | null;
  onLocale(value: string): void;
  onFile(file: File): void;
  onToggleQuestionnaire(): void;
  onAskStore(): void;
  onCancelStore(): void;
  onStore(): void;
}

/** The confirmation's yes, focused when it appears: the question is read out and the answer is one key away. */
function YesButton(props: { busy: boolean; onClick(): void }) {
  let button!: HTMLButtonElement;
  onMount(() => setTimeout(() => button?.focus(), 0));
  return (
    <button type="button" ref={button} disabled={props.busy} onClick={() => props.onClick()}>
      {props.busy ? 'Storing…' : 'Yes, store it'}
    </button>
  );
}

export function TranslationsView(props: TranslationsViewProps) {
  const id = (what: string) => `translations-${what}-${props.slug}`;
  const s = () => props.state;
  return (
    <section class="translations" aria-labelledby={id('heading')}>
      <h4 id={id('heading')}>Translations of {props.title}</h4>
      <ErrorAlert message={s().loadError ? `The languages could not be loaded: ${s().loadError}` : null} />
      <ul class="languages" aria-label={`Languages of ${props.title}`}>
        <For each={s().languages}>
          {(l) => (
            <li>
              <span lang={l.code}>{l.name}</span> <code>{l.code}</code>
              <Show when={l.code === 'en'}> (the original)</Show>
              <Show when={l.demonstration}>
                <strong class="demo-translation-mark"> — {DEMO_NOTICE}</strong>
              </Show>
              <Show when={l.code !== 'en'}>
                {' '}
                <a href={`/officer/surveys/preview?survey=${encodeURIComponent(props.slug)}&lang=${encodeURIComponent(l.code)}`} onClick={followLink}>
                  Preview in {l.name}
                  <span class="visually-hidden"> {props.title}</span>
                </a>
              </Show>
            </li>
          )}
        </For>
      </ul>

      <div class="field">
        <label for={id('locale')}>Language code</label>
        <p class="hint" id={id('locale-hint')}>
          Two or three letters, e.g. cy for Welsh, pl for Polish, ur for Urdu.
        </p>
        <input
          id={id('locale')}
          name="locale"
          type="text"
          autocomplete="off"
          spellcheck={false}
          maxLength={20}
          list={id('suggestions')}
          value={s().locale}
          aria-describedby={`${id('locale-hint')}${s().localeProblem ? ` ${id('locale-problem')}` : ''}`}
          aria-invalid={s().localeProblem ? 'true' : undefined}
          onInput={(e) => props.onLocale(e.currentTarget.value)}
        />
        <datalist id={id('suggestions')}>
          <For each={SUGGESTED_LOCALES}>{(l) => <option value={l.code}>{l.name}</option>}</For>
        </datalist>
        <Show when={s().localeProblem}>
          <p class="error" id={id('locale-problem')}>
            {s().localeProblem}
          </p>
        </Show>
      </div>

      <Show when={props.csvUrl && props.xlsxUrl}>
        <p class="downloads">
          <a href={props.csvUrl!} download="">
            Download the sheet (CSV)<span class="visually-hidden"> for {s().locale.trim().toLowerCase()}</span>
          </a>{' '}
          <a href={props.xlsxUrl!} download="">
            Download the sheet (XLSX)<span class="visually-hidden"> for {s().locale.trim().toLowerCase()}</span>
          </a>
        </p>
      </Show>

      <Show when={props.canStore} fallback={<p class="hint">An admin uploads a filled-in sheet to add or change a translation.</p>}>
        <div class="field">
          <label for={id('file')}>Filled-in sheet (CSV or XLSX)</label>
          <p class="hint" id={id('file-hint')}>
            It is checked and shown to you first: nothing is stored until you choose Store translation.
          </p>
          <input
            id={id('file')}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={id('file-hint')}
            disabled={s().busy || !props.csvUrl}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) props.onFile(file);
            }}
          />
        </div>
      </Show>
      <Status message={s().busy && s().fileName ? `Checking ${s().fileName}…` : s().stored} />

      <div id={id('result')} tabindex="-1" class="translation-result">
        <Show when={s().refusal}>
          {(r) => (
            <div class="problems" role="alert">
              <p class="error">{r().message}</p>
              <Show when={r().problems.length}>
                <ul aria-label="Problems with the sheet">
                  <For each={r().problems}>{(p) => <li>{p}</li>}</For>
                </ul>
              </Show>
              <p>Nothing was stored. Correct the sheet and upload it again.</p>
            </div>
          )}
        </Show>
        <Show when={s().preview}>
          {(p) => (
            <>
              <h5 id={id('preview-heading')} tabindex="-1">
                {p().language} ({p().locale}): not stored yet
              </h5>
              <p>{p().message}</p>
              <div class="table-scroll translation-strings" role="region" aria-labelledby={id('strings-caption')} tabindex="0">
                <table class="data">
                  <caption id={id('strings-caption')}>
                    The {p().language} strings beside the English ({p().strings.length})
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">String id</th>
                      <th scope="col">English</th>
                      <th scope="col">Translation ({p().locale})</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={p().strings}>
                      {(row) => (
                        <tr classList={{ changed: row.translation !== row.previous }}>
                          <th scope="row">
                            <code>{row.id}</code>
                          </th>
                          <td>{row.english}</td>
                          <td lang={p().locale}>{row.translation}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <div class="actions">
                <button type="button" class="secondary" aria-expanded={s().showQuestionnaire} onClick={() => props.onToggleQuestionnaire()}>
                  {s().showQuestionnaire ? 'Hide the questionnaire' : `Preview the questionnaire in ${p().language}`}
                </button>
                <Show when={!s().confirming}>
                  <button type="button" id={id('store')} disabled={s().busy} onClick={() => props.onAskStore()}>
                    Store translation
                  </button>
                </Show>
              </div>
              <Show when={s().confirming}>
                <div class="confirm" role="group" aria-labelledby={id('confirm')}>
                  <p id={id('confirm')} class="confirm-question">
                    Store the {p().language} translation as version {p().version + 1} of {props.title}? Respondents will be able to choose {p().language}.
                  </p>
                  <div class="actions">
                    <YesButton busy={s().busy} onClick={() => props.onStore()} />
                    <button type="button" class="secondary" disabled={s().busy} onClick={() => props.onCancelStore()}>
                      Cancel
                    </button>
                  </div>
                </div>
              </Show>
              <Show when={s().showQuestionnaire}>
                <div class="preview-frame" role="region" aria-label={`${props.title} in ${p().language}: preview, answers are not saved`}>
                  <Questionnaire definition={p().definition as Record<string, unknown>} mode="preview" locale={p().locale} />
                </div>
              </Show>
            </>
          )}
        </Show>
      </div>
    </section>
  );
}
