/**
 * The evidence pre-filled beside each theme of a priority assessment, as plain sentences: volume
 * (recorded count and rate per 1,000 residents over the 12 months to the latest month held in the
 * assessment year), trend (change on the same months a year earlier, Poisson test; SPC signals of
 * the monthly counts) and perception (worry % of the latest wave of each survey whose worry item is
 * linked to the theme's crime type, its change on the wave before, and the wards where worry and
 * recorded crime part ways). Where the data held cannot support a figure the sentence says so and
 * why; nothing here ever scores a theme.
 */
import { crimeRates, storedMonths } from '../crime/rates-report.js';
import { crimeSpc } from '../crime/spc-report.js';
import { HttpError } from '../errors.js';
import { monthRange, monthsBetween, shiftYear } from '../formats/dates.js';
import { perceptionReport } from '../reports/perception.js';
import { surveyReport } from '../reports/survey-report.js';
import { loadWaveData } from '../reports/wave-data.js';
import type { Store } from '../store/open.js';
import { listOfficerSurveys } from '../surveys/list.js';
import type { ThemeSpec } from './criteria.js';

const PERIOD_MONTHS = 12;
/** Spearman's p is not used here; the fewest permutations keep the perception report quick. */
const PERCEPTION_PERMUTATIONS = 99;

export interface Evidence {
  /** Theme key → sentences. */
  byTheme: Map<string, string[]>;
  /** Made-up data the evidence rests on, said once. */
  notices: string[];
}

const pct = (p: number) => `${Math.round(p * 100)}%`;
const fixed = (x: number, d = 1) => x.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
const pValue = (p: number | null) => (p === null ? 'p not known' : p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/** Runs a service; a refusal (the data cannot support it) becomes its message. Anything else is a bug and is thrown. */
async function attempt<T>(work: () => Promise<T>): Promise<{ value: T } | { refusal: string }> {
  try {
    return { value: await work() };
  } catch (e) {
    if (e instanceof HttpError) return { refusal: e.message };
    throw e;
  }
}

export async function themeEvidence(store: Store, year: string, themes: readonly ThemeSpec[]): Promise<Evidence> {
  const byTheme = new Map(themes.map((t) => [t.key, [] as string[]]));
  const notices = new Set<string>();
  await crimeEvidence(store, year, themes, byTheme, notices);
  await perceptionEvidence(store, themes, byTheme, notices);
  return { byTheme, notices: [...notices] };
}

async function crimeEvidence(store: Store, year: string, themes: readonly ThemeSpec[], out: Map<string, string[]>, notices: Set<string>) {
  const held = (await storedMonths(store)).filter((m) => m <= `${year}-12`);
  if (!held.length) {
    for (const t of themes)
      out.get(t.key)!.push(`Volume and trend: no recorded crime up to December ${year} has been imported, so there is no count, rate or trend for this theme.`);
    return;
  }
  const to = held.at(-1)!;
  // The 12 months to `to`: the months after the same month a year earlier.
  const from = monthsBetween(shiftYear(to, -1), to)[1];
  const months = monthsBetween(from, to);
  const heldSet = new Set(held);
  const heldCount = months.filter((m) => heldSet.has(m)).length;
  const period = monthRange(from, to);
  const partial = heldCount < PERIOD_MONTHS ? ` (only ${heldCount} of its ${PERIOD_MONTHS} months held)` : '';

  for (const t of themes) {
    const lines = out.get(t.key)!;
    const rates = await attempt(() => crimeRates(store, { from, to, crimeType: t.crimeType }));
    if ('refusal' in rates) {
      lines.push(
        rates.refusal.startsWith('No recorded crime of type')
          ? `Volume: none of the recorded crime imported is of this type, so there is no count, rate or trend for it.`
          : `Volume: no figure for ${period}: ${rates.refusal}`,
      );
      continue;
    }
    const r = rates.value;
    if (r.illustrativePopulationNotice) notices.add(r.illustrativePopulationNotice);
    lines.push(
      `Volume: ${r.borough.count.toLocaleString('en-GB')} recorded in ${period}${partial}, ${fixed(r.borough.rate, 2)} per 1,000 residents over the period.`,
    );
    if (r.previous && r.change) {
      const c = r.change;
      lines.push(
        `Change on the year: ${r.previous.count.toLocaleString('en-GB')} in the same months a year earlier, a ratio of ${fixed(c.ratio, 2)} ` +
          `(95% CI ${fixed(c.ci[0], 2)} to ${fixed(c.ci[1], 2)}; ${pValue(c.p)}, ${c.significant ? 'a significant change' : 'not a significant change'}).`,
      );
    } else if (r.previous) {
      lines.push('Change on the year: none of this type was recorded in either year.');
    } else {
      lines.push(`Change on the year: not known, because the same months a year earlier are not all held.`);
    }
    const spc = await attempt(() => crimeSpc(store, { crimeType: t.crimeType }));
    if ('refusal' in spc) {
      lines.push(`SPC signals: no chart: ${spc.refusal}`);
      continue;
    }
    const recent = spc.value.signals.filter((s) => s.months.some((m) => m >= from && m <= to));
    const chartPeriod = monthRange(spc.value.months[0].month, spc.value.months.at(-1)!.month);
    const caution = spc.value.baseline.points < 12 ? ` The limits rest on only ${spc.value.baseline.points} months, so they are provisional.` : '';
    lines.push(
      recent.length
        ? `SPC signals (monthly counts, ${chartPeriod}): ${signalPhrases(recent).join('; ')}.${caution}`
        : `SPC signals (monthly counts, ${chartPeriod}): none in ${period}.${caution}`,
    );
  }
}

/**
 * The signals in words, each with its months; a point outside the limits month after month is said
 * once for the run ("A point above the upper limit, 6 months running (January 2019 to June 2019)"),
 * not once a month.
 */
function signalPhrases(signals: readonly { description: string; months: string[] }[]): string[] {
  const groups: { description: string; from: string; to: string; count: number }[] = [];
  for (const s of signals) {
    const last = groups.at(-1);
    const single = s.months.length === 1;
    if (last && single && last.description === s.description && monthsBetween(last.to, s.months[0]).length === 2) {
      last.to = s.months[0];
      last.count++;
    } else groups.push({ description: s.description, from: s.months[0], to: s.months.at(-1)!, count: single ? 1 : 0 });
  }
  return groups.map((g) =>
    g.count > 1 ? `${g.description}, ${g.count} months running (${monthRange(g.from, g.to)})` : `${g.description} (${monthRange(g.from, g.to)})`,
  );
}

interface WorryItem {
  slug: string;
  title: string;
  wave: string;
  compareWave: string | null;
  question: string;
  questionTitle: string;
  crimeTypes: string[];
}

async function perceptionEvidence(store: Store, themes: readonly ThemeSpec[], out: Map<string, string[]>, notices: Set<string>) {
  const items: WorryItem[] = [];
  for (const s of await listOfficerSurveys(store.db)) {
    if (!s.hasMetadata) continue;
    const answered = s.waves.filter((w) => w.responses > 0);
    const latest = answered.at(-1);
    if (!latest) continue;
    const data = await loadWaveData(store, s.slug, latest.name);
    for (const meta of data.metadata?.questions ?? []) {
      const crimeTypes = (meta as { crimeTypes?: string[] }).crimeTypes;
      const q = data.questions.find((x) => x.name === meta.name);
      if (!crimeTypes?.length || !q?.nets.some((n) => n.name === 'worried')) continue;
      items.push({
        slug: s.slug,
        title: s.title,
        wave: latest.name,
        compareWave: answered.at(-2)?.name ?? null,
        question: q.name,
        questionTitle: q.title ?? q.name,
        crimeTypes,
      });
    }
  }

  const reports = new Map<string, Awaited<ReturnType<typeof surveyReport>>>();
  const perceptions = new Map<string, Awaited<ReturnType<typeof attempt<Awaited<ReturnType<typeof perceptionReport>>>>>>();
  for (const t of themes) {
    const lines = out.get(t.key)!;
    const linked = items.filter((i) => i.crimeTypes.includes(t.crimeType));
    if (!linked.length) {
      lines.push('Perception: no survey question held asks about worry over this theme, so there is no worry figure.');
      continue;
    }
    for (const item of linked) {
      const key = `${item.slug}/${item.wave}`;
      if (!reports.has(key))
        reports.set(key, await surveyReport(store, { slug: item.slug, wave: item.wave, compareWave: item.compareWave ?? undefined, by: [] }));
      const report = reports.get(key)!;
      if (report.syntheticNotice) notices.add(`${item.title}, wave ${item.wave}: ${report.syntheticNotice}`);
      const where = `${item.title}, wave ${item.wave}, “${item.questionTitle}”`;
      const e = report.estimates.find((x) => x.group === null && x.question === item.question && x.category === 'worried');
      if (!e || e.suppressed || e.estimate === null || e.n === null) {
        lines.push(`Perception (${where}): no worry figure: ${e?.reason ?? 'too few answers.'}`);
        continue;
      }
      lines.push(`Perception (${where}): ${pct(e.estimate)} worried (95% CI ${pct(e.ci![0])} to ${pct(e.ci![1])}; ${e.n.toLocaleString('en-GB')} answers).`);
      const change = report.changes?.find((c) => c.question === item.question && c.category === 'worried');
      if (!item.compareWave) lines.push(`Change in worry: not known, because ${item.title} has only one wave with answers.`);
      else if (!change || change.suppressed || change.difference === null)
        lines.push(`Change in worry since wave ${item.compareWave}: not known: ${change?.reason ?? 'the question was not asked in both waves.'}`);
      else
        lines.push(
          `Change in worry since wave ${item.compareWave}: ${change.difference >= 0 ? 'up' : 'down'} ${Math.abs(Math.round(change.difference * 100))} points ` +
            `(from ${pct(change.from.estimate ?? 0)}; ${pValue(change.p)}, ${change.significant ? 'a significant change' : 'not a significant change'}).`,
        );

      if (!perceptions.has(key))
        perceptions.set(key, await attempt(() => perceptionReport(store, { slug: item.slug, wave: item.wave, permutations: PERCEPTION_PERMUTATIONS })));
      const perception = perceptions.get(key)!;
      if ('refusal' in perception) {
        lines.push(`Gap to recorded crime: not known: ${perception.refusal}`);
        continue;
      }
      const p = perception.value.items.find((i) => i.question === item.question && i.category === 'worried');
      if (!p || !perception.value.coverage.complete) {
        lines.push(
          `Gap to recorded crime: not known, because recorded crime does not cover the wave's crime period (${perception.value.coverage.wave.window.label}).`,
        );
        continue;
      }
      const above = p.quadrants['high worry, low crime'].marked;
      const below = p.quadrants['low worry, high crime'].marked;
      const parts = [
        above.length ? `worry clearly above the rest of the borough while recorded crime is clearly below in ${above.join(', ')}` : null,
        below.length ? `worry clearly below while recorded crime is clearly above in ${below.join(', ')}` : null,
      ].filter((x): x is string => x !== null);
      const gap = parts.length ? parts.join('; ') : 'no ward where worry and recorded crime clearly part ways';
      lines.push(`Gap to recorded crime (${p.crimeLabel}, ${perception.value.coverage.wave.label}): ${gap}.`);
    }
  }
}
