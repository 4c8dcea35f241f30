/**
 * The "Priorities" section: the partnership's ranked themes (threat, risk and harm scored per
 * theme) with each criterion's score, then the evidence behind each ranked theme, then how the score
 * is formed. Nothing when no ranking is given.
 */
import type { PriorityRanking } from '../priority-ranking.js';
import type { Block, Section } from './model.js';

const score = (n: number | null) => (n === null ? 'not scored' : String(n));
const total = (n: number | null) => (n === null ? 'not scored' : n.toFixed(1));

export function prioritiesSection(ranking: PriorityRanking | null | undefined): Section | null {
  if (!ranking?.rows.length) return null;
  const { criteria } = ranking;
  const ranked = ranking.rows.filter((r) => r.rank !== null);
  const unranked = ranking.rows.filter((r) => r.rank === null);
  // Themes with no score at all are named, not tabled: a row of "not scored" says nothing.
  const scored = ranking.rows.filter((r) => criteria.some((c) => (r.scores[c.key] ?? null) !== null));
  const unscored = ranking.rows.filter((r) => !scored.includes(r));
  // The evidence is a few sentences a theme: in a column of the table it made one row run over pages,
  // so it follows the table, theme by theme, for the themes ranked.
  const evidence: Block[] = ranked.flatMap((r): Block[] => [
    { kind: 'heading', text: `${r.rank}. ${r.label} (score ${total(r.score)}): the evidence` },
    r.evidence.length ? { kind: 'list', items: r.evidence } : { kind: 'paragraph', text: 'No evidence is held for this theme.' },
  ]);
  return {
    id: 'priorities',
    heading: 'Priorities',
    blocks: [
      {
        kind: 'paragraph',
        text:
          `The partnership's ${ranking.year} priority assessment ranks ${ranked.length} of ${ranking.rows.length} themes; rank 1 is the highest priority.` +
          (unranked.length
            ? ` ${unranked.length === 1 ? 'One theme is' : `${unranked.length} themes are`} not ranked, because not every criterion has been scored for ${unranked.length === 1 ? 'it' : 'them'} yet.`
            : ''),
      },
      ...(scored.length ? [scoresTable(ranking, scored)] : []),
      ...(unscored.length ? [{ kind: 'paragraph' as const, text: `Not scored yet: ${unscored.map((r) => r.label).join(', ')}.` }] : []),
      ...evidence,
      { kind: 'heading', text: 'How the priorities are scored' },
      { kind: 'paragraph', text: ranking.method },
      { kind: 'definitions', items: criteria.map((c) => ({ term: c.label, text: c.guidance })) },
    ],
  };
}

/** The themes with any score, in rank order, with each criterion's score. */
function scoresTable(ranking: PriorityRanking, rows: PriorityRanking['rows']): Block {
  const { criteria } = ranking;
  return {
    kind: 'table',
    caption: `Priorities ${ranking.year}: themes in rank order, with each criterion's score (1 to 5)`,
    head: ['Rank', 'Theme', 'Score', ...criteria.map((c) => `${c.label} (weight ${c.weight})`)],
    rows: rows.map((r) => [
      { text: r.rank === null ? 'not ranked' : String(r.rank) },
      { text: r.label, header: true },
      { text: total(r.score) },
      ...criteria.map((c) => ({ text: score(r.scores[c.key] ?? null) })),
    ]),
  };
}
