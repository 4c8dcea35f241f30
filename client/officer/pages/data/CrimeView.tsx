/** Recorded crime as a pure view: the months stored, adding police.uk files, the import report. */
import { createEffect, For, Show } from 'solid-js';
import { ErrorAlert, Progress, Status } from '../../components/feedback';
import { bytes, count } from '../../format';
import { list, monthName, plural, reportSentences, unmappedExplanation, type CrimeImportReport, type StoredCrime } from './words';

export interface FileUpload {
  file: File;
  status: 'waiting' | 'uploading' | 'uploaded' | 'refused';
  sent: number;
  id?: string;
  error?: string;
}

export interface CrimeViewProps {
  stored: StoredCrime | null;
  storedError: string | null;
  files: FileUpload[];
  phase: 'choosing' | 'uploading' | 'importing' | 'done';
  report: CrimeImportReport | null;
  error: string | null;
  status: string | null;
  /** How far the running import has got (polled), once the server has said */
  importing?: { file: string | null; fileIndex: number; fileCount: number; rowsRead: number; bytesRead: number; totalBytes: number } | null;
  onChoose(files: FileList | null): void;
  onStart(): void;
}

function StoredMonths(props: { stored: StoredCrime }) {
  const months = () => props.stored.months;
  return (
    <Show when={months().length} fallback={<p>No recorded crime is stored yet. Add the police.uk files for the months you want to compare with the survey.</p>}>
      <p>
        {plural(months().length, 'month')} stored, {plural(props.stored.crimes, 'crime')} in all, counted in the borough's {props.stored.wardsInLookup} wards.
      </p>
      <p class="latest-month">Latest month of recorded crime held: {monthName(months()[months().length - 1].month)}.</p>
      <div class="table-scroll">
        <table class="data">
          <caption>Recorded crime stored, by month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" class="num">
                Crimes
              </th>
              <th scope="col" class="num">
                Wards with crime
              </th>
              <th scope="col" class="num">
                Crime types
              </th>
              <th scope="col">Imported from</th>
            </tr>
          </thead>
          <tbody>
            <For each={months()}>
              {(m) => (
                <tr>
                  <th scope="row">{monthName(m.month)}</th>
                  <td class="num">{count(m.crimes)}</td>
                  <td class="num">{m.wards}</td>
                  <td class="num">{m.crimeTypes}</td>
                  <td class="file-names">{m.files.join(', ')}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}

function FileRow(props: { u: FileUpload }) {
  const state = () => {
    const u = props.u;
    if (u.status === 'waiting') return 'Waiting';
    if (u.status === 'uploading') return `Uploading: ${Math.round((100 * u.sent) / Math.max(1, u.file.size))}% (${bytes(u.sent)} of ${bytes(u.file.size)})`;
    if (u.status === 'uploaded') return 'Uploaded';
    return `Refused: ${u.error}`;
  };
  return (
    <li class={`upload upload-${props.u.status}`}>
      <span class="upload-name">
        {props.u.file.name} <span class="hint">({bytes(props.u.file.size)})</span>
      </span>
      <progress
        max={Math.max(1, props.u.file.size)}
        value={props.u.status === 'uploaded' ? props.u.file.size : props.u.sent}
        aria-label={`Upload of ${props.u.file.name}`}
      />
      <span class="upload-state">{state()}</span>
    </li>
  );
}

function Report(props: { report: CrimeImportReport }) {
  const r = () => props.report;
  return (
    <section class="card import-report" aria-labelledby="import-report">
      <h4 id="import-report" tabindex="-1">
        Import report
      </h4>
      <ul>
        <For each={reportSentences(r())}>{(s) => <li>{s}</li>}</For>
      </ul>
      <Show
        when={unmappedExplanation(r())}
        fallback={
          <Show when={r().imported}>
            <p>Every LSOA code of the borough in the files was found in the ward lookup: no crime of the borough was left out.</p>
          </Show>
        }
      >
        {(text) => (
          <div class="banner" role="note" aria-label="Crimes not counted in any ward">
            <p>
              <strong>Unmapped 2021 LSOA codes.</strong> {text()}
            </p>
          </div>
        )}
      </Show>
      <For each={r().archives}>
        {(a) => (
          <div class="archive-files">
            <p>
              Inside {a.file}: {plural(a.entries.length, 'street file')} read in month order
              {a.skipped.length ? `, ${plural(a.skipped.length, 'other file')} skipped` : ''}.
            </p>
            <ul aria-label={`Files inside ${a.file}`}>
              <For each={a.entries}>
                {(e) => (
                  <li>
                    <span class="file-names">{e.name}</span>: {list(e.months.map(monthName)) || 'no months'}, {plural(e.rows, 'row')}
                  </li>
                )}
              </For>
              <For each={a.skipped}>
                {(e) => (
                  <li class="skipped">
                    <span class="file-names">{e.name}</span>: skipped, {e.reason}
                  </li>
                )}
              </For>
            </ul>
          </div>
        )}
      </For>
      <Show when={r().byCrimeType.length}>
        <div class="table-scroll">
          <table class="data by-type">
            <caption>Crimes counted in the borough's wards by crime type, {list(r().months.map(monthName))}</caption>
            <thead>
              <tr>
                <th scope="col">Crime type</th>
                <th scope="col" class="num">
                  Crimes
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={r().byCrimeType}>
                {(t) => (
                  <tr>
                    <th scope="row">{t.crimeType}</th>
                    <td class="num">{count(t.count)}</td>
                  </tr>
                )}
              </For>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">All crime types</th>
                <td class="num">{count(r().imported)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </Show>
    </section>
  );
}

/** The import's progress bar: file n of m and rows read once the server says, else just "Importing". */
function importState(props: CrimeViewProps) {
  const p = props.importing;
  if (!p?.fileCount) return { label: `Importing ${plural(props.files.length, 'file')}` };
  const which = p.fileCount > 1 ? `file ${p.fileIndex} of ${p.fileCount}` : 'the file';
  return {
    label: `Importing ${which}${p.file ? ` (${p.file})` : ''}, ${plural(p.rowsRead, 'row')} read`,
    done: p.bytesRead,
    total: p.totalBytes,
  };
}

export function CrimeView(props: CrimeViewProps) {
  let input!: HTMLInputElement;
  const busy = () => props.phase === 'uploading' || props.phase === 'importing';
  // Once the files are imported (or refused at import) the choice starts afresh.
  createEffect(() => {
    if (!props.files.length && input) input.value = '';
  });
  const totalBytes = () => props.files.reduce((s, u) => s + u.file.size, 0);
  return (
    <section class="data-section" aria-labelledby="crime-heading">
      <h3 id="crime-heading">Recorded crime</h3>
      <ErrorAlert message={props.storedError} />
      <Show
        when={props.stored}
        fallback={
          <Show when={!props.storedError}>
            <p role="status">Loading what is stored…</p>
          </Show>
        }
      >
        {(s) => <StoredMonths stored={s()} />}
      </Show>

      <form
        class="card add-files"
        aria-labelledby="add-files-heading"
        onSubmit={(e) => {
          e.preventDefault();
          props.onStart();
        }}
      >
        <h4 id="add-files-heading">Add police.uk files</h4>
        <p class="hint">
          On data.police.uk choose <em>Custom download</em>, your force, the months, and <em>Include crime data</em>; add the ZIP file as it is downloaded (its{' '}
          <code>…-street.csv</code> files are read month by month, the outcomes and stop-and-search files skipped), or the <code>…-street.csv</code> files one
          per month. Add all the files of a month at the same time (for example two forces' files): an import replaces the months it contains. Rows outside the
          borough are left out by themselves. Each file may be up to 512 MB.
        </p>
        <div class="field">
          <label for="crime-files">police.uk street-level crime files (the ZIP download, or CSVs)</label>
          <input
            ref={input}
            id="crime-files"
            type="file"
            accept=".csv,text/csv,.zip,application/zip,application/x-zip-compressed"
            multiple
            disabled={busy()}
            aria-describedby="crime-files-hint"
            onChange={(e) => props.onChoose(e.currentTarget.files)}
          />
          <p id="crime-files-hint" class="hint">
            You can choose several files at once (hold Ctrl or ⌘, or Shift, while clicking).
          </p>
        </div>
        <Show when={props.files.length}>
          <p>
            {plural(props.files.length, 'file')} chosen, {bytes(totalBytes())} in all:
          </p>
          <ul class="uploads">
            <For each={props.files}>{(u) => <FileRow u={u} />}</For>
          </ul>
        </Show>
        <div class="actions">
          <button type="submit" disabled={busy() || !props.files.length}>
            {props.phase === 'uploading'
              ? 'Uploading…'
              : props.phase === 'importing'
                ? 'Importing…'
                : `Upload and import ${props.files.length > 1 ? `${props.files.length} files` : 'the file'}`}
          </button>
        </div>
        <Show when={props.phase === 'importing'}>
          <Progress state={importState(props)} />
        </Show>
        <div id="crime-error" tabindex="-1">
          <ErrorAlert message={props.error} />
        </div>
        <Status message={props.phase === 'importing' ? null : props.status} />
      </form>
      <Show when={props.report}>{(r) => <Report report={r()} />}</Show>
    </section>
  );
}
