/**
 * A questionnaire's Translations section, data part: its languages, the sheet addresses for the
 * code typed in, and (admin) a filled-in sheet checked — problems or a preview, nothing stored —
 * then stored after a yes, when the survey list is fetched again (the version goes up).
 */
import { createResource, createSignal } from 'solid-js';
import { call, client, describeFailure, downloadUrl, type Failure, upload } from '../../api';
import { refreshSurveys } from '../../selection';
import { whenSignedIn } from '../../session';
import { TranslationsView } from './TranslationsView';
import type { TranslationPreview } from './types';

const translationsApi = client.api.officer.surveys[':slug'].translations;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A language code as the server takes it: 'cy', 'pl', 'pt-BR'. */
const LOCALE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

function localeProblem(raw: string): string | null {
  const code = raw.trim();
  if (!code) return null;
  if (!LOCALE.test(code)) return `'${code}' is not a language code: use two or three letters, e.g. cy for Welsh.`;
  if (code.toLowerCase() === 'en') return 'English is the original: choose the language to translate into.';
  return null;
}

function problemsOf(r: Failure): string[] {
  const body = r.kind === 'failed' ? r.body : undefined;
  const list = body && typeof body === 'object' ? (body as { problems?: unknown }).problems : undefined;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
}

const focusSoon = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);

export function Translations(props: { slug: string; title: string; canStore: boolean }) {
  const [languages, { refetch }] = createResource(
    () => props.slug,
    async (slug) => {
      const r = await whenSignedIn(call(translationsApi.$get({ param: { slug } })));
      return r.kind === 'ok' ? { list: r.value.languages, error: null } : { list: [], error: describeFailure(r) };
    },
  );
  const [locale, setLocale] = createSignal('cy');
  const [busy, setBusy] = createSignal(false);
  const [fileName, setFileName] = createSignal<string | null>(null);
  const [file, setFile] = createSignal<File | null>(null);
  const [refusal, setRefusal] = createSignal<{ message: string; problems: string[] } | null>(null);
  const [preview, setPreview] = createSignal<TranslationPreview | null>(null);
  const [showQuestionnaire, setShowQuestionnaire] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [stored, setStored] = createSignal<string | null>(null);

  const code = () => locale().trim().toLowerCase();
  const usable = () => !!code() && !localeProblem(locale());
  const sheetUrl = (format: 'sheet.csv' | 'sheet.xlsx') =>
    usable() ? downloadUrl(translationsApi[':locale'][format], { param: { slug: props.slug, locale: code() } }) : null;
  const resultId = `translations-result-${props.slug}`;

  const reset = () => {
    setRefusal(null);
    setPreview(null);
    setShowQuestionnaire(false);
    setConfirming(false);
    setStored(null);
  };

  async function onFile(f: File) {
    reset();
    setFile(f);
    setFileName(f.name);
    setBusy(true);
    const type = /\.xlsx$/i.test(f.name) ? XLSX_TYPE : 'text/csv';
    const r = await whenSignedIn(upload(translationsApi[':locale'].check, { param: { slug: props.slug, locale: code() } }, f, { contentType: type }));
    setBusy(false);
    setFileName(null);
    if (r.kind === 'ok') {
      setPreview(r.value);
      focusSoon(`translations-preview-heading-${props.slug}`);
    } else {
      setRefusal({ message: describeFailure(r), problems: problemsOf(r) });
      focusSoon(resultId);
    }
  }

  async function onStore() {
    const f = file();
    const p = preview();
    if (!f || !p) return;
    setBusy(true);
    const type = /\.xlsx$/i.test(f.name) ? XLSX_TYPE : 'text/csv';
    const r = await whenSignedIn(upload(translationsApi[':locale'], { param: { slug: props.slug, locale: p.locale } }, f, { contentType: type }));
    setBusy(false);
    if (r.kind !== 'ok') {
      setConfirming(false);
      setPreview(null);
      setRefusal({ message: describeFailure(r), problems: problemsOf(r) });
      focusSoon(resultId);
      return;
    }
    reset();
    setFile(null);
    setStored(r.value.message);
    await Promise.all([refetch(), refreshSurveys()]);
  }

  return (
    <TranslationsView
      slug={props.slug}
      title={props.title}
      canStore={props.canStore}
      state={{
        languages: languages()?.list ?? [],
        loadError: languages()?.error ?? null,
        locale: locale(),
        localeProblem: localeProblem(locale()),
        busy: busy(),
        fileName: fileName(),
        refusal: refusal(),
        preview: preview(),
        showQuestionnaire: showQuestionnaire(),
        confirming: confirming(),
        stored: stored(),
      }}
      csvUrl={sheetUrl('sheet.csv')}
      xlsxUrl={sheetUrl('sheet.xlsx')}
      onLocale={(v) => {
        setLocale(v);
        reset();
      }}
      onFile={onFile}
      onToggleQuestionnaire={() => setShowQuestionnaire((v) => !v)}
      onAskStore={() => setConfirming(true)}
      onCancelStore={() => {
        setConfirming(false);
        focusSoon(`translations-store-${props.slug}`);
      }}
      onStore={onStore}
    />
  );
}
