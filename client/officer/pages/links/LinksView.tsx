/**
 * The links page as a pure view: the wave's links (answers, cap, expiry, state in words, the
 * address with a copy button, the QR code, poster and QR download), a form to change a link's
 * expiry or cap, a form to create a link, and a warning when the wave takes no answers.
 */
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import type { OfficerSurvey } from '../../api';
import { ErrorAlert, PageHeading, Progress, Status } from '../../components/feedback';
import { WavePicker } from '../../components/WavePicker';
import { count, utcDay as day } from '../../format';
import { followLink } from '../../router';
import type { CreateForm, EditForm, FormError, OfficerLink, WaveLinks } from './types';
import { answersText, KIND_WORDS, qrFileName, STATE_WORDS, today, tomorrow } from './format';

export interface LinksViewProps {
  survey: OfficerSurvey | undefined;
  wave: string;
  data: WaveLinks | null;
  loading: boolean;
  loadError: string | null;
  status: string | null;
  creating: boolean;
  createError: FormError | null;
  editing: string | null;
  saving: boolean;
  editError: FormError | null;
  /** Focus this link's "Change expiry or cap" button (after its form closed); a new object each time. */
  returnFocus: { token: string } | null;
  qrUrl(token: string): string;
  posterUrl(token: string): string;
  /** Resolves true when the link was created (the form is then emptied). */
  onCreate(form: CreateForm): Promise<boolean>;
  onEdit(token: string | null): void;
  onSave(link: OfficerLink, form: EditForm): void;
  onEnd(link: OfficerLink): void;
  /** Deletes a link that has taken no answers. */
  onDelete(link: OfficerLink): void;
  onCopy(link: OfficerLink, select: () => void): void;
}

/** An error paragraph that takes the focus when it appears, so it is read and seen at once. */
function FocusedError(props: { id: string; error: FormError | null }) {
  let el: HTMLParagraphElement | undefined;
  createEffect(
    on(
      () => props.error,
      (e) => {
        if (e) queueMicrotask(() => el?.focus());
      },
    ),
  );
  return (
    <Show when={props.error}>
      <p class="error" role="alert" id={props.id} tabindex="-1" ref={el}>
        {props.error!.message}
      </p>
    </Show>
  );
}

function WaveWarning(props: { data: WaveLinks }) {
  return (
    <Show when={!props.data.wave.takingAnswers}>
      <div class="banner wave-warning" role="note" aria-label="The links do not work now">
        <p>
          <strong>These links do not work at the moment.</strong> {props.data.wave.closedReason} Anyone who opens a link is told the survey is not taking
          answers. You can still create links and print posters in advance; open the wave on the{' '}
          <a
            href={`/officer/surveys?survey=${encodeURIComponent(props.data.survey.slug)}&wave=${encodeURIComponent(props.data.wave.name)}`}
            onClick={followLink}
          >
            Surveys page
          </a>{' '}
          so they take answers.
        </p>
      </div>
    </Show>
  );
}

function EditRow(props: {
  link: OfficerLink;
  saving: boolean;
  error: FormError | null;
  onSave: LinksViewProps['onSave'];
  onEnd: LinksViewProps['onEnd'];
  onDelete: LinksViewProps['onDelete'];
  onCancel(): void;
}) {
  const id = (what: string) => `edit-${what}-${props.link.token}`;
  /** Which irreversible step waits for a second press: ending or deleting the link. */
  const [confirming, setConfirming] = createSignal<'end' | 'delete' | null>(null);
  let confirmBox: HTMLDivElement | undefined;
  const ask = (what: 'end' | 'delete') => {
    setConfirming(what);
    queueMicrotask(() => confirmBox?.focus());
  };
  const invalid = (field: string) => props.error?.field === field;
  let first: HTMLInputElement | undefined;
  queueMicrotask(() => first?.focus());
  return (
    <tr class="edit-row">
      <td colspan="5">
        <form
          class="edit-link"
          aria-labelledby={id('heading')}
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            props.onSave(props.link, { expires: String(f.get('expires') ?? ''), max: String(f.get('max') ?? '') });
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') props.onCancel();
          }}
        >
          <h3 id={id('heading')}>Change the link for {props.link.label}</h3>
          <FocusedError id={id('error')} error={props.error} />
          <div class="edit-fields">
            <div class="field">
              <label for={id('expires')}>Stops working on</label>
              <p class="hint" id={id('expires-hint')}>
                The link is refused from the start of this day. Empty: no expiry.
              </p>
              <input
                ref={first}
                id={id('expires')}
                name="expires"
                type="date"
                min={today()}
                value={props.link.expiresAt?.slice(0, 10) ?? ''}
                aria-describedby={`${id('expires-hint')}${invalid('expires') ? ` ${id('error')}` : ''}`}
                aria-invalid={invalid('expires') || undefined}
              />
            </div>
            <div class="field">
              <label for={id('max')}>Cap (most answers)</label>
              <p class="hint" id={id('max-hint')}>
                {props.link.kind === 'single' ? 'A single-use link takes one answer.' : `Empty: no cap. It has taken ${count(props.link.responses)} so far.`}
              </p>
              <input
                id={id('max')}
                name="max"
                type="number"
                min={Math.max(1, props.link.responses)}
                step="1"
                inputmode="numeric"
                value={props.link.maxResponses ?? ''}
                disabled={props.link.kind === 'single'}
                aria-describedby={`${id('max-hint')}${invalid('max') ? ` ${id('error')}` : ''}`}
                aria-invalid={invalid('max') || undefined}
              />
            </div>
          </div>
          <div class="actions">
            <button type="submit" disabled={props.saving}>
              {props.saving ? 'Saving…' : 'Save changes'}
            </button>
            <Show when={props.link.state !== 'expired'}>
              <button type="button" class="danger" disabled={props.saving} aria-expanded={confirming() === 'end'} onClick={() => ask('end')}>
                End this link now
              </button>
            </Show>
            <Show when={props.link.responses === 0}>
              <button type="button" class="danger" disabled={props.saving} aria-expanded={confirming() === 'delete'} onClick={() => ask('delete')}>
                Delete this link
              </button>
            </Show>
            <button type="button" class="secondary" disabled={props.saving} onClick={() => props.onCancel()}>
              Cancel
            </button>
          </div>
          <Show when={confirming()}>
            {(what) => (
              <div class="confirm-box" role="group" aria-labelledby={id('confirm')} tabindex="-1" ref={confirmBox}>
                <p id={id('confirm')}>
                  {what() === 'end'
                    ? `End the link for ${props.link.label} now? Anyone who opens it from now on is told it has closed. ${props.link.responses === 1 ? 'The 1 answer it has taken is kept.' : `The ${count(props.link.responses)} answers it has taken are kept.`}`
                    : `Delete the link for ${props.link.label}? It has taken no answers. Its address, QR code and posters stop working and it cannot be brought back.`}
                </p>
                <div class="actions">
                  <button
                    type="button"
                    class="danger"
                    disabled={props.saving}
                    onClick={() => (what() === 'end' ? props.onEnd(props.link) : props.onDelete(props.link))}
                  >
                    {what() === 'end' ? 'Yes, end the link' : 'Yes, delete the link'}
                  </button>
                  <button type="button" class="secondary" disabled={props.saving} onClick={() => setConfirming(null)}>
                    No, keep it
                  </button>
                </div>
              </div>
            )}
          </Show>
        </form>
      </td>
    </tr>
  );
}

function LinkRows(props: { link: OfficerLink; slug: string; wave: string; view: LinksViewProps }) {
  const l = () => props.link;
  const v = props.view;
  let address: HTMLElement | undefined;
  const selectAddress = () => {
    if (!address) return;
    const range = document.createRange();
    range.selectNodeContents(address);
    const sel = window.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
  };
  const editing = () => v.editing === l().token;
  return (
    <>
      <tr class={`link-row state-${l().state.replace(' ', '-')}`} data-token={l().token}>
        <th scope="row" class="link-main">
          <span class="link-label">{l().label}</span>
          <span class="hint">{KIND_WORDS[l().kind] ?? l().kind}</span>
          <code class="link-address" ref={address}>
            {l().url}
          </code>
          <button type="button" class="secondary small" onClick={() => v.onCopy(l(), selectAddress)}>
            Copy address<span class="visually-hidden"> for {l().label}</span>
          </button>
        </th>
        <td class="num">{answersText(l().responses, l().maxResponses)}</td>
        <td>
          <span class="expiry">{l().expiresAt ? day(l().expiresAt!) : 'No expiry'}</span>
          <button
            type="button"
            class="secondary small"
            id={`change-${l().token}`}
            aria-expanded={editing()}
            onClick={() => v.onEdit(editing() ? null : l().token)}
          >
            Change expiry or cap<span class="visually-hidden"> for {l().label}</span>
          </button>
        </td>
        <td>
          <strong class={`state state-${l().state.replace(' ', '-')}`}>{STATE_WORDS[l().state] ?? l().state}</strong>
          <span class="state-reason">{l().stateReason}</span>
        </td>
        <td class="link-share">
          <img class="qr" src={v.qrUrl(l().token)} alt={`QR code for ${l().url}`} width="112" height="112" />
          <a href={v.posterUrl(l().token)} target="_blank" rel="noopener">
            Poster (A4, opens in a new tab)<span class="visually-hidden">, {l().label}</span>
          </a>
          <a href={v.qrUrl(l().token)} download={qrFileName(props.slug, props.wave, l().label)}>
            Download QR (SVG)<span class="visually-hidden">, {l().label}</span>
          </a>
        </td>
      </tr>
      <Show when={editing()}>
        <EditRow link={l()} saving={v.saving} error={v.editError} onSave={v.onSave} onEnd={v.onEnd} onDelete={v.onDelete} onCancel={() => v.onEdit(null)} />
      </Show>
    </>
  );
}

function LinksTable(props: { data: WaveLinks; view: LinksViewProps }) {
  return (
    <Show
      when={props.data.links.length}
      fallback={
        <p class="card">
          {props.data.survey.title}, wave {props.data.wave.name}, has no links yet. Create one below: one for each school, or for each channel (a newsletter, a
          library, social media) you want to count separately.
        </p>
      }
    >
      <div class="table-scroll">
        <table class="data links-table">
          <caption>
            Links for {props.data.survey.title}, wave {props.data.wave.name} ({props.data.links.length})
          </caption>
          <thead>
            <tr>
              <th scope="col">Link and address</th>
              <th scope="col" class="num">
                Answers / cap
              </th>
              <th scope="col">Stops working on</th>
              <th scope="col">State</th>
              <th scope="col">QR code and poster</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.data.links}>{(link) => <LinkRows link={link} slug={props.data.survey.slug} wave={props.data.wave.name} view={props.view} />}</For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}

function CreateLinkForm(props: { view: LinksViewProps }) {
  const v = props.view;
  const invalid = (field: string) => v.createError?.field === field;
  const describedBy = (hint: string, field: string) => `${hint}${invalid(field) ? ' create-error' : ''}`;
  return (
    <form
      class="card create-link"
      aria-labelledby="create-heading"
      onSubmit={async (e) => {
        e.preventDefault();
        const formEl = e.currentTarget;
        const f = new FormData(formEl);
        const ok = await v.onCreate({
          label: String(f.get('label') ?? ''),
          kind: String(f.get('kind') ?? 'school') as CreateForm['kind'],
          expires: String(f.get('expires') ?? ''),
          max: String(f.get('max') ?? ''),
        });
        if (ok) formEl.reset();
      }}
    >
      <h3 id="create-heading">Create a link</h3>
      <FocusedError id="create-error" error={v.createError} />
      <div class="create-fields">
        <div class="field wide">
          <label for="link-label">Label</label>
          <p class="hint" id="link-label-hint">
            The school or channel, e.g. the school's name. Pupils see it (“Taking part through: …”) and it is printed on the poster.
          </p>
          <input
            id="link-label"
            name="label"
            type="text"
            maxLength={120}
            autocomplete="off"
            aria-describedby={describedBy('link-label-hint', 'label')}
            aria-invalid={invalid('label') || undefined}
          />
        </div>
        <div class="field">
          <label for="link-kind">Kind</label>
          <p class="hint" id="link-kind-hint">
            Single use takes one answer.
          </p>
          <select id="link-kind" name="kind" aria-describedby={describedBy('link-kind-hint', 'kind')} aria-invalid={invalid('kind') || undefined}>
            <option value="school">School</option>
            <option value="channel">Channel (newsletter, library, social media…)</option>
            <option value="single">Single use</option>
          </select>
        </div>
        <div class="field">
          <label for="link-expires">Stops working on (optional)</label>
          <p class="hint" id="link-expires-hint">
            Refused from the start of this day. Empty: works while the wave is open.
          </p>
          <input
            id="link-expires"
            name="expires"
            type="date"
            min={tomorrow()}
            aria-describedby={describedBy('link-expires-hint', 'expires')}
            aria-invalid={invalid('expires') || undefined}
          />
        </div>
        <div class="field">
          <label for="link-max">Cap (optional)</label>
          <p class="hint" id="link-max-hint">
            The most answers it takes, e.g. the number of pupils.
          </p>
          <input
            id="link-max"
            name="max"
            type="number"
            min="1"
            step="1"
            inputmode="numeric"
            aria-describedby={describedBy('link-max-hint', 'max')}
            aria-invalid={invalid('max') || undefined}
          />
        </div>
      </div>
      <button type="submit" disabled={v.creating || !v.survey || !v.wave}>
        {v.creating ? 'Creating…' : 'Create link'}
      </button>
    </form>
  );
}

export function LinksView(props: LinksViewProps) {
  // Back to the button that opened a form once it has closed (the rows are drawn anew after a save).
  createEffect(
    on(
      () => props.returnFocus,
      (r) => {
        if (r) queueMicrotask(() => document.getElementById(`change-${r.token}`)?.focus());
      },
    ),
  );
  return (
    <>
      <PageHeading intro="Give each school, and each channel you want to count apart, its own link: returns are then counted by link. Share the address or the QR code, or print the A4 poster for a school.">
        Links and posters
      </PageHeading>
      <WavePicker />
      <Status message={props.status} />
      <ErrorAlert message={props.loadError} />
      <Progress state={props.loading && !props.data ? { label: 'Loading the links' } : null} />
      <Show when={!props.survey?.waves.length && props.survey}>
        <p class="card">This survey has no waves yet. Create a wave on the Surveys page first; links belong to a wave.</p>
      </Show>
      <Show when={props.data}>
        {(data) => (
          <>
            <WaveWarning data={data()} />
            <LinksTable data={data()} view={props} />
            <CreateLinkForm view={props} />
          </>
        )}
      </Show>
    </>
  );
}
