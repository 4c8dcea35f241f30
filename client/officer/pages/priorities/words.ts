/** The priorities page's words and numbers as an officer reads them (UK dates). */

/** An ISO time → "2 December 2026 at 18:30" (local time). */
export const ukDateTime = (iso: string) => {
  const d = new Date(iso);
  const day = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return `${day} at ${time}`;
};

/** 3.456 → "3.46" (the weighted mean of scores 1–5). */
export const scoreText = (x: number) => x.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A weight as typed ("2", "1.5") → the number, or null when it is not a number 0–10. */
export function parseWeight(text: string, max: number): number | null {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return n >= 0 && n <= max ? n : null;
}

/** "4 of 5 criteria scored" and the like, for a theme not yet ranked. */
export const scoredCount = (scored: number, all: number) => (scored === 0 ? 'not scored yet' : `${scored} of ${all} criteria scored`);

/**
 * The highest weight, as server/priorities/criteria.ts sets it (which the server checks again);
 * not imported from there because that module reads the questionnaires' files in Node.
 */
export const MAX_WEIGHT = 10;
