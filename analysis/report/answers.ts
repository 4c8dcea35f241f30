/**
 * Answers by question instead of by respondent: each named question's raw answers in one array,
 * read in one pass over the respondents. A report codes every question and breakdown from these,
 * so each respondent's object is visited once, not once per question (at a million respondents the
 * scattered objects, not the coding, are what costs).
 *
 * @example
 * const cols = answerColumns([{ q: 'a' }, { q: 'b', r: 1 }], ['q', 'r']);
 * cols.column('q'); // ['a', 'b']; cols.column('r'); // [undefined, 1]
 */
export interface AnswerColumns {
  length: number;
  column(name: string): readonly unknown[];
}

export function answerColumns(answers: readonly Record<string, unknown>[], names: readonly string[]): AnswerColumns {
  const unique = [...new Set(names)];
  const n = answers.length;
  const columns = unique.map(() => new Array<unknown>(n));
  for (let i = 0; i < n; i++) {
    const a = answers[i];
    for (let j = 0; j < unique.length; j++) columns[j][i] = a[unique[j]];
  }
  const byName = new Map(unique.map((name, j) => [name, columns[j]]));
  return {
    length: n,
    column: (name) => byName.get(name) ?? answers.map((a) => a[name]),
  };
}
