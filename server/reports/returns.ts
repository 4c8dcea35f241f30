/**
 * Live returns of a wave, so officers see where to push for more replies (issue 5, item 4):
 * complete vs partial, returns by day, by ward against the ward's share of the population, and by
 * school link, with small counts suppressed (school and ward counts under 10, and a second one so a
 * small one cannot be worked out from the total).
 *
 * Every count here is of returns (complete and partial together) unless its name says otherwise,
 * so byDay adds up to `total`. byWard counts returns whose ward answer is one of the known wards;
 * `wardNotGiven` counts the rest (no answer, "don't know", partial before that question).
 */
import { suppressReturnCounts, suppressSchoolCounts } from '../../analysis/disclosure/suppress.js';
import { maidstoneWards } from '../../surveys/areas/wards.js';
import type { Store } from '../store/open.js';
import { findSurvey, findWave } from '../surveys/surveys.js';
import { flatten } from '../validation/flatten.js';
import { textOf } from '../validation/localised.js';
import { ILLUSTRATIVE_SHARES_NOTICE, syntheticReturnsNotice } from '../notices.js';
import { populationCells } from '../areas/queries.js';
import { returnsByAnswer, returnsByDay, returnsByStatus, schoolLinkReturns, storedWards, webReturnsByPage } from './queries.js';
import type { DropOut, ReturnsByWard, ReturnsSummary } from './returns-schema.js';

/** Question names that hold the respondent's ward code (resident: ward; youth: area). */
export const WARD_QUESTIONS = ['ward', 'area'] as const;

export type { DropOut, ReturnsByDay, ReturnsBySchool, ReturnsByWard, ReturnsSummary } from './returns-schema.js';

export async function returnsSummary(store: Store, slug: string, waveName: string): Promise<ReturnsSummary> {
  const survey = await findSurvey(store.db, slug);
  const wave = await findWave(store.db, survey, waveName);

  const statusCounts = await returnsByStatus(store, wave.id);
  const complete = statusCounts.find((r) => r.status === 'complete')?.n ?? 0;
  const partial = statusCounts.find((r) => r.status === 'partial')?.n ?? 0;
  const total = complete + partial;
  const synthetic = statusCounts.reduce((a, r) => a + (r.synthetic ?? 0), 0);
  const byDay = await returnsByDay(store, wave.id);

  const flat = flatten(survey.definition);
  const questionNames = new Set(flat.questions.map((q) => q.name));
  const wardQuestion = WARD_QUESTIONS.find((q) => questionNames.has(q)) ?? null;
  const wards = await wardList(store);
  const wardCounts = wardQuestion ? await returnsByAnswer(store, wave.id, wardQuestion) : new Map<string, number>();
  const known = wards.reduce((a, w) => a + (wardCounts.get(w.code) ?? 0), 0);
  const pop = await wardPopulation(
    store,
    wards.map((w) => w.code),
  );
  // The wards add up to the returns that name one (total − wardNotGiven, both published): a ward
  // under 10 is hidden with a second one, as schools are. A ward with none reveals nothing.
  const marks = new Map(
    suppressReturnCounts(wards.flatMap((w) => (wardCounts.get(w.code) ? [{ key: w.code, breakdown: 'ward', base: wardCounts.get(w.code)! }] : []))).map((c) => [
      c.key,
      c,
    ]),
  );
  const byWard: ReturnsByWard[] = wardQuestion
    ? wards.map((w) => {
        const count = wardCounts.get(w.code) ?? 0;
        const p = pop.byWard.get(w.code);
        const mark = marks.get(w.code);
        const hidden = !!mark?.suppressed;
        return {
          wardCode: w.code,
          ward: w.name,
          count: hidden ? null : count,
          share: hidden ? null : known ? count / known : 0,
          populationShare: p !== undefined && pop.total > 0 ? p / pop.total : null,
          suppressed: hidden,
          reason: hidden ? mark!.reason : null,
        };
      })
    : [];

  const schoolLinks = await schoolLinkReturns(store, wave.id);
  const bySchool = suppressSchoolCounts(schoolLinks.map((l) => ({ key: l.label, breakdown: 'school', base: l.base }))).map((cell) => ({
    label: cell.key,
    count: cell.suppressed ? null : cell.base,
    suppressed: cell.suppressed,
    reason: cell.reason,
  }));

  return {
    survey: slug,
    wave: waveName,
    total,
    complete,
    partial,
    byDay,
    wardQuestion,
    byWard,
    wardNotGiven: wardQuestion ? total - known : total,
    bySchool,
    dropOut: await dropOut(
      store,
      wave.id,
      flat.containers.filter((c) => c.parent < 0).map((c) => c.element),
    ),
    syntheticNotice: syntheticReturnsNotice(synthetic, total),
    illustrativePopulationNotice: byWard.length && pop.illustrative ? ILLUSTRATIVE_SHARES_NOTICE : null,
  };
}

/**
 * Where web respondents stop: for each page, how many reached it and how many stopped there. A
 * complete return went through every page; a partial one reached the page it last saved. A page
 * beyond the questionnaire's (saved against an earlier, longer version) counts as its last page.
 */
async function dropOut(store: Store, waveId: number, pages: Record<string, unknown>[]): Promise<DropOut> {
  const { complete, partialByPage } = await webReturnsByPage(store, waveId);
  const count = Math.max(1, pages.length);
  const stopped = new Array<number>(count + 1).fill(0);
  let unfinished = 0;
  for (const [page, n] of partialByPage) {
    unfinished += n;
    if (page !== null) stopped[Math.min(Math.max(page, 1), count)] += n;
  }
  const rows: DropOut['pages'] = [];
  let reachedLater = 0;
  for (let p = count; p >= 1; p--) {
    reachedLater += stopped[p];
    const el = pages[p - 1];
    rows.unshift({
      page: p,
      title: (el && (textOf(el.title) ?? (typeof el.name === 'string' ? el.name : undefined))) || `Page ${p}`,
      started: complete + reachedLater,
      stoppedHere: stopped[p],
    });
  }
  const recorded = stopped.reduce((a, b) => a + b, 0);
  return { pages: rows, finished: complete, unfinished, pageNotRecorded: unfinished - recorded };
}

/** Wards from the areas table (imported with the crime data), else the bundled Maidstone list. */
async function wardList(store: Store): Promise<{ code: string; name: string }[]> {
  const stored = await storedWards(store);
  const list = stored.length ? stored : maidstoneWards();
  return [...list].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/**
 * Population per ward: the ward's all-ages-all-sexes row ('*', '*') when there is one, otherwise
 * the sum of its sex × age band cells (rows with one '*' would double count, so they are skipped).
 */
async function wardPopulation(store: Store, codes: string[]) {
  const wanted = new Set(codes);
  const totals = new Map<string, number>();
  const cells = new Map<string, number>();
  let illustrative = false;
  for (const r of await populationCells(store.db)) {
    if (!wanted.has(r.areaCode)) continue;
    if (r.sex === '*' && r.ageBand === '*') totals.set(r.areaCode, r.count);
    else if (r.sex !== '*' && r.ageBand !== '*') cells.set(r.areaCode, (cells.get(r.areaCode) ?? 0) + r.count);
    else continue;
    illustrative ||= r.illustrative;
  }
  const byWard = new Map<string, number>();
  for (const code of codes) {
    const n = totals.get(code) ?? cells.get(code);
    if (n !== undefined) byWard.set(code, n);
  }
  return { byWard, total: [...byWard.values()].reduce((a, b) => a + b, 0), illustrative };
}
