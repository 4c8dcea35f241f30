/**
 * Adding a questionnaire, as a pure view: the files, the address name and audience, then the
 * check's summary in words (or the problems), the questionnaire as respondents will see it, and
 * the button that adds it.
 */
import { For, Show } from 'solid-js';
import { Progress, Status, type ProgressState } from '../../components/feedback';
import { bytes } from '../../format';
import { Questionnaire } from '../../questionnaire/Questionnaire';
import { AUDIENCE_LABELS } from './format';
import type { Audience, CheckSummary, OfficerSurvey } from './types';

export interface AddSurveyViewProps {
  /** Changes when the form should start empty again (file inputs cannot be emptied otherwise). */
  formKey: number;
  surveyFile: File | null;
  metaFile: File | null;
  slug: string;
  audience: Audience;
  /** The stored survey of that name, if any (adding replaces it with a new version). */
  existing: OfficerSurvey | undefined;
  removeMetadata: boolean;
  check: CheckSummary | null;
  /** The questionnaire that was checked, for the preview. */
  definition: Record<string, unknown> | null;
  refusal: { message: string; problems: string[] } | null;
  progress: ProgressState | null;
  done: string | null;
  onSurveyFile(f: File | null): void;
  onMetaFile(f: File | null): void;
  onSlug(v: string): void;
  onAudience(a: Audience): void;
  onRemoveMetadata(v: boolean): void;
  onCheck(): void;
  onAdd(): void;
}

const METADATA_SOURCE: Record<CheckSummary['metadata'], string> = {
  uploaded: 'From the metadata file',
  stored: 'Kept from the version already stored',
  none: 'None',
};

function outcomeText(c: CheckSummary): string {
  if (c.outcome === 'create') return `Adding it creates ${c.slug} (version 1).`;
  if (c.outcome === 'update') return `Adding it replaces ${c.slug} with version ${c.version}.`;
  if (c.outcome === 'unchanged') return `${c.slug} version ${c.version} is already exactly this: adding it changes nothing.`;
  return '';
}

function QuestionList(props: { items: { name: string; title: string; reason?: string }[]; empty: string }) {
  return (
    <Show when={props.items.length} fallback={<p>{props.empty}</p>}>
      <ul class="question-list">
        <For each={props.items}>
          {(q) => (
            <li>
              {q.title}
              <Show when={q.title !== q.name}>
                {' '}
                <code>{q.name}</code>
              </Show>
              <Show when={q.reason}>: {q.reason}</Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

function Summary(props: { check: CheckSummary; definition: Record<string, unknown> | null; busy: boolean; onAdd(): void }) {
  const c = () => props.check;
  return (
    <section class="check-result" aria-labelledby="check-result-heading">
      <h4 id="check-result-heading" tabindex="-1">
        The questionnaire can be used. {outcomeText(c())}
      </h4>
      <dl class="survey-facts">
        <div>
          <dt>Title</dt>
          <dd>{c().title}</dd>
        </div>
        <div>
          <dt>Pages</dt>
          <dd>{c().pages}</dd>
        </div>
        <div>
          <dt>Questions</dt>
          <dd>{c().questions}</dd>
        </div>
        <div>
          <dt>Question metadata</dt>
          <dd>{METADATA_SOURCE[c().metadata]}</dd>
        </div>
      </dl>
      <Show when={c().warnings.length}>
        <div class="banner" role="note" aria-labelledby="check-warnings-heading">
          <h5 id="check-warnings-heading">Look out for</h5>
          <ul>
            <For each={c().warnings}>{(w) => <li>{w}</li>}</For>
          </ul>
        </div>
      </Show>
      <div class="check-lists">
        <div>
          <h5>In the results report ({c().reported.length})</h5>
          <QuestionList items={c().reported} empty="None." />
        </div>
        <div>
          <h5>Offered as breakdowns ({c().breakdowns.length})</h5>
          <QuestionList items={c().breakdowns} empty="None." />
        </div>
        <Show when={c().notReported.length}>
          <div>
            <h5>Stored but not in the report ({c().notReported.length})</h5>
            <QuestionList items={c().notReported} empty="None." />
          </div>
        </Show>
      </div>
      <h4>As respondents will see it</h4>
      <p class="banner preview-banner" role="note">
        <strong>Preview: answers are not saved.</strong> Try it as a respondent would; "Complete" only shows the thank-you page.
      </p>
      <Show when={props.definition}>
        {(d) => (
          <div class="preview-frame">
            <Questionnaire definition={d()} mode="preview" />
          </div>
        )}
      </Show>
      <div class="actions">
        <button type="button" disabled={props.busy} onClick={() => props.onAdd()}>
          Add this questionnaire
        </button>
      </div>
    </section>
  );
}

export function AddSurveyView(props: AddSurveyViewProps) {
  const busy = () => props.progress !== null;
  return (
    <section class="card add-survey" id="add-survey" tabindex="-1" aria-labelledby="add-survey-heading">
      <h3 id="add-survey-heading">Add a questionnaire</h3>
      <p class="hint">
        Choose a SurveyJS questionnaire (.json, as saved from the SurveyJS Creator) and, if you have one, its question metadata (scales, headline groups such as
        "safe", police.uk crime types). It is checked before anything is stored, and you can try it as respondents will see it.
      </p>
      <Show when={props.formKey + 1} keyed>
        <form
          class="add-survey-form"
          onSubmit={(e) => {
            e.preventDefault();
            props.onCheck();
          }}
        >
          <div class="field">
            <label for="survey-file">Questionnaire file (SurveyJS JSON)</label>
            <input id="survey-file" type="file" accept=".json,application/json" onChange={(e) => props.onSurveyFile(e.currentTarget.files?.[0] ?? null)} />
          </div>
          <div class="field">
            <label for="meta-file">Question metadata file (optional)</label>
            <p class="hint" id="meta-file-hint">
              Without it the report shows each answer as worded, with no headline groups and no link to recorded crime.
            </p>
            <input
              id="meta-file"
              type="file"
              accept=".json,application/json"
              aria-describedby="meta-file-hint"
              onChange={(e) => props.onMetaFile(e.currentTarget.files?.[0] ?? null)}
            />
          </div>
          <div class="two-fields">
            <div class="field">
              <label for="survey-slug">Name in addresses</label>
              <p class="hint" id="survey-slug-hint">
                Lower-case letters, digits and hyphens. Respondents answer at /s/{props.slug || 'name'}.
              </p>
              <input
                id="survey-slug"
                type="text"
                autocomplete="off"
                spellcheck={false}
                aria-describedby="survey-slug-hint"
                value={props.slug}
                onInput={(e) => props.onSlug(e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="survey-audience">Audience</label>
              <p class="hint">Who answers it.</p>
              <select id="survey-audience" value={props.audience} onChange={(e) => props.onAudience(e.currentTarget.value as Audience)}>
                <For each={Object.entries(AUDIENCE_LABELS)}>{([value, label]) => <option value={value}>{label}</option>}</For>
              </select>
            </div>
          </div>
          <Show when={props.existing}>
            {(s) => (
              <div class="notice">
                <p>
                  A survey called <code>{s().slug}</code> exists ("{s().title}", version {s().version}). Adding this file replaces it with a new version;
                  responses already stored are kept.
                </p>
                <Show when={s().hasMetadata && !props.metaFile}>
                  <label class="choice" for="remove-metadata">
                    <input
                      id="remove-metadata"
                      type="checkbox"
                      checked={props.removeMetadata}
                      onChange={(e) => props.onRemoveMetadata(e.currentTarget.checked)}
                    />
                    Drop the question metadata stored with it (otherwise it is kept, if it fits)
                  </label>
                </Show>
              </div>
            )}
          </Show>
          <div class="actions">
            <button type="submit" disabled={busy()}>
              Check the questionnaire
            </button>
            <Show when={props.surveyFile}>
              {(f) => (
                <span class="hint">
                  {f().name} ({bytes(f().size)})<Show when={props.metaFile}>{(m) => ` with ${m().name}`}</Show>
                </span>
              )}
            </Show>
          </div>
        </form>
      </Show>
      <Progress state={props.progress} />
      <div id="add-survey-problem" tabindex="-1">
        <Show when={props.refusal}>
          {(r) => (
            <div role="alert" class="error refusal">
              <p>{leadOf(r())}</p>
              <Show when={r().problems.length}>
                <ul>
                  <For each={r().problems}>{(p) => <li>{p}</li>}</For>
                </ul>
              </Show>
              <p class="hint">Nothing was stored. Fix the file and check it again.</p>
            </div>
          )}
        </Show>
      </div>
      <div id="add-survey-done" tabindex="-1">
        <Status message={props.done} />
      </div>
      <Show when={props.check}>{(c) => <Summary check={c()} definition={props.definition} busy={busy()} onAdd={props.onAdd} />}</Show>
    </section>
  );
}

/** The message before the listed problems (the server's `error` ends with them, for readers of the JSON). */
function leadOf(r: { message: string; problems: string[] }): string {
  const tail = r.problems.join(' ');
  return r.problems.length && r.message.endsWith(tail) ? r.message.slice(0, r.message.length - tail.length).trim() : r.message;
}
