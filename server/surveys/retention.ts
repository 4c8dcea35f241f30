/**
 * A questionnaire's retention period: how many months a response is kept after it arrived, after
 * which the sweep (server/responses/retention-sweep.ts) deletes it. Here: the date rule both the
 * sweep and the Surveys page's warning use, the warning itself, and setting the period (admin,
 * audited). A response that arrived on 14 January 2025 under 24 months is deleted from
 * 14 January 2027, the same moment of that day; the 31st of a month falls on the month's last day.
 */
import { audit } from '../accounts/audit.js';
import type { Store } from '../store/open.js';
import { responsesArrivedBefore, type SurveyRow, updateSurvey } from './queries.js';
import type { RetentionDue, RetentionRequest, SurveyRetention } from './retention-schemas.js';
import { findSurvey } from './surveys.js';

export * from './retention-schemas.js';

/** How far ahead the Surveys page warns of responses falling due. */
export const WARN_DAYS = 30;
const DAY_MS = 86_400_000;

/** `iso` moved by `months` (negative for back), in UTC, the day clamped to the month's last. */
export function addMonths(iso: string | Date, months: number): Date {
  const d = new Date(iso);
  const target = new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target;
}

/** Responses that arrived before this moment are due for deletion at `now` under `months`. */
export function retentionCutoff(now: Date, months: number): string {
  return addMonths(now, -months).toISOString();
}

const monthsText = (months: number) => `${months}-month`;
/** "14 January 2027", in UTC (the zone times are stored in). */
const dayText = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** What the sweep will delete within WARN_DAYS of `now`, in a sentence, or null. */
export async function retentionDue(store: Pick<Store, 'db'>, survey: SurveyRow, now: Date): Promise<RetentionDue | null> {
  const months = survey.retentionMonths;
  if (months == null) return null;
  const ahead = new Date(now.getTime() + WARN_DAYS * DAY_MS);
  const due = await responsesArrivedBefore(store.db, survey.id, retentionCutoff(ahead, months));
  if (!due.count || !due.first || !due.last) return null;
  // The ones already past their date go at the next sweep, within the hour.
  const from = new Date(Math.max(addMonths(due.first, months).getTime(), now.getTime()));
  const to = new Date(Math.max(addMonths(due.last, months).getTime(), now.getTime()));
  const n = due.count === 1 ? '1 response' : `${due.count.toLocaleString('en-GB')} responses`;
  const when =
    dayText(from.toISOString()) === dayText(to.toISOString())
      ? `on ${dayText(from.toISOString())}`
      : `between ${dayText(from.toISOString())} and ${dayText(to.toISOString())}`;
  return {
    count: due.count,
    from: from.toISOString(),
    to: to.toISOString(),
    message: `${n} will be deleted ${when} under the ${monthsText(months)} retention period.`,
  };
}

export async function retentionOf(store: Pick<Store, 'db'>, survey: SurveyRow, now: Date): Promise<SurveyRetention> {
  const months = survey.retentionMonths;
  return {
    months: months ?? null,
    description:
      months == null
        ? 'No retention period: responses are kept until they are deleted by hand.'
        : `Responses are deleted ${months === 1 ? '1 month' : `${months} months`} after they arrive.`,
    due: await retentionDue(store, survey, now),
  };
}

/**
 * Sets (or clears, with null) a questionnaire's retention period, audited as survey.retention with
 * the old and new periods. Responses past a new, shorter period go at the next sweep.
 */
export async function setRetention(
  store: Store,
  by: { id: number } | null | undefined,
  slug: string,
  request: RetentionRequest,
  now: Date,
): Promise<SurveyRetention> {
  const survey = await findSurvey(store.db, slug);
  const months = request.months;
  if ((survey.retentionMonths ?? null) === months) return await retentionOf(store, survey, now);
  const updated = await updateSurvey(store.db, survey.id, { retentionMonths: months });
  await audit(store, by, 'survey.retention', { survey: slug, from: survey.retentionMonths ?? null, to: months });
  return await retentionOf(store, updated, now);
}
