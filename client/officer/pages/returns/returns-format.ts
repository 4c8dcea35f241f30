/**
 * Pure wording and arithmetic for the returns page: days with no returns filled in and a running
 * total, each ward's gap to its population share and how many more replies would close it, the
 * sentence naming where to push, and what a suppressed school count means.
 * The types are the server's own (the API answers these shapes as JSON).
 */
import type { DropOut, ReturnsByDay, ReturnsBySchool, ReturnsByWard, ReturnsSummary } from '../../../../server/reports/returns';
import { RETURNS_IN_LINE } from '../../../../server/areas/map-classes';
import { COMPLEMENTARY_REASON } from '../../../../analysis/disclosure/suppress';
import { count, oneDecimal, pct } from '../../format';

export type { ReturnsSummary };

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortDayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "2026-09-07" (a UTC day) → "7 Sept 2026". */
export const dayText = (isoDay: string) => dayFormat.format(new Date(`${isoDay}T00:00:00Z`));
/** "2026-09-07" → "7 Sept" (chart axis). */
export const shortDayText = (isoDay: string) => shortDayFormat.format(new Date(`${isoDay}T00:00:00Z`));

export interface DayRow {
  date: string;
  count: number;
  complete: number;
  partial: number;
  /** Returns up to and including this day. */
  runningTotal: number;
}

/** Every day from the first return to the last (days without returns as 0), with the running total. */
export function dayRows(byDay: readonly ReturnsByDay[]): DayRow[] {
  if (!byDay.length) return [];
  const sorted = [...byDay].sort((a, b) => a.date.localeCompare(b.date));
  const found = new Map(sorted.map((d) => [d.date, d]));
  const rows: DayRow[] = [];
  let running = 0;
  const last = Date.parse(`${sorted.at(-1)!.date}T00:00:00Z`);
  for (let t = Date.parse(`${sorted[0].date}T00:00:00Z`); t <= last; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const d = found.get(date);
    const n = d?.count ?? 0;
    const complete = d?.complete ?? 0;
    running += n;
    rows.push({ date, count: n, complete, partial: n - complete, runningTotal: running });
  }
  return rows;
}

/** The by-day chart's caption: how many, over how long, the busiest day, the last seven days. */
export function dayCaption(rows: readonly DayRow[]): string {
  if (!rows.length) return 'No returns yet.';
  const total = rows.at(-1)!.runningTotal;
  const busiest = rows.reduce((a, b) => (b.count > a.count ? b : a));
  const lastWeek = rows.slice(-7).reduce((a, d) => a + d.count, 0);
  const span = rows.length === 1 ? `on ${dayText(rows[0].date)}` : `over ${rows.length} days, ${dayText(rows[0].date)} to ${dayText(rows.at(-1)!.date)}`;
  const recent = rows.length > 7 ? ` In the last 7 days of returns: ${count(lastWeek)}.` : '';
  return `${count(total)} ${total === 1 ? 'return' : 'returns'} ${span}. The busiest day was ${dayText(busiest.date)} with ${count(busiest.count)}.${recent}`;
}

export interface WardRow extends ReturnsByWard {
  /** Share of returns minus share of population (a fraction; negative = under-represented); null without population. */
  gap: number | null;
  /**
   * About how many more replies from this ward (others unchanged) would bring its share of
   * returns up to its share of the population: x with (count + x) / (known + x) = populationShare.
   * 0 when the ward is at or above its share; null without population.
   */
  shortfall: number | null;
}

/** Returns that name a ward: the sum of the counts, or total − wardNotGiven when some counts are hidden. */
export function knownReturns(summary: { byWard: readonly ReturnsByWard[]; total?: number; wardNotGiven?: number }): number {
  if (summary.total !== undefined && summary.wardNotGiven !== undefined) return summary.total - summary.wardNotGiven;
  return summary.byWard.reduce((a, w) => a + (w.count ?? 0), 0);
}

/** Each ward's gap and shortfall; a hidden ward has neither (they would give its count). */
export function wardRows(byWard: readonly ReturnsByWard[], known = knownReturns({ byWard })): WardRow[] {
  return byWard.map((w) => {
    const p = w.populationShare;
    if (p === null || w.count === null || w.share === null) return { ...w, gap: null, shortfall: null };
    const gap = known ? w.share - p : -p;
    const needed = p < 1 ? (p * known - w.count) / (1 - p) : 0;
    return { ...w, gap, shortfall: needed > 0 ? Math.ceil(needed - 1e-9) : 0 };
  });
}

export type WardOrder = 'gap' | 'name' | 'count';

export const WARD_ORDERS: { value: WardOrder; label: string }[] = [
  { value: 'gap', label: 'Most under-represented first' },
  { value: 'count', label: 'Most returns first' },
  { value: 'name', label: 'Ward name (A to Z)' },
];

/** Wards in the chosen order (ties by name, so the order is stable). */
export function orderWards(rows: readonly WardRow[], order: WardOrder): WardRow[] {
  const byName = (a: WardRow, b: WardRow) => a.ward.localeCompare(b.ward, 'en-GB');
  const sorted = [...rows];
  if (order === 'name') return sorted.sort(byName);
  if (order === 'count') return sorted.sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || byName(a, b));
  return sorted.sort((a, b) => (a.gap ?? Infinity) - (b.gap ?? Infinity) || byName(a, b));
}

/** "3.3 points" (percentage points, from a fraction). */
export const points = (gap: number) => `${oneDecimal(Math.abs(gap) * 100)} points`;

/** A gap for the table: "−3.3 points", "+1.2 points", "0.0 points". */
export function gapText(gap: number): string {
  const rounded = Number((gap * 100).toFixed(1));
  if (rounded === 0) return '0.0 points';
  return `${rounded < 0 ? '−' : '+'}${points(gap)}`;
}

/** Wards under their population share by less than this (a fraction: half a point) are in line (the committee report's map uses the same). */
export const IN_LINE = RETURNS_IN_LINE;
/** How many wards the sentence names. */
export const NAMED = 3;

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join('; ')}; and ${items.at(-1)}`;
}

/**
 * Where to push for more replies, in one or two sentences: the (up to three) wards furthest
 * below their share of the population, each with its shares, the gap and the replies needed.
 */
export function underRepresentationSentence(
  summary: Pick<ReturnsSummary, 'wardQuestion' | 'byWard'> & Partial<Pick<ReturnsSummary, 'total' | 'wardNotGiven'>>,
): string {
  if (!summary.wardQuestion) return 'This questionnaire does not ask which ward people live in, so returns cannot be compared with the population by ward.';
  const known = knownReturns(summary);
  const rows = wardRows(summary.byWard, known);
  const hidden = rows.filter((w) => w.suppressed).length;
  const hiddenNote = hidden
    ? ` ${hidden} ${hidden === 1 ? 'ward’s count is' : 'wards’ counts are'} hidden (fewer than 10 returns, or hidden so a small one cannot be worked out): push there too.`
    : '';
  if (!known) return 'No returns name a ward yet, so there is nothing to compare with the population.';
  if (!rows.some((w) => w.populationShare !== null)) {
    return 'There are no population figures for the wards, so returns cannot be compared with where people live. Add them on the Data page (or with `population import`).';
  }
  const under = orderWards(rows, 'gap').filter((w) => w.gap !== null && w.gap <= -IN_LINE);
  if (!under.length) {
    return `Every ward's share of returns is within ${points(IN_LINE)} of its share of the population (or above it): returns are spread in line with where people live.${hiddenNote}`;
  }
  const named = under
    .slice(0, NAMED)
    .map(
      (w) =>
        `${w.ward} (${pct(w.share!)} of returns against ${pct(w.populationShare!)} of the population, ${points(w.gap!)} short: about ${count(w.shortfall!)} more ${w.shortfall === 1 ? 'reply' : 'replies'} would close the gap)`,
    );
  const more =
    under.length > NAMED
      ? ` ${under.length - NAMED} more ${under.length - NAMED === 1 ? 'ward is' : 'wards are'} under by at least ${points(IN_LINE)}; see the table.`
      : '';
  const lead = under.length === 1 ? 'The one ward clearly under-represented is' : `The ${named.length} wards most under-represented are`;
  return `Push for more replies where returns fall furthest below the population. ${lead} ${list(named)}.${more}${hiddenNote}`;
}

/** What a school's row says: its count, or "suppressed" with why in plain words. */
export function schoolCell(s: ReturnsBySchool, threshold: number): { count: string; why: string } {
  if (!s.suppressed) return { count: count(s.count ?? 0), why: '' };
  if (s.reason !== COMPLEMENTARY_REASON) {
    return {
      count: `suppressed (fewer than ${threshold})`,
      why: `Fewer than ${threshold} returns: a count this small could help identify the pupils who answered.`,
    };
  }
  return {
    count: 'suppressed (to protect a small group)',
    why: 'Hidden as well, so the small count of another school cannot be worked out by subtracting from the total.',
  };
}

export interface DropOutRow {
  page: number;
  title: string;
  started: number;
  stoppedHere: number;
  /** Of those who reached the page, the share who stopped there ('–' when none reached it). */
  stoppedShare: string;
}

export function dropOutRows(d: DropOut): DropOutRow[] {
  return d.pages.map((p) => ({ ...p, stoppedShare: p.started ? pct(p.stoppedHere / p.started) : '–' }));
}

/** The drop-out table's caption in words: how many finished, and the page most people stop on. */
export function dropOutCaption(d: DropOut): string {
  const web = d.finished + d.unfinished;
  if (!web) return 'No web returns yet, so there is nothing to show about where people stop.';
  const worst = d.pages.reduce((a, b) => (b.stoppedHere > a.stoppedHere ? b : a), d.pages[0]);
  const finished = `${count(d.finished)} of ${count(web)} web ${web === 1 ? 'return is' : 'returns are'} complete and ${count(d.unfinished)} unfinished.`;
  const where = worst && worst.stoppedHere > 0 ? ` Most unfinished returns stopped on page ${worst.page} (${worst.title}): ${count(worst.stoppedHere)}.` : '';
  const unknown = d.pageNotRecorded
    ? ` ${count(d.pageNotRecorded)} unfinished ${d.pageNotRecorded === 1 ? 'return does' : 'returns do'} not say which page.`
    : '';
  return finished + where + unknown;
}
