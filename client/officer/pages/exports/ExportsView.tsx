/**
 * The downloads page as a pure view: the wave, the options (breakdowns, a wave to compare with),
 * then one card per download with what is in it; the card of the download asked for shows its
 * progress ("Preparing…") and the outcome in words. Every download is recorded in the audit log.
 */
import { For, Show } from 'solid-js';
import type { OfficerSurvey } from '../../api';
import { DataNotices, PageHeading, Progress, Status, type ProgressState } from '../../components/feedback';
import { CompareWaveField } from '../../components/CompareWaveField';
import { WavePicker } from '../../components/WavePicker';
import { count } from '../../format';
import type { DownloadKind } from './types';
import './exports.css';

export const DOWNLOADS: Record<DownloadKind, { what: string; button: string; fallbackName: string; usesOptions: boolean }> = {
  'committee-open': { what: 'the committee report', button: 'Open the committee report', fallbackName: 'committee-report.html', usesOptions: true },
  'committee-html': { what: 'the committee report (HTML file)', button: 'Save it as an HTML file', fallbackName: 'committee-report.html', usesOptions: true },
  'committee-docx': {
    what: 'the committee report (Word document)',
    button: 'Download as a Word document (DOCX)',
    fallbackName: 'committee-report.docx',
    usesOptions: true,
  },
  'report-xlsx': { what: 'the report tables (XLSX)', button: 'Download the report tables (XLSX)', fallbackName: 'report.xlsx', usesOptions: true },
  'report-crosstabs': {
    what: 'the report as cross-tabs (XLSX)',
    button: 'Download as cross-tabs (XLSX)',
    fallbackName: 'report-crosstabs.xlsx',
    usesOptions: true,
  },
  'responses-csv': { what: 'the anonymised responses (CSV)', button: 'Download responses (CSV)', fallbackName: 'responses.csv', usesOptions: false },
  'responses-xlsx': { what: 'the anonymised responses (XLSX)', button: 'Download responses (XLSX)', fallbackName: 'responses.xlsx', usesOptions: false },
  'responses-sav': { what: 'the anonymised responses for SPSS', button: 'Download for SPSS (.sav)', fallbackName: 'responses.sav', usesOptions: false },
  'responses-r': {
    what: 'the anonymised responses for R',
    button: 'Download for R (CSV and labels.R, ZIP)',
    fallbackName: 'responses-r.zip',
    usesOptions: false,
  },
};

/** The columns of the responses files, in order (server/responses/export.ts). */
const RESPONSE_COLUMNS: [string, string][] = [
  ['id', 'a running number given when the reply was stored; it identifies the reply, not the person'],
  ['wave', 'the survey wave'],
  ['link', 'the label of the school or channel link the reply came through (blank for the open survey address)'],
  ['created_at', 'when the reply was stored'],
  ['status', 'complete or partial'],
  ['source', 'web, paper (keyed in), import (from a file) or demo'],
  ['synthetic', 'marked when the reply is made-up demo data'],
  ['survey_version', 'the version of the questionnaire answered'],
  ['design_weight', 'the weight from sampling (1 unless imported with one)'],
  ['weight', 'the analysis weight after weighting (blank until weighting has run, or when the reply was left out of it)'],
];

export interface ExportsViewProps {
  survey: OfficerSurvey | undefined;
  wave: string;
  /** The role may export (the page is only reachable then; kept for a clear message). */
  allowed: boolean;
  notices: (string | null | undefined)[];
  by: string[];
  compareWave: string;
  busy: DownloadKind | null;
  last: DownloadKind | null;
  progress: ProgressState | null;
  error: string | null;
  done: string | null;
  onToggleBy(name: string, on: boolean): void;
  onClearBy(): void;
  onCompareWave(wave: string): void;
  onDownload(kind: DownloadKind): void;
}

export function ExportsView(props: ExportsViewProps) {
  const ready = () => !!props.survey && !!props.wave && props.allowed;
  const waveInfo = () => props.survey?.waves.find((w) => w.name === props.wave);
  const titleOf = (name: string) => props.survey?.breakdowns.find((b) => b.name === name)?.title ?? name;

  function Button(p: { kind: DownloadKind; secondary?: boolean }) {
    return (
      <button type="button" class={p.secondary ? 'secondary' : undefined} disabled={!ready() || props.busy !== null} onClick={() => props.onDownload(p.kind)}>
        {props.busy === p.kind ? 'Preparing…' : DOWNLOADS[p.kind].button}
      </button>
    );
  }

  /** Progress and the outcome, in the card whose download was asked for. */
  function Outcome(p: { kinds: DownloadKind[] }) {
    const mine = () => props.last !== null && p.kinds.includes(props.last);
    return (
      <Show when={mine()}>
        <Progress state={props.progress} />
        <Show when={props.error}>
          <p class="error" role="alert" tabindex="-1">
            {props.error}
          </p>
        </Show>
        <Status message={props.done} />
      </Show>
    );
  }

  const optionsText = () => {
    const parts = [
      props.by.length
        ? `broken down by ${props.by
            .map(titleOf)
            .map((t) => `“${t}”`)
            .join(', ')}`
        : 'without breakdowns',
    ];
    parts.push(props.compareWave ? `with the change since ${props.compareWave}` : 'without a comparison wave');
    return parts.join(', ');
  };

  return (
    <div class="exports">
      <PageHeading intro="Spreadsheets of the results and of the anonymised responses, and the committee report to print or save as PDF. Every download is recorded in the audit log (who, when, which survey and wave, and the options).">
        Downloads and committee report
      </PageHeading>
      <WavePicker />
      <DataNotices notices={props.notices} />
      <Show when={!props.allowed}>
        <p class="error" role="alert">
          Your account can't download: it needs the analyst or admin role. Ask an admin.
        </p>
      </Show>

      <section class="card options" aria-labelledby="options-heading">
        <h3 id="options-heading">Options for the report tables and the committee report</h3>
        <p class="hint">The responses files always hold every reply of the wave; these options do not change them.</p>
        <fieldset class="breakdowns">
          <legend>Break the results down by (optional)</legend>
          <p class="hint" id="breakdowns-hint">
            Each breakdown adds a table per question, with the differences between groups tested (and adds a second or so to preparing the file).
            {props.by.length ? ` Chosen: ${props.by.length}.` : ''}
          </p>
          <div class="checks">
            <For each={props.survey?.breakdowns ?? []}>
              {(b) => (
                <div class="choice">
                  <input
                    type="checkbox"
                    id={`by-${b.name}`}
                    checked={props.by.includes(b.name)}
                    onChange={(e) => props.onToggleBy(b.name, e.currentTarget.checked)}
                    aria-describedby="breakdowns-hint"
                  />
                  <label for={`by-${b.name}`}>{b.title}</label>
                </div>
              )}
            </For>
          </div>
          <Show when={props.by.length}>
            <button type="button" class="secondary" onClick={() => props.onClearBy()}>
              Clear the breakdowns
            </button>
          </Show>
        </fieldset>
        <CompareWaveField
          id="export-compare"
          survey={props.survey}
          wave={props.wave}
          value={props.compareWave}
          hint="Adds the change since that wave for each answer, with whether it is significant after adjustment for multiple comparisons."
          onChange={props.onCompareWave}
        />
        <p class="chosen">
          <strong>Will be prepared:</strong> wave {props.wave || '–'} {optionsText()}.
        </p>
      </section>

      <section class="card download-card" aria-labelledby="committee-heading">
        <h3 id="committee-heading">Committee report (printable to PDF, or as a Word document)</h3>
        <p>
          The write-up for the Community Safety Partnership committee: method (sample, weighting, margin of error), key findings, charts and tables, with the
          options above. It <strong>opens in a new tab: use Print → Save as PDF</strong> there. It is laid out for A4 paper and its charts print. The Word
          document has the same sections, headings and tables, with the charts as pictures described in words, for officers to edit.
        </p>
        <div class="actions">
          <Button kind="committee-open" />
          <Button kind="committee-html" secondary />
          <Button kind="committee-docx" secondary />
        </div>
        <Outcome kinds={['committee-open', 'committee-html', 'committee-docx']} />
      </section>

      <section class="card download-card" aria-labelledby="tables-heading">
        <h3 id="tables-heading">Report tables (XLSX)</h3>
        <p>
          An Excel workbook with the options above: an About sheet (survey, wave, weighting, sample, margin of error, method and notices), then the weighted
          estimates with confidence intervals, the comparisons between groups, the tests of association and the changes between waves. Percentages are
          formatted; suppressed cells are empty with the reason beside them.
        </p>
        <p>
          <strong>As cross-tabs</strong>, to paste into your own documents: a sheet per question with its wording on top, a row per answer, and columns for all
          respondents and each group of the breakdowns chosen above, each with its 95% confidence interval and significance markers (the letters of the groups
          it is significantly higher than, or higher or lower than the rest of the sample); with a wave to compare with, the change since then and whether it is
          significant.
        </p>
        <div class="actions">
          <Button kind="report-xlsx" />
          <Button kind="report-crosstabs" secondary />
        </div>
        <Outcome kinds={['report-xlsx', 'report-crosstabs']} />
      </section>

      <section class="card download-card" aria-labelledby="responses-heading">
        <h3 id="responses-heading">Anonymised responses (CSV and XLSX)</h3>
        <p>
          One row per reply to wave {props.wave || '–'}
          {waveInfo() ? ` (${count(waveInfo()!.responses)} complete, and any partial ones)` : ''}. The survey collects no names, email addresses, IP addresses
          or browser details, so none can be in the file. The columns are:
        </p>
        <dl class="columns">
          <For each={RESPONSE_COLUMNS}>
            {([name, what]) => (
              <>
                <dt>
                  <code>{name}</code>
                </dt>
                <dd>{what}</dd>
              </>
            )}
          </For>
          <dt>then one column per question</dt>
          <dd>named as in the questionnaire, holding the answer codes (several choices of one question separated by “;”) and numbers.</dd>
          <dt>
            <code>last_page_reached</code>
          </dt>
          <dd>for a partial (unfinished) reply, the page of the questionnaire it last reached (1 for the first); blank otherwise.</dd>
        </dl>
        <div class="actions">
          <Button kind="responses-csv" />
          <Button kind="responses-xlsx" />
        </div>
        <Outcome kinds={['responses-csv', 'responses-xlsx']} />
      </section>

      <section class="card download-card" aria-labelledby="analysts-heading">
        <h3 id="analysts-heading">Anonymised responses for SPSS and R</h3>
        <p>
          The same replies, labelled for statistics packages: each question's wording is its variable's label, and answers chosen from a list are numbered 1, 2,
          … in questionnaire order with the choice texts as value labels; a question allowing several choices has a yes/no column per option.
        </p>
        <ul>
          <li>
            <strong>SPSS</strong>: a <code>.sav</code> file (UTF-8) that SPSS, PSPP and R's <code>haven</code> open with the labels.
          </li>
          <li>
            <strong>R</strong>: a ZIP of the coded <code>responses.csv</code>, <code>labels.R</code> (run <code>source("labels.R")</code> to read it with the
            choice texts as factor levels and the wording as labels; base R only) and a <code>README.txt</code>.
          </li>
        </ul>
        <div class="actions">
          <Button kind="responses-sav" />
          <Button kind="responses-r" />
        </div>
        <Outcome kinds={['responses-sav', 'responses-r']} />
      </section>

      <p class="audit-note">
        Every download is recorded in the audit log with your account, the time, the survey and wave, and the options chosen. Admins can read the log on the
        Accounts page.
      </p>
    </div>
  );
}
