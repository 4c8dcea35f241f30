/**
 * The council's details as respondents see them (the privacy notice of every questionnaire and
 * the top of the respondent pages), drawn: a form of the name, contacts and data protection
 * officer, and the logo (PNG or SVG, up to 200 KB).
 */
import { Show } from 'solid-js';
import type { CouncilDetails, CouncilForm } from './types';

export interface CouncilViewProps {
  details: CouncilDetails | null;
  saving: boolean;
  error: string | null;
  status: string | null;
  onSave(form: CouncilForm): void;
  onLogo(file: File): void;
}

const FIELDS: [keyof CouncilForm, string, string, string][] = [
  ['councilName', 'Council name', 'text', 'As respondents should read it: it is named as holding the answers.'],
  ['contactEmail', 'Contact e-mail', 'email', 'For questions about the survey and the answers.'],
  ['contactPhone', 'Contact phone', 'tel', ''],
  ['postalAddress', 'Postal address', 'text', ''],
  ['dpoContact', 'Data protection officer', 'text', 'An e-mail address, or how to reach them.'],
];

export function CouncilView(props: CouncilViewProps) {
  return (
    <section class="card council-settings" aria-labelledby="council-heading">
      <h2 id="council-heading">Council details and privacy notice</h2>
      <p>
        Every questionnaire's privacy notice (<code>/s/&lt;survey&gt;/privacy</code>, linked from its first and last pages) names the council and gives these
        contacts.
      </p>
      <Show when={props.details} fallback={<p>Loading the council's details…</p>}>
        {(d) => (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              props.onSave(Object.fromEntries(FIELDS.map(([k]) => [k, String(f.get(k) ?? '')])) as unknown as CouncilForm);
            }}
          >
            {FIELDS.map(([key, label, type, hint]) => (
              <div class="field">
                <label for={`council-${key}`}>{label}</label>
                {hint && (
                  <p class="hint" id={`council-${key}-hint`}>
                    {hint}
                  </p>
                )}
                <input id={`council-${key}`} name={key} type={type} value={d()[key] ?? ''} aria-describedby={hint ? `council-${key}-hint` : undefined} />
              </div>
            ))}
            <button type="submit" class="primary" disabled={props.saving}>
              {props.saving ? 'Saving…' : 'Save the council details'}
            </button>
          </form>
        )}
      </Show>
      <div class="field">
        <label for="council-logo">Logo (PNG or SVG, up to 200 KB)</label>
        <input
          id="council-logo"
          type="file"
          accept="image/png,image/svg+xml"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) props.onLogo(file);
          }}
        />
        <Show when={props.details?.logo}>{(src) => <img class="council-logo-preview" src={src()} alt="The council's logo as saved" />}</Show>
      </div>
      <Show when={props.error}>
        <p class="error" role="alert">
          {props.error}
        </p>
      </Show>
      <Show when={props.status}>
        <p role="status">{props.status}</p>
      </Show>
    </section>
  );
}
