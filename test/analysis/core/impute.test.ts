import { describe, expect, it } from 'vitest';
import { imputeCells } from '../../../analysis/weights/impute.js';

// No R function implements this rule (analysis/weights/impute.ts); every expected cell below is
// worked out by hand from the rule, with the reasoning beside it.
describe('imputeCells: the modal category among respondents who match on the other margins', () => {
  //            respondent: 0  1  2  3  4  5   6  7  8   9  10  11 12 13
  const sex = Int32Array.from([0, 0, 1, 1, 1, 0, -1, -1, -1, 1, -1, 0, 0, 1]);
  const age = Int32Array.from([0, 0, 0, 1, 1, 1, 0, 1, 2, -1, -1, -1, 2, 2]);
  const r = imputeCells([sex, age], [2, 3]);

  it('places each missing category as the rule says', () => {
    // 6 (age 0): donors of age 0 are 0, 1 (sex 0) and 2 (sex 1) → 0.
    // 7 (age 1): donors 3, 4 (sex 1) and 5 (sex 0) → 1.
    // 8 (age 2): donors 12 (sex 0) and 13 (sex 1) tie → the first category, 0.
    // 10 (nothing known): sex over everyone: 0 ×5 (0, 1, 5, 11, 12), 1 ×5 (2, 3, 4, 9, 13) → tie → 0.
    expect([...r.cells[0]]).toEqual([0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1]);
    // 9 (sex 1): donors 2 (age 0), 3, 4 (age 1), 13 (age 2) → 1.
    // 10: age over everyone: 0 ×4 (0, 1, 2, 6), 1 ×4 (3, 4, 5, 7), 2 ×3 → tie → 0.
    // 11 (sex 0): donors 0, 1 (age 0), 5 (age 1), 12 (age 2) → 0.
    expect([...r.cells[1]]).toEqual([0, 0, 0, 1, 1, 1, 0, 1, 2, 1, 0, 0, 2, 2]);
    expect(r.imputed).toEqual([4, 3]);
  });

  it('uses answers given only, so the order of respondents does not matter', () => {
    const order = [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
    const reversed = imputeCells([Int32Array.from(order, (i) => sex[i]), Int32Array.from(order, (i) => age[i])], [2, 3]);
    expect([...reversed.cells[0]]).toEqual(order.map((i) => r.cells[0][i]));
    expect([...reversed.cells[1]]).toEqual(order.map((i) => r.cells[1][i]));
  });

  it('leaves the input arrays as they were', () => {
    expect(sex[6]).toBe(-1);
    expect(age[9]).toBe(-1);
  });
});
