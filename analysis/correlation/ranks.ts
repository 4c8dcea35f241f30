/**
 * Ranks with ties given their average rank, as R `rank(x)` (ties.method = "average").
 *
 * Example: averageRanks([10, 20, 20, 5])   // [2, 3.5, 3.5, 1]
 */
export function averageRanks(x: readonly number[]): number[] {
  const order = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
  const ranks = new Array<number>(x.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && x[order[j + 1]] === x[order[i]]) j++;
    const average = (i + j) / 2 + 1; // ranks are 1-based
    for (let k = i; k <= j; k++) ranks[order[k]] = average;
    i = j + 1;
  }
  return ranks;
}

export function hasTies(x: readonly number[]): boolean {
  return new Set(x).size !== x.length;
}
