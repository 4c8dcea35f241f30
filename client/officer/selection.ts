/**
 * The survey and wave an officer is working on, shared by every page and kept in the address
 * (?survey=…&wave=…) so a page can be reloaded, bookmarked or sent to a colleague. The survey
 * list is fetched once and refetched after anything that changes it (a new wave, an upload).
 */
import { createMemo, createResource } from 'solid-js';
import { api, describeFailure, type OfficerSurvey } from './api';
import { queryParam, setQuery } from './router';
import { officer, whenSignedIn } from './session';

const [surveyList, { refetch }] = createResource(
  () => officer()?.email,
  async () => {
    const r = await whenSignedIn(api.surveys());
    if (r.kind !== 'ok') throw new Error(r.kind === 'signed-out' ? r.message : describeFailure(r));
    return r.value;
  },
);

/**
 * Every survey with its waves (empty until loaded). `.latest`: reading the resource itself while
 * it refreshes would suspend the page's <Suspense> (the page leaves the document, focus is lost).
 */
export const surveys = (): OfficerSurvey[] => (surveyList.state === 'ready' || surveyList.state === 'refreshing' ? (surveyList.latest ?? []) : []);
export const surveysLoading = () => surveyList.loading;
export const surveysError = (): string | null => (surveyList.error ? String((surveyList.error as Error).message ?? surveyList.error) : null);
/** Fetch the list again (after creating a wave, uploading a questionnaire, storing returns…). */
export const refreshSurveys = () => refetch();

/** The wave to show first: the open one, else the newest with responses, else the newest. */
export function defaultWave(s: OfficerSurvey | undefined): string {
  const waves = s?.waves ?? [];
  return (waves.find((w) => w.status === 'open') ?? waves.filter((w) => w.responses > 0).at(-1) ?? waves.at(-1))?.name ?? '';
}

export const selectedSurvey = createMemo<OfficerSurvey | undefined>(() => {
  const list = surveys();
  const slug = queryParam('survey');
  return list.find((s) => s.slug === slug) ?? list[0];
});

export const selectedSlug = () => selectedSurvey()?.slug ?? '';

export const selectedWave = createMemo<string>(() => {
  const s = selectedSurvey();
  const wanted = queryParam('wave');
  return s?.waves.some((w) => w.name === wanted) ? wanted! : defaultWave(s);
});

export function chooseSurvey(slug: string): void {
  const s = surveys().find((x) => x.slug === slug);
  setQuery({ survey: slug, wave: defaultWave(s) || undefined });
}

export function chooseWave(wave: string): void {
  setQuery({ survey: selectedSlug() || undefined, wave });
}
