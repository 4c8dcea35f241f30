/**
 * Answers by question instead of by respondent: each named question's raw answers in one array,
 * read in one pass over the respondents. A report codes every question and breakdown from these,
 * so each respondent's object is visited once, not once per question (at a million respondents the
 * scattered objects, not the coding, are what costs).
 *
 * A column can also be dictionary-coded (`coded`): its distinct values once, and per respondent the
 * index of theirs (−1: no answer). Coding then works on the few distinct values, not on n answers,
 * and no answer object is ever held: how the report reads a wave from the store.
 *
 * @example
 * const cols = answerColumns([{ q: 'a' }, { q: 'b', r: 1 }], ['q', 'r']);
 * cols.column('q'); // ['a', 'b']; cols.column('r'); // [undefined, 1]
 */
export interface CodedColumn {
  /** The distinct answers, each as first read. */
  values: readonly unknown[];
  /** Per respondent, the index of their answer in `values`; −1 when they gave none. */
  codes: Int32Array;
}

export interface AnswerColumns {
  length: number;
  column(name: string): readonly unknown[];
  /** The column dictionary-coded, when it is held so. */
  coded?(name: string): CodedColumn | undefined;
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

/**
 * Dictionary-coded columns of n respondents; a name without a column is a question nobody
 * answered. `column` spells a coded column out (for code that wants the answers themselves).
 */
export function codedColumns(n: number, columnOf: (name: string) => CodedColumn | undefined): AnswerColumns {
  const none: CodedColumn = { values: [], codes: new Int32Array(n).fill(-1) };
  const coded = (name: string) => columnOf(name) ?? none;
  return {
    length: n,
    coded,
    column(name) {
      const { values, codes } = coded(name);
      return Array.from(codes, (c) => (c < 0 ? undefined : values[c]));
    },
  };
}

/**
 * Typed arrays on shared memory: a big report's threads (server/reports/report-parts.ts) then read
 * the same columns, weights and margins rather than each a copy of them.
 */
export const sharedInt32 = (n: number) => new Int32Array(new SharedArrayBuffer(4 * n));
export const sharedFloat64 = (n: number) => new Float64Array(new SharedArrayBuffer(8 * n));

/** The first n values of a, on shared memory (a itself when it is all of them and shared already). */
export function sharedPrefix<A extends Int32Array | Float64Array>(a: A, n: number): A {
  if (n === a.length && a.buffer instanceof SharedArrayBuffer) return a;
  const out = (a instanceof Int32Array ? sharedInt32(n) : sharedFloat64(n)) as A;
  out.set(a.subarray(0, n) as never);
  return out;
}

/**
 * Builds a dictionary-coded column one answer at a time. Primitives are their own key; an array
 * (a multi-select answer) is keyed by its JSON, so equal answers share one entry.
 */
export class ColumnCoder {
  readonly codes: Int32Array;
  readonly values: unknown[];
  private readonly index: Map<unknown, number>;
  /**
   * @param n the most respondents it will hold
   * @param after a coder whose first `held` answers this one starts with (its codes and values copied,
   * so new answers code as they would have in one pass and the earlier column is left as it was)
   */
  constructor(n: number, after?: ColumnCoder, held = 0) {
    this.codes = sharedInt32(n).fill(-1);
    this.values = after ? after.values.slice() : [];
    this.index = after ? new Map(after.index) : new Map();
    if (after) this.codes.set(after.codes.subarray(0, held));
  }
  set(i: number, v: unknown) {
    if (v === undefined) return;
    const key = v !== null && typeof v === 'object' ? `\u0000${JSON.stringify(v)}` : v;
    let c = this.index.get(key);
    if (c === undefined) {
      c = this.values.length;
      this.index.set(key, c);
      this.values.push(v);
    }
    this.codes[i] = c;
  }
  /** The column for the first n respondents. */
  done(n: number): CodedColumn {
    return { values: this.values, codes: sharedPrefix(this.codes, n) };
  }
}
