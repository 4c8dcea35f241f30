/** The first page's words: pure, so they can be tested without a browser. */
import { pct, utcDay } from '../../format';
import type { OfficerSurvey, Wave, WaveFindings } from './types';

/** The wave to lead with: the open one, else the newest with responses, else the newest (as the other pages choose). */
export function headlineWave(s: OfficerSurvey): Wave | undefined {
  return s.waves.find((w) => w.status === 'open') ?? s.waves.filter((w) => w.responses > 0).at(-1) ?? s.waves.at(-1);
}

/** The newest wave before `wave` (in the survey's order) that has responses: what the changes are measured from. */
export function earlierWave(s: OfficerSurvey, wave: string): string | null {
  const at = s.waves.findIndex((w) => w.name === wave);
  return (
    s.waves
      .slice(0, Math.max(0, at))
      .filter((w) => w.responses > 0)
      .at(-1)?.name ?? null
  );
}

/** "1 Sept 2026 to 30 Nov 2026", "from 1 Sept 2026", "until 30 Nov 2026", or "no dates set". */
export function periodText(w: Pick<Wave, 'opensAt' | 'closesAt'>): string {
  if (w.opensAt && w.closesAt) return `${utcDay(w.opensAt)} to ${utcDay(w.closesAt)}`;
  if (w.opensAt) return `from ${utcDay(w.opensAt)}`;
  if (w.closesAt) return `until ${utcDay(w.closesAt)}`;
  return 'no dates set';
}

/** The weighting in words, as a short status and its detail. */
export function weightingText(w: WaveFindings['weighting']): { status: string; detail: string } {
  if (w.kind !== 'calibrated') return { status: 'Not weighted yet', detail: 'the figures use the design weights only' };
  const how = w.method === 'poststratification' ? 'post-stratification' : 'raking';
  const on = w.margins?.length ? ` on ${w.margins.map((m) => m.replace(/_/g, ' ')).join(', ')}` : '';
  const illustrative = w.illustrativeTargets ? '; the targets are ILLUSTRATIVE population figures, not official estimates' : '';
  return { status: 'Weighted to the population', detail: `${how}${on}${illustrative}` };
}

/** 0.026 → "±2.6 percentage points" (the 95% margin for a result of 50%). */
export const marginText = (moe: number) => `±${pct(moe).replace('%', '')} percentage points`;
