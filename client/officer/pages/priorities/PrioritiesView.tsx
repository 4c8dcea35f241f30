/**
 * The priorities page as a pure view: the assessment year chosen, the criteria weights (a form for
 * analysts and admins, a list for others), the ranked list, and each theme with the evidence the
 * data supports, a 1–5 choice per criterion with what each score means, and who scored it when.
 */
import { createEffect, createMemo, For, Show } from 'solid-js';
import { DataNotices, ErrorAlert, PageHeading, Status } from '../../components/feedback';
import type { FormError, Matrix, MatrixCriterion, MatrixRow, ScoresChange, WeightsChange } from './types';
import { MAX_WEIGHT, parseWeight, scoredCount, scoreText, ukDateTime } from './words';

export interface PrioritiesViewProps {
  year: string;
  data: Matrix | null;
  loadError: string | null;
  canScore: boolean;
  /** 'weights', a theme's key, or null. */
  saving: string | null;
  formError: FormError | null;
  status: string | null;
  onYear(year: string): void;
  onScores(body: ScoresChange, label: string): void;
  onWeights(body: WeightsChange): void;
  onFormError(error: FormError | null): void;
}

/** An error of a form, announced and given the focus so it is read and can be acted on. */
function FormAlert(props: { error: FormError | null; form: string }) {
  let box: HTMLDivElement | undefined;
  const message = () => (props.error?.form === props.form ? props.error.message : null);
  createEffect(() => {
    if (message()) queueMicrotask(() => box?.focus());
  });
  return (
    <Show when={message()}>
      <div class="error" role="alert" tabindex="-1" ref={box}>
        <p>{message()}</p>
      </div>
    </Show>
  );
}

function YearForm(props: { year: string; years: string[]; error: FormError | null; onYear(y: string): void; onError(e: FormError | null): void }) {
  return (
    <form
      class="priorities-year"
      onSubmit={(e) => {
        e.preventDefault();
        const value = String(new FormData(e.currentTarget).get('year') ?? '').trim();
        if (!/^(19|20)\d\d$/.test(value)) return props.onError({ form: 'year', message: 'Enter the assessment year as four digits, for example 2026.' });
        props.onError(null);
        props.onYear(value);
      }}
    >
      <label for="priorities-year">Assessment year</label>
      <p class="hint" id="priorities-year-hint">
        <Show when={props.years.length} fallback="No year has been saved yet.">
          Years saved: {props.years.join(', ')}.
        </Show>
      </p>
      <div class="inline">
        <input
          id="priorities-year"
          name="year"
          inputmode="numeric"
          autocomplete="off"
          list="priorities-years"
          size="6"
          value={props.year}
          aria-describedby="priorities-year-hint"
        />
        <datalist id="priorities-years">
          <For each={props.years}>{(y) => <option value={y} />}</For>
        </datalist>
        <button type="submit">Show the year</button>
      </div>
      <FormAlert error={props.error} form="year" />
    </form>
  );
}

function RankedList(props: { data: Matrix }) {
  return (
    <section aria-labelledby="ranked-heading">
      <h3 id="ranked-heading">Ranked list, {props.data.year}</h3>
      <p class="hint">{props.data.method}</p>
      <div class="table-scroll">
        <table class="data priorities-ranked">
          <caption>Themes in order of priority (1 is the highest)</caption>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Theme</th>
              <th scope="col" class="num">
                Weighted score
              </th>
              <For each={props.data.criteria}>
                {(c) => (
                  <th scope="col" class="num">
                    {c.label}
                  </th>
                )}
              </For>
              <th scope="col">Last scored</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.data.rows}>
              {(row) => (
                <tr>
                  <td>{row.rank ?? 'Not ranked'}</td>
                  <th scope="row">
                    <a href={`#theme-${row.theme}`}>{row.label}</a>
                  </th>
                  <td class="num">
                    {row.score === null
                      ? scoredCount(Object.values(row.scores).filter((s) => s !== null).length, props.data.criteria.length)
                      : scoreText(row.score)}
                  </td>
                  <For each={props.data.criteria}>{(c) => <td class="num">{row.scores[c.key] ?? '–'}</td>}</For>
                  <td>{row.scoredAt ? `${row.scoredBy ?? 'a removed account'}, ${ukDateTime(row.scoredAt)}` : '–'}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Weights(props: {
  data: Matrix;
  canScore: boolean;
  saving: boolean;
  error: FormError | null;
  onWeights(b: WeightsChange): void;
  onError(e: FormError | null): void;
}) {
  const setBy = () =>
    props.data.weightsSetAt
      ? `Set by ${props.data.weightsSetBy ?? 'a removed account'} on ${ukDateTime(props.data.weightsSetAt)}.`
      : 'The default weights (1 each): not changed yet.';
  return (
    <section aria-labelledby="weights-heading">
      <h3 id="weights-heading">Criteria weights</h3>
      <p class="hint">{setBy()}</p>
      <Show
        when={props.canScore}
        fallback={
          <ul class="priorities-weights-list">
            <For each={props.data.criteria}>
              {(c) => (
                <li>
                  <strong>{c.label}</strong>: weight {c.weight}. {c.guidance}
                </li>
              )}
            </For>
          </ul>
        }
      >
        <form
          class="priorities-weights"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const weights: Record<string, number> = {};
            for (const c of props.data.criteria) {
              const w = parseWeight(String(form.get(`weight-${c.key}`) ?? ''), MAX_WEIGHT);
              if (w === null)
                return props.onError({ form: 'weights', message: `Enter a weight from 0 to ${MAX_WEIGHT} for ${c.label} (0 leaves it out of the ranking).` });
              weights[c.key] = w;
            }
            props.onError(null);
            props.onWeights({ weights });
          }}
        >
          <fieldset>
            <legend>How much each criterion counts (0 to {MAX_WEIGHT})</legend>
            <div class="weights-grid">
              <For each={props.data.criteria}>
                {(c) => (
                  <div class="field">
                    <label for={`weight-${c.key}`}>{c.label}</label>
                    <p class="hint" id={`weight-${c.key}-hint`}>
                      {c.guidance}
                    </p>
                    <input
                      id={`weight-${c.key}`}
                      name={`weight-${c.key}`}
                      inputmode="decimal"
                      autocomplete="off"
                      size="4"
                      value={String(c.weight)}
                      aria-describedby={`weight-${c.key}-hint`}
                    />
                  </div>
                )}
              </For>
            </div>
          </fieldset>
          <FormAlert error={props.error} form="weights" />
          <button type="submit" disabled={props.saving}>
            {props.saving ? 'Saving the weights…' : 'Save the weights'}
          </button>
        </form>
      </Show>
    </section>
  );
}

function CriterionChoice(props: { row: MatrixRow; criterion: MatrixCriterion }) {
  const c = () => props.criterion;
  const cell = () => props.row.cells[c().key];
  const name = () => `score-${props.row.theme}-${c().key}`;
  return (
    <fieldset class="criterion">
      <legend>
        {c().label} for {props.row.label}
      </legend>
      <p class="hint">
        <Show when={cell()} fallback="Not scored yet.">
          {(x) => `Scored ${x().score} by ${x().by ?? 'a removed account'} on ${ukDateTime(x().at)}.`}
        </Show>
      </p>
      <div class="levels">
        <For each={c().levels}>
          {(level, i) => (
            <div class="level">
              <input type="radio" id={`${name()}-${i() + 1}`} name={name()} value={i() + 1} checked={props.row.scores[c().key] === i() + 1} />
              <label for={`${name()}-${i() + 1}`}>
                <strong>{i() + 1}</strong> – {level}
              </label>
            </div>
          )}
        </For>
      </div>
    </fieldset>
  );
}

function ScoresReadOnly(props: { row: MatrixRow; criteria: MatrixCriterion[] }) {
  return (
    <dl class="scores-read">
      <For each={props.criteria}>
        {(c) => {
          const cell = () => props.row.cells[c.key];
          return (
            <>
              <dt>{c.label}</dt>
              <dd>
                <Show when={cell()} fallback="Not scored yet.">
                  {(x) => `${x().score} – ${c.levels[x().score - 1]} (scored by ${x().by ?? 'a removed account'} on ${ukDateTime(x().at)})`}
                </Show>
              </dd>
            </>
          );
        }}
      </For>
    </dl>
  );
}

function Theme(props: {
  row: MatrixRow;
  data: Matrix;
  canScore: boolean;
  saving: boolean;
  error: FormError | null;
  onScores(b: ScoresChange, label: string): void;
  onError(e: FormError | null): void;
}) {
  const row = () => props.row;
  const summary = () =>
    row().rank !== null && row().score !== null
      ? `ranked ${row().rank}, weighted score ${scoreText(row().score as number)}`
      : scoredCount(Object.values(row().scores).filter((s) => s !== null).length, props.data.criteria.length);
  return (
    <section class="theme" id={`theme-${row().theme}`} aria-labelledby={`theme-${row().theme}-heading`}>
      <h4 id={`theme-${row().theme}-heading`}>
        {row().label} <span class="theme-summary">({summary()})</span>
      </h4>
      <h5>What the data says</h5>
      <ul class="evidence">
        <For each={row().evidence}>{(e) => <li>{e}</li>}</For>
      </ul>
      <Show when={props.canScore} fallback={<ScoresReadOnly row={row()} criteria={props.data.criteria} />}>
        <details class="score-form">
          <summary>Score {row().label}</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              const scores: Record<string, number> = {};
              for (const c of props.data.criteria) {
                const v = form.get(`score-${row().theme}-${c.key}`);
                if (v !== null) scores[c.key] = Number(v);
              }
              if (!Object.keys(scores).length)
                return props.onError({ form: row().theme, message: `Choose a score from 1 to 5 for at least one criterion of ${row().label}, then save.` });
              props.onError(null);
              props.onScores({ theme: row().theme, scores }, row().label);
            }}
          >
            <p class="hint">5 is the highest priority on every criterion. A theme is ranked once all five are scored.</p>
            <For each={props.data.criteria}>{(c) => <CriterionChoice row={row()} criterion={c} />}</For>
            <FormAlert error={props.error} form={row().theme} />
            <button type="submit" disabled={props.saving}>
              {props.saving ? `Saving the scores for ${row().label}…` : `Save the scores for ${row().label}`}
            </button>
          </form>
        </details>
      </Show>
    </section>
  );
}

export function PrioritiesView(props: PrioritiesViewProps) {
  // Themes in a steady order (by name) with a stable key, so a save that re-ranks them keeps the
  // officer's place, focus and open forms.
  const themes = createMemo(
    () =>
      props.data
        ? props.data.rows
            .map((r) => ({ theme: r.theme, label: r.label }))
            .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'))
            .map((r) => r.theme)
        : [],
    undefined,
    {
      equals: (a, b) => a.join() === b.join(),
    },
  );
  const rowOf = (theme: string) => props.data?.rows.find((r) => r.theme === theme);
  return (
    <>
      <PageHeading
        intro={
          <>
            Score each crime and anti-social behaviour theme 1 to 5 on threat, risk, harm, vulnerability and the partnership's capacity gap, with the evidence
            the data holds beside it. Nothing is scored for you: a theme is ranked once an officer has scored every criterion.
          </>
        }
      >
        Priorities
      </PageHeading>
      <YearForm year={props.year} years={props.data?.years ?? []} error={props.formError} onYear={props.onYear} onError={props.onFormError} />
      <ErrorAlert message={props.loadError} />
      <Status message={props.status} />
      <Show when={!props.data && !props.loadError}>
        <p role="status">Loading the priority matrix for {props.year} (this can take a few seconds)…</p>
      </Show>
      <Show when={props.data}>
        {(d) => (
          <>
            <DataNotices notices={d().notices} />
            <Show when={!props.canScore}>
              <p class="hint">Your role may read the matrix; analysts and admins score it and set the weights.</p>
            </Show>
            <Weights
              data={d()}
              canScore={props.canScore}
              saving={props.saving === 'weights'}
              error={props.formError}
              onWeights={props.onWeights}
              onError={props.onFormError}
            />
            <RankedList data={d()} />
            <section aria-labelledby="themes-heading">
              <h3 id="themes-heading">Themes and their evidence</h3>
              <For each={themes()}>
                {(theme) => (
                  <Show when={rowOf(theme)}>
                    {(row) => (
                      <Theme
                        row={row()}
                        data={d()}
                        canScore={props.canScore}
                        saving={props.saving === theme}
                        error={props.formError}
                        onScores={props.onScores}
                        onError={props.onFormError}
                      />
                    )}
                  </Show>
                )}
              </For>
            </section>
          </>
        )}
      </Show>
    </>
  );
}
