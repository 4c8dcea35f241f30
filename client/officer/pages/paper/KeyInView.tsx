/** Keying in one paper form: its reference, the questionnaire as respondents see it, the forms done so far. */
import { createEffect, For, on, Show } from 'solid-js';
import type { SurveyModel } from 'survey-core';
import { Status } from '../../components/feedback';
import { Questionnaire, type EntryOutcome } from '../../questionnaire/Questionnaire';
import type { PaperForm, SessionEntry } from './types';

export interface KeyInViewProps {
  form: PaperForm;
  questionnaire: { key: string; definition: Record<string, unknown> } | null;
  reference: string;
  onReference(value: string): void;
  status: string | null;
  error: { message: string; details: string[]; focus: 'reference' | 'alert' | 'none' } | null;
  session: SessionEntry[];
  onComplete(answers: Record<string, unknown>): Promise<EntryOutcome>;
}

const time = (d: Date) => d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The button says what happens here (the questions themselves are exactly the respondents'). */
function forOfficers(model: SurveyModel) {
  model.completeText = 'Save this paper form';
}

export function KeyInView(props: KeyInViewProps) {
  // A refusal is announced and the cursor goes where the fix is.
  createEffect(
    on(
      () => props.error,
      (e) => {
        if (!e || e.focus === 'none') return;
        setTimeout(() => document.getElementById(e.focus === 'reference' ? 'form-reference' : 'key-in-error')?.focus(), 0);
      },
    ),
  );
  return (
    <section class="paper-section" aria-labelledby="key-in-heading">
      <h3 id="key-in-heading">Key in a paper form</h3>
      <p class="hint">
        Type the number written on the form (if it has one), then answer the questions as the respondent did, and press “Save this paper form” at the end. Leave
        a question empty if the respondent did. Each form is stored once, however often the button is pressed.
      </p>
      <div class="field paper-reference">
        <label for="form-reference">Form reference (optional)</label>
        <p class="hint" id="form-reference-hint">
          The number written on the paper form. Keying the same number twice in wave {props.form.wave.name} stores the form only once.
        </p>
        <input
          id="form-reference"
          type="text"
          inputmode="text"
          autocomplete="off"
          maxLength={props.form.maxReferenceLength}
          aria-describedby="form-reference-hint"
          aria-invalid={props.error?.focus === 'reference' ? 'true' : undefined}
          value={props.reference}
          onInput={(e) => props.onReference(e.currentTarget.value)}
        />
      </div>
      <Show when={props.error}>
        {(e) => (
          <div class="error" role="alert" id="key-in-error" tabindex="-1">
            <p>{e().message}</p>
            <Show when={e().details.length}>
              <ul>
                <For each={e().details}>{(d) => <li>{d}</li>}</For>
              </ul>
            </Show>
          </div>
        )}
      </Show>
      <Status message={props.status} />
      <div class="paper-entry">
        <div class="paper-form">
          <Show when={props.questionnaire} keyed>
            {(q) => <Questionnaire definition={q.definition} mode="entry" onComplete={props.onComplete} onReady={forOfficers} />}
          </Show>
        </div>
        <aside class="paper-session" aria-labelledby="session-heading">
          <h4 id="session-heading">Keyed in this session</h4>
          <Show when={props.session.length} fallback={<p class="hint">No forms yet. Each form you save is listed here.</p>}>
            <div class="table-scroll">
              <table class="data">
                <caption>
                  {props.session.length} {props.session.length === 1 ? 'form' : 'forms'}, newest first
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Form</th>
                    <th scope="col" class="num">
                      Response
                    </th>
                    <th scope="col">Outcome</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={props.session}>
                    {(s) => (
                      <tr>
                        <th scope="row">{s.reference ?? <span class="suppressed">no number</span>}</th>
                        <td class="num">{s.id}</td>
                        <td>
                          {s.outcome === 'saved' ? 'Saved' : 'Already keyed in: stored once'} <span class="hint">at {time(s.at)}</span>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </aside>
      </div>
    </section>
  );
}
