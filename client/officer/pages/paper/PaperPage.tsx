/**
 * The paper returns page's data part: the questionnaire and wave state for the chosen wave, one
 * form keyed in at a time (each with its own idempotency key, so a double click or a retry after a
 * dropped connection stores it once), the forms keyed in this session, and CSV imports with upload
 * progress and the rejected rows.
 */
import { createEffect, createMemo, createSignal, on } from 'solid-js';
import { call, client, describeFailure, downloadUrl, upload } from '../../api';
import type { ProgressState } from '../../components/feedback';
import type { EntryOutcome } from '../../questionnaire/Questionnaire';
import { queryParam, setQuery } from '../../router';
import { refreshSurveys, selectedSlug, selectedSurvey, selectedWave } from '../../selection';
import { whenSignedIn } from '../../session';
import { PaperView } from './PaperView';
import {
  type DesignColumns,
  type ImportOutcome,
  type ImportRefusal,
  importsEndpoint,
  type Mode,
  type PaperForm,
  type PaperRefusal,
  paperEndpoint,
  type SessionEntry,
} from './types';
import './paper.css';

export type { ImportOutcome, ImportRefusal, ImportStored, KeyedIn, Mode, PaperForm, PaperRefusal, SessionEntry } from './types';

/** A key for one paper form: random, so two officers keying at once never share one. */
export function newFormKey(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `form-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function PaperPage() {
  const mode = (): Mode => (queryParam('mode') === 'import' ? 'import' : 'key-in');
  const setMode = (m: Mode) => setQuery({ mode: m === 'import' ? 'import' : undefined });

  // One string, so refreshing the survey list (new counts) does not reload the form.
  const target = createMemo(() => (selectedSlug() && selectedWave() ? `${selectedSlug()}\n${selectedWave()}` : false));
  // Fetched by hand rather than with createResource: a refetch under the shell's <Suspense> would
  // take the page out of the document for a moment, and with it the officer's place and focus.
  const [paperForm, setPaperForm] = createSignal<PaperForm | undefined>(undefined);
  const [loading, setLoading] = createSignal(false);
  const [formError, setFormError] = createSignal<string | null>(null);
  let asked = 0;
  async function load(key: string | false, { quiet = false } = {}) {
    const mine = ++asked;
    if (!quiet) {
      setPaperForm(undefined);
      setFormError(null);
    }
    if (!key) return;
    const [slug, wave] = key.split('\n');
    setLoading(true);
    const r = await whenSignedIn(call(paperEndpoint().$get({ param: { slug, wave } })));
    if (mine !== asked) return; // another wave was chosen meanwhile
    setLoading(false);
    if (r.kind === 'ok') setPaperForm(r.value);
    else if (!quiet) setFormError(describeFailure(r));
  }
  createEffect(on(target, (key) => load(key)));
  /** Fresh counts after a save or an import (the questionnaire itself stays as it is). */
  const refreshCounts = () => {
    void load(target(), { quiet: true });
    refreshSurveys();
  };

  /** The questionnaire shown: changes only when the survey, wave or questionnaire version does. */
  const questionnaire = createMemo(
    () => {
      const f = paperForm();
      return f ? { key: `${f.survey.slug}/${f.wave.name}/${f.survey.version}`, definition: f.definition } : null;
    },
    null,
    { equals: (a, b) => a?.key === b?.key },
  );

  // ---- Keying in ----
  const [reference, setReference] = createSignal('');
  const [formKey, setFormKey] = createSignal(newFormKey());
  const [keyStatus, setKeyStatus] = createSignal<string | null>(null);
  const [keyError, setKeyError] = createSignal<{ message: string; details: string[]; focus: 'reference' | 'alert' | 'none' } | null>(null);
  const [session, setSession] = createSignal<SessionEntry[]>([]);

  function nextForm() {
    setReference('');
    setFormKey(newFormKey());
  }

  async function saveForm(answers: Record<string, unknown>): Promise<EntryOutcome> {
    const f = paperForm();
    if (!f) return { ok: false, message: 'The questionnaire is not loaded.', problems: [] };
    setKeyError(null);
    setKeyStatus(null);
    const ref = reference().trim();
    const r = await whenSignedIn(
      call(
        paperEndpoint().$post({ param: { slug: f.survey.slug, wave: f.wave.name }, json: { answers, reference: ref || undefined, idempotencyKey: formKey() } }),
      ),
    );
    if (r.kind === 'ok') {
      const v = r.value;
      const label = v.reference ? `Form ${v.reference}` : 'Form';
      if (v.duplicate && !v.sameAnswers) {
        // Another form given a number already used: keep the answers so the reference can be corrected.
        setKeyError({ message: v.message, details: [], focus: 'reference' });
        return { ok: false, message: v.message, problems: [] };
      }
      setSession((list) => [{ at: new Date(), reference: v.reference, id: v.id, outcome: v.duplicate ? 'already keyed in' : 'saved' }, ...list]);
      setKeyStatus(v.duplicate ? v.message : `${label} saved (response ${v.id}). The questionnaire is empty again for the next form.`);
      nextForm();
      if (!v.duplicate) refreshCounts();
      // After the questionnaire has started afresh: the cursor is ready for the next form's number.
      setTimeout(() => document.getElementById('form-reference')?.focus(), 50);
      return { ok: true };
    }
    if (r.kind === 'signed-out') return { ok: false, message: r.message, problems: [] };
    if (r.kind === 'offline') {
      // Same key on the next try, so a form that did reach the server is not stored twice.
      const message =
        'Could not reach the server, so the form may not be saved. Check the connection and press the button again: the form will be stored once.';
      setKeyError({ message, details: [], focus: 'alert' });
      return { ok: false, message, problems: [] };
    }
    const refusal = r.status === 422 ? (r.body as PaperRefusal | null) : null;
    const errors = refusal?.errors ?? [];
    const onQuestions = errors.filter((e): e is typeof e & { question: string } => !!e.question);
    const general = errors.filter((e) => !e.question).map((e) => e.message);
    const details = onQuestions.length
      ? [
          `${onQuestions.length === 1 ? 'One question needs' : `${onQuestions.length} questions need`} attention: the messages are on the questions.`,
          ...general,
        ]
      : general;
    setKeyError({ message: r.message, details, focus: onQuestions.length ? 'none' : r.status === 400 ? 'reference' : 'alert' });
    return { ok: false, message: r.message, problems: onQuestions.map((e) => ({ question: e.question, message: e.message })) };
  }

  // ---- Importing ----
  const [file, setFile] = createSignal<File | null>(null);
  const [skipInvalid, setSkipInvalid] = createSignal(false);
  const [weightColumn, setWeightColumn] = createSignal('');
  const [designColumns, setDesignColumns] = createSignal<DesignColumns>({ stratum: '', psu: '', fpc: '' });
  const [progress, setProgress] = createSignal<ProgressState | null>(null);
  const [importOutcome, setImportOutcome] = createSignal<ImportOutcome | null>(null);
  const [importError, setImportError] = createSignal<string | null>(null);

  function chooseFile(f: File | null) {
    setFile(f);
    setImportOutcome(null);
    setImportError(null);
  }

  async function importFile(skip = skipInvalid()) {
    const f = paperForm();
    const chosen = file();
    setImportError(null);
    setImportOutcome(null);
    if (!f) return;
    if (!chosen) return setImportError('Choose the CSV file to import first.');
    if (chosen.size > f.maxImportBytes) {
      return setImportError(
        `${chosen.name} is larger than ${Math.round(f.maxImportBytes / 1024 / 1024)} MB, the most one import takes. Split it into smaller files, each with the header row.`,
      );
    }
    const label = `Uploading ${chosen.name}`;
    setProgress({ label, done: 0, total: chosen.size, unit: 'bytes' });
    const r = await whenSignedIn(
      upload(importsEndpoint(), { param: { slug: f.survey.slug, wave: f.wave.name }, query: {} }, chosen, {
        contentType: 'text/csv',
        query: {
          skipInvalid: skip ? 1 : undefined,
          weightColumn: weightColumn().trim() || undefined,
          stratumColumn: designColumns().stratum.trim() || undefined,
          psuColumn: designColumns().psu.trim() || undefined,
          fpcColumn: designColumns().fpc.trim() || undefined,
        },
        onProgress: (sent, total) =>
          setProgress(sent < total ? { label, done: sent, total, unit: 'bytes' } : { label: `Checking and storing the rows of ${chosen.name}` }),
      }),
    );
    setProgress(null);
    if (r.kind === 'ok') {
      setImportOutcome({ kind: 'stored', fileName: chosen.name, report: r.value });
      if (skip) setSkipInvalid(true);
      refreshCounts();
    } else if (r.kind === 'failed' && r.status === 422 && r.body && typeof r.body === 'object' && 'rejected' in r.body) {
      setImportOutcome({ kind: 'refused', fileName: chosen.name, refusal: r.body as ImportRefusal });
    } else if (r.kind !== 'signed-out') {
      setImportError(describeFailure(r));
    }
    setTimeout(() => document.getElementById('import-outcome')?.focus(), 0);
  }

  // Another survey or wave: what was said about the last one no longer applies.
  createEffect(
    on(
      target,
      () => {
        setKeyStatus(null);
        setKeyError(null);
        setFormKey(newFormKey());
        setImportOutcome(null);
        setImportError(null);
      },
      { defer: true },
    ),
  );

  const templateUrl = () => downloadUrl(client.api.officer.surveys[':slug']['import-template.csv'], { param: { slug: selectedSlug() } });
  const guideUrl = () => downloadUrl(client.api.officer.surveys[':slug']['import-guide.csv'], { param: { slug: selectedSlug() } });

  return (
    <PaperView
      mode={mode()}
      onMode={setMode}
      surveyTitle={selectedSurvey()?.title}
      form={paperForm()}
      loading={loading()}
      formError={formError()}
      questionnaire={questionnaire()}
      keyIn={{
        reference: reference(),
        onReference: setReference,
        status: keyStatus(),
        error: keyError(),
        session: session(),
        onComplete: saveForm,
      }}
      importing={{
        file: file(),
        onFile: chooseFile,
        skipInvalid: skipInvalid(),
        onSkipInvalid: setSkipInvalid,
        weightColumn: weightColumn(),
        onWeightColumn: setWeightColumn,
        designColumns: designColumns(),
        onDesignColumn: (key, value) => setDesignColumns({ ...designColumns(), [key]: value }),
        progress: progress(),
        outcome: importOutcome(),
        error: importError(),
        onImport: () => importFile(),
        onImportSkipping: () => importFile(true),
        templateUrl: templateUrl(),
        guideUrl: guideUrl(),
      }}
    />
  );
}
