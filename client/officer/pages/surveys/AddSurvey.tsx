/**
 * Adding a questionnaire (admins), the data part: read the chosen SurveyJS file (and optional
 * metadata file) in the browser, refuse a file that is not JSON without asking the server, send
 * it to /surveys/check, keep the summary (or the problems) and the questionnaire for the
 * preview, then "Add this questionnaire" sends the same thing to /surveys.
 */
import { createMemo, createSignal } from 'solid-js';
import { client, describeFailure, upload, type Failure } from '../../api';
import type { ProgressState } from '../../components/feedback';
import { refreshSurveys, surveys } from '../../selection';
import { whenSignedIn } from '../../session';
import { AddSurveyView } from './AddSurveyView';
import type { Audience, CheckSummary } from './types';

const surveysApi = client.api.officer.surveys;

/** The server takes up to 1 MB (questionnaire and metadata together). */
const MAX_FILE_BYTES = 1024 * 1024;

/** "park-safety.survey.json" → "park-safety": a usable address name from a file name. */
export function slugFromFileName(name: string): string {
  return name
    .replace(/(\.survey)?\.json$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 61);
}

/** The file's JSON, or a sentence saying why it cannot be read (nothing is sent). */
async function readJson(file: File, what: string): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  if (file.size > MAX_FILE_BYTES)
    return { ok: false, message: `${file.name} is larger than 1 MB, too large for a ${what}. Choose the questionnaire's own .json file.` };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, message: `${file.name} could not be read. Choose the file again.` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      message: `${file.name} is not a JSON file, so it cannot be a ${what} (${why}). Choose the .json file saved from the SurveyJS Creator${what === 'metadata file' ? ' or written beside the questionnaire' : ''}.`,
    };
  }
}

/** Problems the server listed with a refusal (422), if any. */
function problemsOf(r: Failure): string[] {
  const body = r.kind === 'failed' ? r.body : undefined;
  const list = body && typeof body === 'object' ? (body as { problems?: unknown }).problems : undefined;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
}

const focusSoon = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);

export function AddSurvey() {
  const [surveyFile, setSurveyFile] = createSignal<File | null>(null);
  const [metaFile, setMetaFile] = createSignal<File | null>(null);
  const [slug, setSlug] = createSignal('');
  const [slugTouched, setSlugTouched] = createSignal(false);
  const [audience, setAudience] = createSignal<Audience>('resident');
  const [removeMetadata, setRemoveMetadata] = createSignal(false);
  const [check, setCheck] = createSignal<CheckSummary | null>(null);
  const [sent, setSent] = createSignal<Record<string, unknown> | null>(null);
  const [refusal, setRefusal] = createSignal<{ message: string; problems: string[] } | null>(null);
  const [progress, setProgress] = createSignal<ProgressState | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [formKey, setFormKey] = createSignal(0);

  const existing = createMemo(() => surveys().find((s) => s.slug === slug()));

  /** Anything changed after a check makes the check stale. */
  const changed = () => {
    setCheck(null);
    setSent(null);
    setRefusal(null);
    setDone(null);
  };

  const refuse = (message: string, problems: string[] = []) => {
    setRefusal({ message, problems });
    focusSoon('add-survey-problem');
  };

  async function onCheck() {
    changed();
    const file = surveyFile();
    if (!file) return refuse('Choose the questionnaire file (SurveyJS JSON) first.');
    const definition = await readJson(file, 'questionnaire');
    if (!definition.ok) return refuse(definition.message);
    let metadata: unknown;
    const mf = metaFile();
    if (mf) {
      const m = await readJson(mf, 'metadata file');
      if (!m.ok) return refuse(m.message);
      metadata = m.value;
    }
    if (!slug().trim()) return refuse('Give the survey a name for its address (for example park-safety): respondents will answer at /s/<name>.');
    const body: Record<string, unknown> = { definition: definition.value, slug: slug().trim(), audience: audience() };
    if (metadata !== undefined) body.metadata = metadata;
    else if (removeMetadata() && existing()?.hasMetadata) body.removeMetadata = true;
    const text = JSON.stringify(body);
    setProgress({ label: `Checking ${file.name}`, done: 0, total: text.length, unit: 'bytes' });
    const r = await whenSignedIn(
      upload(surveysApi.check, {}, text, {
        contentType: 'application/json',
        onProgress: (d, t) => setProgress({ label: `Checking ${file.name}`, done: d, total: t, unit: 'bytes' }),
      }),
    );
    setProgress(null);
    if (r.kind !== 'ok') return refuse(describeFailure(r), problemsOf(r));
    setSent(body);
    setCheck(r.value);
    focusSoon('check-result-heading');
  }

  async function onAdd() {
    const body = sent();
    if (!body) return;
    setDone(null);
    setRefusal(null);
    const text = JSON.stringify(body);
    setProgress({ label: `Adding ${String(body.slug)}`, done: 0, total: text.length, unit: 'bytes' });
    const r = await whenSignedIn(
      upload(surveysApi, {}, text, {
        contentType: 'application/json',
        onProgress: (d, t) => setProgress({ label: `Adding ${String(body.slug)}`, done: d, total: t, unit: 'bytes' }),
      }),
    );
    setProgress(null);
    if (r.kind !== 'ok') return refuse(describeFailure(r), problemsOf(r));
    await refreshSurveys();
    // A fresh, empty form; the outcome stays on screen and is read out.
    setCheck(null);
    setSent(null);
    setSurveyFile(null);
    setMetaFile(null);
    setSlug('');
    setSlugTouched(false);
    setRemoveMetadata(false);
    setFormKey((k) => k + 1);
    setDone(r.value.message);
    focusSoon('add-survey-done');
  }

  return (
    <AddSurveyView
      formKey={formKey()}
      surveyFile={surveyFile()}
      metaFile={metaFile()}
      slug={slug()}
      audience={audience()}
      existing={existing()}
      removeMetadata={removeMetadata()}
      check={check()}
      definition={(sent()?.definition as Record<string, unknown> | undefined) ?? null}
      refusal={refusal()}
      progress={progress()}
      done={done()}
      onSurveyFile={(f) => {
        changed();
        setSurveyFile(f);
        if (f && !slugTouched()) setSlug(slugFromFileName(f.name));
      }}
      onMetaFile={(f) => {
        changed();
        setMetaFile(f);
      }}
      onSlug={(v) => {
        changed();
        setSlugTouched(true);
        setSlug(v);
      }}
      onAudience={(a) => {
        changed();
        setAudience(a);
      }}
      onRemoveMetadata={(v) => {
        changed();
        setRemoveMetadata(v);
      }}
      onCheck={onCheck}
      onAdd={onAdd}
    />
  );
}
