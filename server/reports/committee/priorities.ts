/**
 * The "Priorities" section: the partnership's ranked themes (threat, risk and harm scored per
 * theme), with each criterion's score and the evidence behind it, then how the score is formed.
 * Nothing when no ranking is given.
 */
import type { PriorityRanking } from '../priority-ranking.js';
import type { Section } from './model.js';

const score = (n: number | null) => (n === null ? 'not scored' : String(n));
const total = (n: number | null) => (n === null ? 'not scored' : n.toFixed(1));

export function prioritiesSection(ranking: PriorityRanking | null | undefined): Section | null {
  if (!ranking?.rows.length) return null;
  const { criteria } = ranking;
  return {
    id: 'priorities',
    heading: 'Priorities',
    blocks: [
      {
        kind: 'paragraph',
        text: `The partnership's ${ranking.year} priority assessment ranks ${ranking.rows.length} ${ranking.rows.length === 1 ? 'theme' : 'themes'}; rank 1 is the highest priority.`,
      },
      {
        kind: 'table',
        caption: `Priorities ${ranking.year}: themes in rank order, with each criterion's score (1 to 5) and the evidence`,
        head: ['Rank', 'Theme', 'Score', ...criteria.map((c) => `${c.label} (weight ${c.weight})`), 'Evidence'],
        rows: ranking.rows.map((r) => [
          { text: r.rank === null ? 'not ranked' : String(r.rank) },
          { text: r.label, header: true },
          { text: total(r.score) },
          ...criteria.map((c) => ({ text: score(r.scores[c.key] ?? null) })),
          { text: r.evidence.join(' ') },
        ]),
      },
      { kind: 'heading', text: 'How the priorities are scored' },
      { kind: 'paragraph', text: ranking.method },
      { kind: 'definitions', items: criteria.map((c) => ({ term: c.label, text: c.guidance })) },
    ],
  };
}
