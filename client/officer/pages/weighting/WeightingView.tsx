/**
 * The weighting page as a pure view: the latest run's method and diagnostics in plain words
 * (with the notices its figures need), and, for roles that may run weighting, the form: targets
 * (population table or an uploaded margins file, explained with an example), what to do with
 * respondents without a target, optional trimming, Run with progress, and the outcome.
 */
import { createEffect, createMemo, For, onCleanup, Show } from 'solid-js';
import { DataNotices, PageHeading, Progress, Status, type ProgressState } from '../../components/feedback';
import { WavePicker } from '../../components/WavePicker';
import { count, dateTime, pct } from '../../format';
import type { LatestRun, PopulationTargets, WeightingForm } from './types';
import { diagnosticsInWords, methodText, unmatchedText, variableName } from './weighting-words';

export interface WeightingViewProps {
  wave: string;
  latest: LatestRun;
  latestLoading: boolean;
  latestError: string | null;
  canRun: boolean;
  targets: PopulationTargets | null;
  targetsError: string | null;
  form: WeightingForm;
  onForm(change: Partial<WeightingForm>): void;
  running: boolean;
  progress: ProgressState | null;
  runError: string | null;
  done: string | null;
  onRun(): void;
}

const EXAMPLE = `variable,category,target
sex,female,79081
sex,male,72507
age_band,18-24,15094
age_band,25-34,24155
ward,E05004982,3401`;

/** An error announced at once, with the keyboard focus moved to it so it is read and can be acted on. */
function FocusedAlert(props: { message: string | null; hint?: string | null }) {
  let box: HTMLDivElement | undefined;
  createEffect(() => {
    if (props.message) queueMicrotask(() => box?.focus());
  });
  return (
    <Show when={props.message}>
      <div class="error run-error" role="alert" tabindex="-1" ref={box}>
        <p>{props.message}</p>
        <Show when={props.hint}>
          <p class="error-hint">{props.hint}</p>
        </Show>
      </div>
    </Show>
  );
}

function LatestRunView(props: { run: NonNullable<LatestRun> }) {
  const run = () => props.run;
  const variables = () => run().margins.margins.map((m) => m.variable);
  const excluded = () => run().margins.excluded ?? 0;
  const items = () => diagnosticsInWords(run().diagnostics, run().method, excluded());
  const targetCount = () => run().margins.margins.reduce((a, m) => a + m.categories.length, 0);
  return (
    <div class="latest-run">
      <p class="run-method" id="run-method">
        {methodText(run().method, variables(), run().margins.bounds)}, run {dateTime(run().createdAt)}. Respondents without a target:{' '}
        {unmatchedText(run().margins)}.
      </p>
      <DataNotices notices={[run().syntheticNotice, run().illustrativeNotice]} />
      <Show when={run().diagnostics.boundsNotice}>
        <p class="warn bounds-notice" id="bounds-notice">
          <strong>Bounds not met.</strong> {run().diagnostics.boundsNotice}
        </p>
      </Show>
      <dl class="diagnostics" id="diagnostics">
        <For each={items()}>
          {(d) => (
            <div>
              <dt>{d.name}</dt>
              <dd>
                <strong class="figure">{d.value}</strong>
                <span class="meaning">{d.meaning}</span>
              </dd>
            </div>
          )}
        </For>
      </dl>
      <details class="targets-used">
        <summary>
          Targets used ({count(targetCount())} categories in {count(variables().length)} {variables().length === 1 ? 'variable' : 'variables'})
        </summary>
        <For each={run().margins.margins}>
          {(m) => {
            const total = m.targets.reduce((a, b) => a + b, 0);
            return (
              <div class="table-scroll">
                <table class="data">
                  <caption>{variableName(m.variable)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Category</th>
                      <th scope="col" class="num">
                        Target
                      </th>
                      <th scope="col" class="num">
                        Share
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={m.categories}>
                      {(c, i) => (
                        <tr>
                          <th scope="row">{c}</th>
                          <td class="num">{count(m.targets[i()])}</td>
                          <td class="num">{pct(m.targets[i()] / total)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            );
          }}
        </For>
      </details>
    </div>
  );
}

/** What the population table would give, in words, under its radio button. */
function PopulationOption(props: { targets: PopulationTargets | null; error: string | null }) {
  const t = () => props.targets;
  return (
    <div class="hint option-detail" id="population-detail">
      <Show when={props.error}>
        <p>The population targets could not be checked: {props.error}</p>
      </Show>
      <Show when={t()}>
        {(t) => (
          <Show when={t().available} fallback={<p>{t().reason}</p>}>
            <p>
              Adults by{' '}
              {t()
                .variables.map((v) => `${variableName(v.variable)} (${count(v.categories)} ${v.categories === 1 ? 'category' : 'categories'})`)
                .join(', ')}
              : {count(t().total)} people in all. Several variables are raked: the weights are adjusted in turn until every margin matches.
            </p>
            <Show when={t().notAsked.length}>
              <p class="warn">
                This questionnaire does not ask {t().notAsked.map(variableName).join(', ')}, so the population table cannot weight it: upload a margins file
                whose variables are its questions instead.
              </p>
            </Show>
            <Show when={t().match && !t().notAsked.length}>
              <p>
                {count(t().match!.respondents)} complete responses;{' '}
                {t().match!.unmatched
                  ? `${count(t().match!.unmatched)} have no target for what they answered (${t().match!.detail}).`
                  : 'every one has a target.'}
              </p>
            </Show>
          </Show>
        )}
      </Show>
    </div>
  );
}

function MarginsFile(props: { targets: PopulationTargets | null; file: File | null; onFile(file: File | null): void }) {
  // The population margins as a file to start from (revoked when it changes or the page goes).
  const starter = createMemo(() => {
    const csv = props.targets?.available ? props.targets.csv : '';
    if (!csv) return null;
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    onCleanup(() => URL.revokeObjectURL(url));
    return url;
  });
  return (
    <div class="option-detail margins-file">
      <label for="margins-file">Margins file (CSV)</label>
      <p class="hint" id="margins-format">
        One row per category, with the columns <code>variable,category,target</code>. The variable is a question's name (e.g. <code>sex</code>,{' '}
        <code>age_band</code>, <code>ward</code>); the category is an answer's value as stored (ward codes for wards); the target is how many people in the
        population have it. One variable means post-stratification; several mean raking. A joint cell is written <code>sex:age_band</code> with categories such
        as <code>female:18-24</code>. To keep respondents who answered e.g. “prefer not to say”, give that answer (or <code>not_stated</code> for no answer) its
        own row.
      </p>
      <p class="visually-hidden">Example margins file:</p>
      <pre class="example">{EXAMPLE}</pre>
      <Show when={starter()}>
        <p>
          <a href={starter()!} download="population-margins.csv" id="population-margins-download">
            Download the current population margins (CSV)
          </a>{' '}
          to start from: edit it in a spreadsheet and upload it here.
          <Show when={props.targets?.illustrative}> These figures are ILLUSTRATIVE (made up, not ONS data).</Show>
        </p>
      </Show>
      <input
        id="margins-file"
        type="file"
        accept=".csv,text/csv"
        aria-describedby="margins-format"
        onChange={(e) => props.onFile(e.currentTarget.files?.[0] ?? null)}
      />
      <Show when={props.file}>
        <p class="hint">
          Chosen: {props.file!.name} ({count(props.file!.size)} bytes)
        </p>
      </Show>
    </div>
  );
}

function RunForm(props: WeightingViewProps) {
  const f = () => props.form;
  const t = () => props.targets;
  const populationUsable = () => !!t()?.available && !t()?.notAsked.length;
  const errorHint = () =>
    props.runError && /no weighting target/.test(props.runError)
      ? 'On this page: choose “Keep them” or “Leave them out of the weighted results” under Respondents without a target, or add rows for those categories to your margins file.'
      : null;
  return (
    <section class="run-weighting" aria-labelledby="run-heading">
      <h3 id="run-heading">Run weighting</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onRun();
        }}
      >
        <fieldset>
          <legend>Targets</legend>
          <label class="choice" for="source-population">
            <input
              type="radio"
              id="source-population"
              name="source"
              value="population"
              checked={f().source === 'population'}
              disabled={!populationUsable()}
              aria-describedby="population-detail"
              onChange={() => props.onForm({ source: 'population' })}
            />
            The population table
          </label>
          <PopulationOption targets={t()} error={props.targetsError} />
          <Show when={f().source === 'population' && t()?.illustrativeNotice}>
            <DataNotices notices={[t()!.illustrativeNotice]} />
          </Show>
          <label class="choice" for="source-margins">
            <input
              type="radio"
              id="source-margins"
              name="source"
              value="margins"
              checked={f().source === 'margins'}
              onChange={() => props.onForm({ source: 'margins' })}
            />
            A margins file you upload
          </label>
          <Show when={f().source === 'margins'}>
            <MarginsFile targets={t()} file={f().file} onFile={(file) => props.onForm({ file })} />
            <label class="choice" for="margins-illustrative">
              <input
                type="checkbox"
                id="margins-illustrative"
                checked={f().illustrative}
                aria-describedby="margins-illustrative-hint"
                onChange={(e) => props.onForm({ illustrative: e.currentTarget.checked })}
              />
              These targets are made up (illustrative)
            </label>
            <p class="hint option-detail" id="margins-illustrative-hint">
              Tick this for demonstration or training figures: every result, export and report weighted to them then says they are illustrative.
            </p>
          </Show>
        </fieldset>

        <fieldset>
          <legend>Respondents without a target</legend>
          <p class="hint">
            Someone who did not answer a weighting question, or gave an answer the targets do not include (e.g. “prefer not to say”), has no target.
          </p>
          <label class="choice" for="unmatched-impute">
            <input
              type="radio"
              id="unmatched-impute"
              name="unmatched"
              value="impute"
              checked={f().unmatched === 'impute'}
              aria-describedby="unmatched-impute-hint"
              onChange={() => props.onForm({ unmatched: 'impute' })}
            />
            Keep them, placed in a weighting category by imputation
          </label>
          <p class="hint option-detail" id="unmatched-impute-hint">
            For weighting only, each is placed in the most common category among respondents with the same answers to the other weighting questions (ties go to
            the first category; with no such respondents, the most common overall). Their answers are unchanged; how many were placed is reported.
          </p>
          <label class="choice" for="unmatched-error">
            <input
              type="radio"
              id="unmatched-error"
              name="unmatched"
              value="error"
              checked={f().unmatched === 'error'}
              aria-describedby="unmatched-error-hint"
              onChange={() => props.onForm({ unmatched: 'error' })}
            />
            Stop and tell me who they are
          </label>
          <p class="hint option-detail" id="unmatched-error-hint">
            Nothing is weighted; the message lists the answers without a target, so you can add targets for them.
          </p>
          <label class="choice" for="unmatched-exclude">
            <input
              type="radio"
              id="unmatched-exclude"
              name="unmatched"
              value="exclude"
              checked={f().unmatched === 'exclude'}
              aria-describedby="unmatched-exclude-hint"
              onChange={() => props.onForm({ unmatched: 'exclude' })}
            />
            Leave them out of the weighted results
          </label>
          <p class="hint option-detail" id="unmatched-exclude-hint">
            Their answers stay stored but get no weight, so the results describe only respondents with a target; how many were left out is reported.
          </p>
        </fieldset>

        <fieldset>
          <legend>Method</legend>
          <label class="choice" for="method-rake">
            <input
              type="radio"
              id="method-rake"
              name="method"
              value="rake"
              checked={f().method === 'rake'}
              aria-describedby="method-rake-hint"
              onChange={() => props.onForm({ method: 'rake' })}
            />
            Raking
          </label>
          <p class="hint option-detail" id="method-rake-hint">
            The weights are adjusted to each margin in turn until all match (post-stratification when there is one). Optional trimming below.
          </p>
          <label class="choice" for="method-linear">
            <input
              type="radio"
              id="method-linear"
              name="method"
              value="linear"
              checked={f().method === 'linear'}
              aria-describedby="method-linear-hint"
              onChange={() => props.onForm({ method: 'linear' })}
            />
            Linear calibration (GREG), bounded when bounds are given
          </label>
          <p class="hint option-detail" id="method-linear-hint">
            As R's <code>calibrate(…, calfun = "linear", bounds = c(L, U))</code>; leave both bounds blank for unbounded GREG.
          </p>
          <label class="choice" for="method-logit">
            <input
              type="radio"
              id="method-logit"
              name="method"
              value="logit"
              checked={f().method === 'logit'}
              aria-describedby="method-logit-hint"
              onChange={() => props.onForm({ method: 'logit' })}
            />
            Logit calibration within bounds
          </label>
          <p class="hint option-detail" id="method-logit-hint">
            As R's <code>calibrate(…, calfun = "logit", bounds = c(L, U))</code>: every weight stays strictly within the bounds.
          </p>
          <Show when={f().method !== 'rake'}>
            <p class="hint" id="bounds-hint">
              Bounds are on each weight divided by its design weight (R's g-weights), with the design weights first scaled to the population total: when every
              response starts equal, they are multiples of the average weight. If the margins cannot be met within them, the run says so.
            </p>
            <div class="caps">
              <div class="field">
                <label for="bounds-lower">Lower bound (times the design weight)</label>
                <input
                  id="bounds-lower"
                  type="text"
                  inputmode="decimal"
                  value={f().boundsLower}
                  aria-describedby="bounds-hint"
                  onInput={(e) => props.onForm({ boundsLower: e.currentTarget.value })}
                />
              </div>
              <div class="field">
                <label for="bounds-upper">Upper bound (times the design weight)</label>
                <input
                  id="bounds-upper"
                  type="text"
                  inputmode="decimal"
                  value={f().boundsUpper}
                  aria-describedby="bounds-hint"
                  onInput={(e) => props.onForm({ boundsUpper: e.currentTarget.value })}
                />
              </div>
            </div>
          </Show>
        </fieldset>

        <Show when={f().method === 'rake'}>
          <fieldset>
            <legend>Trimming (optional)</legend>
            <p class="hint">Caps stop a few respondents carrying too much of the result. The weights are raked to the targets again after trimming.</p>
            <div class="caps">
              <div class="field">
                <label for="trim-upper">Upper cap (times the average weight)</label>
                <p class="hint" id="trim-upper-hint">
                  Above 1, e.g. 5. Blank: no cap.
                </p>
                <input
                  id="trim-upper"
                  type="text"
                  inputmode="decimal"
                  value={f().trimUpper}
                  aria-describedby="trim-upper-hint"
                  onInput={(e) => props.onForm({ trimUpper: e.currentTarget.value })}
                />
              </div>
              <div class="field">
                <label for="trim-lower">Lower cap (fraction of the average weight)</label>
                <p class="hint" id="trim-lower-hint">
                  Between 0 and 1, e.g. 0.2. Blank: no cap.
                </p>
                <input
                  id="trim-lower"
                  type="text"
                  inputmode="decimal"
                  value={f().trimLower}
                  aria-describedby="trim-lower-hint"
                  onInput={(e) => props.onForm({ trimLower: e.currentTarget.value })}
                />
              </div>
            </div>
            <label class="choice" for="trim-repeat">
              <input
                type="checkbox"
                id="trim-repeat"
                checked={f().trimRepeat}
                aria-describedby="trim-repeat-hint"
                onChange={(e) => props.onForm({ trimRepeat: e.currentTarget.checked })}
              />
              Repeat until every weight is within the caps
            </label>
            <p class="hint option-detail" id="trim-repeat-hint">
              Trim and rake again, up to 50 times. Raking can push weights back past a cap; the result says how many are still outside.
            </p>
          </fieldset>
        </Show>

        <div class="actions">
          <button type="submit" disabled={props.running || !props.wave}>
            {props.running ? 'Weighting…' : 'Run weighting'}
          </button>
        </div>
        <Progress state={props.progress} />
        <FocusedAlert message={props.runError} hint={errorHint()} />
      </form>
    </section>
  );
}

export function WeightingView(props: WeightingViewProps) {
  return (
    <>
      <PageHeading intro="Weighting makes the replies add up to the population (by sex, age band, ward…), so groups that replied less count for more. The diagnostics say what that costs in precision.">
        Weighting
      </PageHeading>
      <WavePicker />
      <section class="latest" aria-labelledby="latest-heading">
        <h3 id="latest-heading">Latest weighting run{props.wave ? ` for wave ${props.wave}` : ''}</h3>
        <Show when={props.latestError}>
          <p class="error" role="alert">
            {props.latestError}
          </p>
        </Show>
        <Status message={props.done} />
        <Show
          when={props.latest}
          fallback={
            <Show when={!props.latestLoading && !props.latestError}>
              <p id="not-weighted">
                This wave has not been weighted yet: its results use the design weights only (each response counts the same, unless it was imported with a
                weight).
              </p>
            </Show>
          }
        >
          {(run) => <LatestRunView run={run()} />}
        </Show>
        <Show when={props.latestLoading && !props.latest}>
          <p>Loading the latest run…</p>
        </Show>
      </section>
      <Show
        when={props.canRun}
        fallback={<p class="hint viewer-note">Running weighting needs an analyst or admin account; you can see the latest run and its diagnostics.</p>}
      >
        <RunForm {...props} />
      </Show>
    </>
  );
}
