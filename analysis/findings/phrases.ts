/**
 * Plain-English phrases for the reported rows of the questionnaires, used to write key findings:
 * "Fewer residents {feel safe in their local area after dark} than in 2025".
 * The phrase is keyed by the question's construct id and the net (or category) reported; a row
 * with no phrase gets no sentence (findings are never written from a guess at the wording).
 *
 * @example
 * rowPhrase('safety.after_dark.local', 'safe')   // 'feel safe in their local area after dark'
 * rowPhrase('worry.burglary', 'worried')         // 'are worried about burglary'
 */

const PLACES: Record<string, string> = {
  home: 'at home',
  'day.local': 'in their local area during the day',
  'after_dark.local': 'in their local area after dark',
  'day.town_centre': 'in the town centre during the day',
  'after_dark.town_centre': 'in the town centre after dark',
};

/** What the worry items are about, as a noun phrase. */
export const WORRY_TOPICS: Record<string, string> = {
  burglary: 'burglary',
  assault: 'being attacked or assaulted',
  car_theft: 'car theft',
  fraud: 'fraud or identity theft',
  pestered: 'being pestered or insulted in public',
  asb: 'anti-social behaviour',
  knife_crime: 'knife crime',
  drugs: 'drug dealing and drug use',
};

export function rowPhrase(construct: string, row: string): string | null {
  if (construct.startsWith('safety.')) {
    const place = PLACES[construct.slice('safety.'.length)];
    if (!place) return null;
    if (row === 'safe') return `feel safe ${place}`;
    if (row === 'unsafe') return `feel unsafe ${place}`;
    return null;
  }
  if (construct.startsWith('worry.')) {
    const topic = WORRY_TOPICS[construct.slice('worry.'.length)];
    if (!topic) return null;
    if (row === 'worried') return `are worried about ${topic}`;
    return null;
  }
  if (construct === 'confidence.police' && row === 'agree') return 'agree the police are dealing with the issues that matter locally';
  if (construct === 'confidence.council' && row === 'agree') return 'agree the council is dealing with the issues that matter locally';
  return null;
}

/** Who a group is, as the subject of a sentence ("women", "residents aged 18 to 24"; capitalise at the start). */
export function groupSubject(variable: string, value: string, label: string): string {
  if (variable === 'sex' && value === 'female') return 'women';
  if (variable === 'sex' && value === 'male') return 'men';
  if (variable === 'age_band') return `residents aged ${ageWords(label)}`;
  return `residents in the group "${label}"`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A proportion as a whole percentage, as the seeds write them. */
export function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}

/** "18-24" → "18 to 24", "75+" → "75 or over" (labels that are still the answer codes). */
function ageWords(label: string): string {
  return label.replace(/^(\d+)-(\d+)$/, '$1 to $2').replace(/^(\d+)\+$/, '$1 or over');
}
