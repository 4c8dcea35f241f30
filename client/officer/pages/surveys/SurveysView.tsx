/**
 * The surveys page as a pure view: one card per survey (title, audience, version, metadata, a
 * preview link) with the table of its waves; for admins, open/close buttons that ask first, a
 * dates form and a new-wave form; the retention period with a warning of responses due for
 * deletion (and, for admins, its form); below them the Translations section the page gives. Everything it does is a callback to the page.
 */
import { Index, type JSX, onMount, Show, untrack } from 'solid-js';
import { ErrorAlert, PageHeading, Status } from '../../components/feedback';
import { count, utcDay as day } from '../../format';
import { followLink } from '../../router';
import { AUDIENCE_LABELS } from './format';
import type { Feedback, OfficerSurvey, Pending, Wave, WaveDates } from './types';

export interface SurveysViewProps {
  surveys: OfficerSurvey[];
  loading: boolean;
  error: string | null;
  canManageWaves: boolean;
  /** Show the link to the add-a-questionnaire form below the list. */
  canAddSurveys: boolean;
  pending: Pending | null;
  editing: { slug: string; wave: string } | null;
  busy: boolean;
  feedback: Feedback | null;
  onAsk(p: Pending): void;
  onCancel(): void;
  onConfirm(p: Pending): void;
  /** Show the dates form for a wave ('' hides it). */
  onEditDates(slug: string, wave: string): void;
  onSaveDates(slug: string, wave: string, dates: WaveDates): void;
  /** Resolves to true when the wave was created (the form is then emptied). */
  onCreateWave(slug: string, name: string, dates: WaveDates): Promise<boolean>;
  /** Show the retention period form and save it (admins; months as typed, '' for none). */
  canSetRetention: boolean;
  onSaveRetention(slug: string, months: string): void;
  /** A questionnaire's Translations section (its own data part, given by the page; made once per card, so it keeps its state when the list is fetched again). */
  translations?(survey: () => OfficerSurvey): JSX.Element;
}

function statusText(w: Wave): string {
  if (w.status === 'draft') return 'Draft: not open yet';
  if (w.status === 'closed') return 'Closed';
  return w.notTakingAnswers ? 'Open, but not taking answers:' : 'Open: taking answers';
}

function DateCell(props: { iso: string | null }) {
  return (
    <td class="date">
      <Show when={props.iso} fallback={<span class="none-yet">no date</span>}>
        {(iso) => <time datetime={iso().slice(0, 10)}>{day(iso())}</time>}
      </Show>
    </td>
  );
}

const datesOf = (form: HTMLFormElement): WaveDates => {
  const data = new FormData(form);
  return { opens: String(data.get('opens') ?? ''), closes: String(data.get('closes') ?? '') };
};

function Confirm(props: { pending: Pending; busy: boolean; onConfirm(): void; onCancel(): void }) {
  const p = () => props.pending;
  let yes!: HTMLButtonElement;
  // The question is read out and the answer is one key press away.
  onMount(() => setTimeout(() => yes?.focus(), 0));
  const opening = () => p().status === 'open';
  const window = () => {
    const from = p().opens ? ` from ${day(p().opens!)}` : '';
    const until = p().closes ? `${from ? ',' : ''} and close on ${day(p().closes!)}` : ' until you close it';
    return `It will take answers${from}${until}.`;
  };
  return (
    <div class="confirm" role="group" aria-labelledby={`confirm-${p().slug}`}>
      <p id={`confirm-${p().slug}`} class="confirm-question">
        {opening() ? `Open wave ${p().wave} of ${p().title}?` : `Close wave ${p().wave} of ${p().title}?`}
      </p>
      <Show
        when={opening()}
        fallback={
          <p>Respondents will no longer be able to answer it, through the survey's address or its school and channel links. You can open it again later.</p>
        }
      >
        <p>{window()}</p>
        <p>
          <Show when={p().openNow} fallback={'No other wave of this survey is open.'}>
            <strong>
              Wave {p().openNow} is open now and will be closed: it stops taking answers, and its links stop working. Only one wave of a survey takes answers at
              a time.
            </strong>
          </Show>
        </p>
      </Show>
      <div class="actions">
        <button type="button" class={opening() ? '' : 'danger'} disabled={props.busy} onClick={() => props.onConfirm()} ref={yes}>
          {props.busy ? 'Saving…' : opening() ? `Yes, open wave ${p().wave}` : `Yes, close wave ${p().wave}`}
        </button>
        <button type="button" class="secondary" disabled={props.busy} onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function DatesForm(props: { slug: string; wave: Wave; busy: boolean; onSave(d: WaveDates): void; onCancel(): void }) {
  const id = (what: string) => `${what}-${props.slug}-${props.wave.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  onMount(() => setTimeout(() => document.getElementById(id('opens'))?.focus(), 0));
  return (
    <form
      class="choose wave-form"
      aria-labelledby={id('dates-heading')}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(datesOf(e.currentTarget));
      }}
    >
      <h4 id={id('dates-heading')}>Dates of wave {props.wave.name}</h4>
      <p class="hint">
        Leave a date empty to clear it. The wave takes answers from the start of its opening day, and stops when its closing day begins (UK midnight in winter,
        1 a.m. in summer).
      </p>
      <div class="field">
        <label for={id('opens')}>Opens on</label>
        <input id={id('opens')} name="opens" type="date" value={props.wave.opensAt?.slice(0, 10) ?? ''} />
      </div>
      <div class="field">
        <label for={id('closes')}>Closes on</label>
        <input id={id('closes')} name="closes" type="date" value={props.wave.closesAt?.slice(0, 10) ?? ''} />
      </div>
      <div class="actions">
        <button type="submit" disabled={props.busy}>
          {props.busy ? 'Saving…' : 'Save dates'}
        </button>
        <button type="button" class="secondary" disabled={props.busy} onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function NewWaveForm(props: { slug: string; title: string; busy: boolean; onCreate(name: string, d: WaveDates): Promise<boolean> }) {
  const id = (what: string) => `new-wave-${what}-${props.slug}`;
  return (
    <form
      class="choose wave-form"
      aria-labelledby={id('heading')}
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const name = String(new FormData(form).get('name') ?? '').trim();
        if (await props.onCreate(name, datesOf(form))) form.reset();
      }}
    >
      <h4 id={id('heading')}>New wave of {props.title}</h4>
      <p class="hint">A new wave starts as a draft: open it when it should take answers. The dates are optional.</p>
      <div class="field">
        <label for={id('name')}>Wave name</label>
        <input id={id('name')} name="name" type="text" required maxLength={40} placeholder="e.g. 2027" autocomplete="off" />
      </div>
      <div class="field">
        <label for={id('opens')}>Opens on</label>
        <input id={id('opens')} name="opens" type="date" />
      </div>
      <div class="field">
        <label for={id('closes')}>Closes on</label>
        <input id={id('closes')} name="closes" type="date" />
      </div>
      <button type="submit" disabled={props.busy}>
        {props.busy ? 'Saving…' : 'Create wave'}
      </button>
    </form>
  );
}

/** The retention period: what it is, a warning when responses fall due within 30 days, and (admins) the form to change it. */
function Retention(props: { survey: OfficerSurvey; canSet: boolean; busy: boolean; onSave(months: string): void }) {
  const id = (what: string) => `retention-${what}-${props.survey.slug}`;
  const r = () => props.survey.retention;
  return (
    <>
      <Show when={r().due}>
        {(due) => (
          <div class="banner retention-warning" role="note" aria-label={`Responses of ${props.survey.title} due for deletion`}>
            <p>
              <strong>{due().message}</strong> They are deleted for good, by the sweep that runs every hour; export them first if they are still needed, or
              lengthen the period.
            </p>
          </div>
        )}
      </Show>
      <Show when={props.canSet}>
        <form
          class="choose retention-form"
          aria-labelledby={id('heading')}
          onSubmit={(e) => {
            e.preventDefault();
            props.onSave(String(new FormData(e.currentTarget).get('months') ?? '').trim());
          }}
        >
          <h4 id={id('heading')}>Retention period of {props.survey.title}</h4>
          <div class="field">
            <label for={id('months')}>Keep each response for (months)</label>
            <p class="hint" id={id('hint')}>
              Responses older than this are deleted automatically, and the deletion is kept in the audit log. Empty: kept until deleted by hand.
            </p>
            <input
              id={id('months')}
              name="months"
              type="number"
              min="1"
              max="600"
              step="1"
              inputmode="numeric"
              value={r().months ?? ''}
              aria-describedby={id('hint')}
            />
          </div>
          <button type="submit" disabled={props.busy}>
            {props.busy ? 'Saving…' : 'Save retention period'}
          </button>
        </form>
      </Show>
    </>
  );
}

function SurveyCard(props: { survey: OfficerSurvey } & Omit<SurveysViewProps, 'surveys' | 'loading' | 'error'>) {
  const s = () => props.survey;
  const openNow = () => s().waves.find((w) => w.status === 'open')?.name ?? null;
  const mine = <T extends { slug: string }>(x: T | null) => (x && x.slug === s().slug ? x : null);
  const editingWave = () => {
    const e = mine(props.editing);
    return e ? s().waves.find((w) => w.name === e.wave) : undefined;
  };
  const ask = (w: Wave, status: 'open' | 'closed') =>
    props.onAsk({
      slug: s().slug,
      title: s().title,
      wave: w.name,
      status,
      openNow: openNow() === w.name ? null : openNow(),
      opens: w.opensAt,
      closes: w.closesAt,
    });
  return (
    <section class="card survey-card" aria-labelledby={`survey-${s().slug}`}>
      <div class="survey-head">
        <h3 id={`survey-${s().slug}`}>{s().title}</h3>
        <a class="preview-link" href={`/officer/surveys/preview?survey=${encodeURIComponent(s().slug)}`} onClick={followLink}>
          Preview the questionnaire<span class="visually-hidden"> {s().title}</span>
        </a>
      </div>
      <dl class="survey-facts">
        <div>
          <dt>Name in addresses</dt>
          <dd>
            <code>{s().slug}</code>
          </dd>
        </div>
        <div>
          <dt>Audience</dt>
          <dd>{AUDIENCE_LABELS[s().audience]}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>{s().version}</dd>
        </div>
        <div>
          <dt>Question metadata</dt>
          <dd>{s().hasMetadata ? 'Yes (scales, headline groups, crime types)' : 'None: results show each answer as worded'}</dd>
        </div>
        <div>
          <dt>Retention</dt>
          <dd class="retention-text">{s().retention.description}</dd>
        </div>
        <div>
          <dt>Respondents answer at</dt>
          <dd>
            <a href={`/s/${encodeURIComponent(s().slug)}`} target="_blank" rel="noopener">
              /s/{s().slug}
              <span class="visually-hidden"> (opens in a new tab)</span>
            </a>
          </dd>
        </div>
      </dl>

      <div id={`feedback-${s().slug}`} tabindex="-1" class="feedback">
        <Show when={mine(props.feedback)} keyed>
          {(f) => (f.kind === 'ok' ? <Status message={f.message} /> : <ErrorAlert message={f.message} />)}
        </Show>
      </div>

      <Retention survey={s()} canSet={props.canSetRetention} busy={props.busy} onSave={(m) => props.onSaveRetention(s().slug, m)} />

      <Show when={s().waves.length} fallback={<p>No waves yet{props.canManageWaves ? ': create one below.' : '.'}</p>}>
        <div class="table-scroll">
          <table class="data waves">
            <caption>Waves of {s().title}</caption>
            <thead>
              <tr>
                <th scope="col">Wave</th>
                <th scope="col">Status</th>
                <th scope="col">Opens</th>
                <th scope="col">Closes</th>
                <th scope="col" class="num">
                  Responses
                </th>
                <Show when={props.canManageWaves}>
                  <th scope="col">Change</th>
                </Show>
              </tr>
            </thead>
            <tbody>
              <Index each={s().waves}>
                {(w) => (
                  <tr classList={{ 'is-open': w().status === 'open' && !w().notTakingAnswers, 'is-waiting': w().status === 'open' && !!w().notTakingAnswers }}>
                    <th scope="row">{w().name}</th>
                    <td class="status-cell">
                      <span class={`wave-status ${w().status}${w().notTakingAnswers ? ' waiting' : ''}`}>{statusText(w())}</span>
                      <Show when={w().notTakingAnswers}>{(why) => <span class="status-why"> {why()}</span>}</Show>
                    </td>
                    <DateCell iso={w().opensAt} />
                    <DateCell iso={w().closesAt} />
                    <td class="num">{count(w().responses)}</td>
                    <Show when={props.canManageWaves}>
                      <td class="wave-actions">
                        <button
                          type="button"
                          class={w().status === 'open' ? 'secondary' : ''}
                          disabled={props.busy}
                          aria-label={`${w().status === 'open' ? 'Close' : 'Open'} wave ${w().name}`}
                          onClick={() => ask(w(), w().status === 'open' ? 'closed' : 'open')}
                        >
                          {w().status === 'open' ? 'Close' : 'Open'}
                        </button>
                        <button
                          type="button"
                          class="secondary"
                          disabled={props.busy}
                          aria-label={`Dates of wave ${w().name}`}
                          onClick={() => props.onEditDates(s().slug, w().name)}
                        >
                          Dates
                        </button>
                      </td>
                    </Show>
                  </tr>
                )}
              </Index>
            </tbody>
          </table>
        </div>
      </Show>

      <Show when={mine(props.pending)} keyed>
        {(p) => <Confirm pending={p} busy={props.busy} onConfirm={() => props.onConfirm(p)} onCancel={props.onCancel} />}
      </Show>
      <Show when={editingWave()} keyed>
        {(w) => (
          <DatesForm
            slug={s().slug}
            wave={w}
            busy={props.busy}
            onSave={(d) => props.onSaveDates(s().slug, w.name, d)}
            onCancel={() => props.onEditDates(s().slug, '')}
          />
        )}
      </Show>
      <Show when={props.canManageWaves}>
        <NewWaveForm slug={s().slug} title={s().title} busy={props.busy} onCreate={(name, d) => props.onCreateWave(s().slug, name, d)} />
      </Show>
      {untrack(() => props.translations?.(s))}
    </section>
  );
}

export function SurveysView(props: SurveysViewProps) {
  return (
    <>
      <PageHeading
        intro={
          props.canManageWaves
            ? 'Each questionnaire with its waves (fielding periods). Open a wave to take answers: only one wave of a survey is open at a time.'
            : 'Each questionnaire with its waves (fielding periods) and the responses received. Preview a questionnaire as respondents see it.'
        }
      >
        Surveys and waves
      </PageHeading>
      <Show when={props.canAddSurveys}>
        <p>
          <a href="#add-survey">Add a questionnaire</a> (at the end of the page)
        </p>
      </Show>
      <ErrorAlert message={props.error ? `The surveys could not be loaded: ${props.error}` : null} />
      <Show when={props.loading && !props.surveys.length}>
        <p role="status">Loading the surveys…</p>
      </Show>
      <Show when={!props.loading && !props.error && !props.surveys.length}>
        <p>No questionnaires yet.</p>
      </Show>
      <Index each={props.surveys}>{(s) => <SurveyCard survey={s()} {...props} />}</Index>
    </>
  );
}
