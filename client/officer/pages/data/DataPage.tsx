/**
 * The data page's data part: what crime and population is stored, police.uk files uploaded one
 * by one (each with its progress) and then imported together as a job queued in the store (so the
 * import may run on any server, and takes as long as it needs), and population files.
 */
import { createSignal, onMount } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { call, client, describeFailure, type OkOf, upload } from '../../api';
import { PageHeading } from '../../components/feedback';
import { whenSignedIn } from '../../session';
import { BoundariesView } from './BoundariesView';
import { fileSender, focusSoon } from './file-sender';
import { LookupView } from './LookupView';
import { CrimeView, type FileUpload } from './CrimeView';
import { PopulationView } from './PopulationView';
import {
  type BoundariesSummary,
  monthRanges,
  type WardLookupResult,
  type WardLookupSummary,
  plural,
  type CrimeImportReport,
  type PopulationResult,
  type PopulationSummary,
  type StoredCrime,
} from './words';
import './data.css';

const crimeApi = client.api.officer.crime;
const jobsApi = client.api.officer.jobs;
/** How often the page asks how far a queued crime import has got. */
const PROGRESS_POLL_MS = 1000;
type ImportProgress = OkOf<typeof crimeApi.imports.progress.$get>;
type Job = OkOf<typeof jobsApi.$post>;
/** A police.uk custom download (sent as application/zip; Windows may label it application/x-zip-compressed). */
const isZip = (f: File) => /\.zip$/i.test(f.name) || /zip/i.test(f.type);
const populationApi = client.api.officer.population;
const boundariesApi = client.api.officer.areas.boundaries;
const lookupApi = client.api.officer.areas.lookup;

/** The header and query the upload routes declare (zod, server/http/routes/officer-data.ts), checked here by `satisfies`. */
type UploadHeader = Parameters<typeof crimeApi.uploads.$post>[0]['header'];
type PopulationHeader = Parameters<typeof populationApi.$post>[0]['header'];
type PopulationQuery = Parameters<typeof populationApi.$post>[0]['query'];
type BoundariesHeader = Parameters<typeof boundariesApi.$put>[0]['header'];
type LookupHeader = Parameters<typeof lookupApi.$put>[0]['header'];

export function DataPage() {
  // Recorded crime
  const [stored, setStored] = createSignal<StoredCrime | null>(null);
  const [storedError, setStoredError] = createSignal<string | null>(null);
  const [files, setFiles] = createStore<FileUpload[]>([]);
  const [phase, setPhase] = createSignal<'choosing' | 'uploading' | 'importing' | 'done'>('choosing');
  const [report, setReport] = createSignal<CrimeImportReport | null>(null);
  const [crimeError, setCrimeError] = createSignal<string | null>(null);
  const [crimeStatus, setCrimeStatus] = createSignal<string | null>(null);
  const [importing, setImporting] = createSignal<ImportProgress | null>(null);

  // Population
  const [summary, setSummary] = createSignal<PopulationSummary | null>(null);
  const [summaryError, setSummaryError] = createSignal<string | null>(null);

  // Ward boundaries
  const [boundaries, setBoundaries] = createSignal<BoundariesSummary | null>(null);
  const [boundariesError, setBoundariesError] = createSignal<string | null>(null);

  // The ward lookup
  const [lookup, setLookup] = createSignal<WardLookupSummary | null>(null);
  const [lookupError, setLookupError] = createSignal<string | null>(null);

  async function loadLookup() {
    const r = await whenSignedIn(call(lookupApi.$get()));
    if (r.kind === 'ok') {
      setLookup(r.value);
      setLookupError(null);
    } else setLookupError(describeFailure(r));
  }

  const lookupSender = fileSender({
    missing: 'Choose the ward lookup CSV file first.',
    errorId: 'lookup-error',
    resultId: 'lookup-result',
    request: (file: File, onProgress) =>
      upload(lookupApi, {}, file, {
        method: 'PUT',
        contentType: 'text/csv',
        headers: { 'x-file-name': encodeURIComponent(file.name) } satisfies LookupHeader,
        onProgress,
      }),
    async done(value: WardLookupResult) {
      setLookup(value);
      // The wards the other sections count have changed.
      await Promise.all([loadStored(), loadSummary(), loadBoundaries()]);
    },
  });

  async function loadBoundaries() {
    const r = await whenSignedIn(call(boundariesApi.$get()));
    if (r.kind === 'ok') {
      setBoundaries(r.value);
      setBoundariesError(null);
    } else setBoundariesError(describeFailure(r));
  }

  const boundariesSender = fileSender({
    missing: 'Choose a GeoJSON file of the ward boundaries first.',
    errorId: 'boundaries-error',
    resultId: 'boundaries-result',
    request: (file: File, onProgress) =>
      upload(boundariesApi, {}, file, {
        method: 'PUT',
        contentType: 'application/geo+json',
        headers: { 'x-file-name': encodeURIComponent(file.name) } satisfies BoundariesHeader,
        onProgress,
      }),
    done: (value: BoundariesSummary) => void setBoundaries(value),
  });

  async function loadStored() {
    const r = await whenSignedIn(call(crimeApi.months.$get()));
    if (r.kind === 'ok') {
      setStored(r.value);
      setStoredError(null);
    } else setStoredError(describeFailure(r));
  }

  async function loadSummary() {
    const r = await whenSignedIn(call(populationApi.$get()));
    if (r.kind === 'ok') {
      setSummary(r.value);
      setSummaryError(null);
    } else setSummaryError(describeFailure(r));
  }

  onMount(() => void Promise.all([loadLookup(), loadStored(), loadSummary(), loadBoundaries()]));

  function choose(list: FileList | null) {
    setFiles((list ? [...list] : []).map((file) => ({ file, status: 'waiting', sent: 0 })));
    setPhase('choosing');
    setReport(null);
    setCrimeError(null);
    setCrimeStatus(null);
  }

  function failCrime(message: string) {
    setCrimeError(message);
    focusSoon('crime-error');
  }

  /** Uploads every chosen file in turn, each with its own progress, then imports them together. */
  async function uploadAndImport() {
    if (!files.length) return failCrime('Choose the police.uk ZIP download or one or more police.uk CSV files first.');
    setCrimeError(null);
    setReport(null);
    setPhase('uploading');
    for (let i = 0; i < files.length; i++) {
      if (files[i].status === 'uploaded') continue;
      const f = files[i].file;
      setFiles(i, { status: 'uploading', sent: 0, error: undefined });
      setCrimeStatus(`Uploading file ${i + 1} of ${files.length}: ${f.name}`);
      const r = await whenSignedIn(
        upload(crimeApi.uploads, {}, f, {
          contentType: isZip(f) ? 'application/zip' : 'text/csv',
          headers: { 'x-file-name': encodeURIComponent(f.name) } satisfies UploadHeader,
          onProgress: (sent) => setFiles(i, 'sent', sent),
        }),
      );
      if (r.kind === 'signed-out') return;
      if (r.kind === 'ok')
        setFiles(
          i,
          produce((u) => ((u.status = 'uploaded'), (u.sent = f.size), (u.id = r.value.id))),
        );
      else setFiles(i, { status: 'refused', error: describeFailure(r) });
    }
    const refused = files.filter((u) => u.status === 'refused');
    if (refused.length) {
      setPhase('choosing');
      setCrimeStatus(null);
      return failCrime(
        `${plural(refused.length, 'file')} could not be uploaded, so nothing was imported: ${refused.map((u) => u.error).join(' ')} ` +
          'Choose the files again without it, or with a corrected copy. (All the files for a month must be imported together.)',
      );
    }
    await importUploaded();
  }

  async function importUploaded() {
    const ids = files.map((u) => u.id).filter((id): id is string => !!id);
    setPhase('importing');
    setCrimeStatus(`Importing ${plural(ids.length, 'file')}…`);
    setImporting(null);
    const outcome = await importAsJob(ids);
    setImporting(null);
    if (outcome.kind === 'signed-out') return;
    // The server removes the staged files after every import, successful or not.
    setFiles([]);
    if (outcome.kind === 'failed') {
      setPhase('choosing');
      setCrimeStatus(null);
      return failCrime(outcome.message);
    }
    setReport(outcome.report);
    setPhase('done');
    setCrimeStatus(`Import finished: ${plural(outcome.report.imported, 'crime')} counted for ${monthRanges(outcome.report.months)}.`);
    focusSoon('import-report');
    await loadStored();
  }

  /** Queues the import and asks every second how it is going (file n of m, rows read) until it is done or refused. */
  async function importAsJob(
    ids: string[],
  ): Promise<{ kind: 'done'; report: CrimeImportReport } | { kind: 'failed'; message: string } | { kind: 'signed-out' }> {
    const queued = await whenSignedIn(call(jobsApi.$post({ json: { kind: 'crime-import', input: { uploads: ids } } })));
    if (queued.kind === 'signed-out') return queued;
    if (queued.kind !== 'ok') return { kind: 'failed', message: describeFailure(queued) };
    let job: Job = queued.value;
    while (job.state === 'queued' || job.state === 'running') {
      await new Promise((r) => setTimeout(r, PROGRESS_POLL_MS));
      const r = await whenSignedIn(call(jobsApi[':id'].$get({ param: { id: String(job.id) } })));
      if (r.kind === 'signed-out') return r;
      // A moment offline (or a server restarting) is not the import failing: ask again.
      if (r.kind === 'offline' || (r.kind === 'failed' && r.status >= 500)) continue;
      if (r.kind !== 'ok') return { kind: 'failed', message: describeFailure(r) };
      job = r.value;
      const p = job.progress as ImportProgress | null;
      if (job.state === 'running' && p?.running && phase() === 'importing') setImporting(p);
    }
    if (job.state === 'failed') return { kind: 'failed', message: job.error?.message ?? 'The import failed.' };
    return { kind: 'done', report: job.result as CrimeImportReport };
  }

  const populationSender = fileSender({
    missing: 'Choose a population CSV file first.',
    errorId: 'population-error',
    resultId: 'population-result',
    request: (file: File, onProgress, illustrative: boolean) =>
      upload(populationApi, {}, file, {
        contentType: 'text/csv',
        query: { illustrative: illustrative ? '1' : '0' } satisfies PopulationQuery,
        headers: { 'x-file-name': encodeURIComponent(file.name) } satisfies PopulationHeader,
        onProgress,
      }),
    done: (value: PopulationResult) => void setSummary(value.summary),
  });

  return (
    <>
      <PageHeading
        intro={
          <>
            The recorded crime and the population that perception vs reality and the crime rates use. Crime comes from the monthly street-level files of{' '}
            <span lang="en">data.police.uk</span>; population from a CSV file of residents by ward (for example ONS mid-year estimates); the wards themselves
            from the ONS lookup of LSOAs to wards; the ward boundaries the maps are drawn from, from a GeoJSON file.
          </>
        }
      >
        Crime and population data
      </PageHeading>
      <CrimeView
        stored={stored()}
        storedError={storedError()}
        files={files}
        phase={phase()}
        report={report()}
        error={crimeError()}
        status={crimeStatus()}
        importing={importing()}
        onChoose={choose}
        onStart={uploadAndImport}
      />
      <PopulationView
        summary={summary()}
        summaryError={summaryError()}
        sending={populationSender.sending()}
        result={populationSender.result()}
        error={populationSender.error()}
        onSend={populationSender.send}
      />
      <LookupView
        summary={lookup()}
        summaryError={lookupError()}
        sending={lookupSender.sending()}
        result={lookupSender.result()}
        error={lookupSender.error()}
        onSend={lookupSender.send}
      />
      <BoundariesView
        summary={boundaries()}
        summaryError={boundariesError()}
        sending={boundariesSender.sending()}
        result={boundariesSender.result()}
        error={boundariesSender.error()}
        onSend={boundariesSender.send}
      />
    </>
  );
}
