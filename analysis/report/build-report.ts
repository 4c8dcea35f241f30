/**
 * One wave's report: every category and net of every question as a weighted proportion with a
 * calibration-aware SE and CI, the same by each breakdown, the groups compared (every pair for a
 * breakdown of up to 5 groups, each group against the rest of the sample above that: see
 * ./comparison-rules.ts; BH-adjusted within each question × breakdown table), and a Rao–Scott test
 * of association for each question × breakdown. Pure: answers and weights in, plain objects out.
 *
 * Decisions applied everywhere:
 * - The base of a question is the respondents with a valid answer; answers listed in
 *   `excludeFromBase` (e.g. "Don't know") and blanks are left out, and `bases` says so.
 * - Domains (a group of a breakdown) are estimated on the full design (R `svyby`), so the
 *   covariance between groups is right for comparisons.
 * - df = n − 1 with n the unweighted base of the estimate (R `degf` of the subset design); with a
 *   declared sample design (strata, PSUs, fpc), R's degf of the subset: PSUs − strata among the
 *   base, and R svychisq's ν (PSUs − strata of the whole design) for the Rao–Scott test.
 * - An estimate whose unweighted base is below the threshold is suppressed, and so are
 *   comparisons and tests that use it; a second group is suppressed where the hidden one could be
 *   worked out from a total or a parent group (./disclosure-marks.ts). A suppressed estimate has no
 *   number at all, its base n included.
 */
import { weightDiagnostics } from '../weights/diagnostics.js';
import { confidenceInterval } from './ci.js';
import { answerColumns } from './answers.js';
import { answeredMask, categoryCodes, groupCodes, numericValues, optionIndicators, sumOfOptions } from './codes.js';
import { smallBaseReason } from '../disclosure/suppress.js';
import { breakdownMarks, groupBasesMany } from './disclosure-marks.js';
import { tQuantile } from '../inference/distributions.js';
import { associationTest } from './association.js';
import { type Design, designDegreesOfFreedom, subsetDegreesOfFreedom, validateDesign } from '../design/design.js';
import { designOf, jointAndGroupedAll, meanTable, proportionsTables, type Table } from './tables.js';
import { bhAdjust } from '../inference/bh.js';
import { groupDifference } from '../inference/contrast.js';
import { fixedRowsByWeighting } from './fixed-by-weighting.js';
import { groupVsRestMeans, groupVsRestOfTable, type GroupVsRest } from '../inference/group-vs-rest.js';
import { tTwoSidedP } from '../inference/distributions.js';
import { COMPARISON_MODES, comparisonMethodText, comparisonRule, REST_OF_SAMPLE } from './comparison-rules.js';
import type { Comparison, Estimate, ReportInput, ReportQuestion, SampleDesignSummary, WaveReport } from './types.js';

export { PAIRS_ON_REQUEST_MAX_GROUPS, PAIRWISE_MAX_GROUPS, REST_OF_SAMPLE } from './comparison-rules.js';

export const DEFAULT_THRESHOLD = 30;
/**
 * Below this effective base (the simple random sample with the same precision) an estimate is
 * shown, but with a caution: weighting can leave a base of 120 replies as precise as 60.
 */
export const SMALL_EFFECTIVE_BASE = 100;
export const smallBaseCaution = (nEffective: number) =>
  `Effective base of ${Math.round(nEffective)} is below ${SMALL_EFFECTIVE_BASE}: a rough figure, treat it with caution.`;
export const DEFAULT_ALPHA = 0.05;

/** A reported row: a category or a net, as weights over the question's categories. */
export interface Row {
  key: string;
  label: string;
  net: boolean;
  /** 1 for each category index counted in the row. */
  members: number[];
}

export function reportRows(q: ReportQuestion): Row[] {
  if (q.kind === 'numeric') return [{ key: 'mean', label: 'Mean', net: false, members: [0] }];
  const cats = q.categories.filter((c) => !q.excludeFromBase.includes(c.value));
  const rows: Row[] = cats.map((c, i) => ({ key: c.value, label: c.label, net: false, members: [i] }));
  for (const net of q.nets) {
    const members = net.values.map((v) => cats.findIndex((c) => c.value === v)).filter((i) => i >= 0);
    rows.push({ key: net.name, label: `Net: ${net.name.replace(/_/g, ' ')}`, net: true, members });
  }
  return rows;
}

/** Estimate, SE and n for a row of one group of a table. */
export function rowEstimate(t: Table, g: number, row: Row) {
  const K = t.categories;
  const idx = row.members.map((c) => g * K + c);
  let est = 0;
  let v = 0;
  for (const a of idx) {
    est += t.p[a];
    for (const b of idx) v += t.V[a][b];
  }
  return { estimate: est, se: Math.sqrt(Math.max(v, 0)), n: t.n[g] };
}

/** Difference of a row between groups a and b, with Var = V_aa + V_bb − 2 V_ab. */
function rowDifference(t: Table, a: number, b: number, row: Row) {
  const K = t.categories;
  const ia = row.members.map((c) => a * K + c);
  const ib = row.members.map((c) => b * K + c);
  let vaa = 0,
    vbb = 0,
    vab = 0,
    ea = 0,
    eb = 0;
  for (const x of ia) ea += t.p[x];
  for (const x of ib) eb += t.p[x];
  for (const x of ia) for (const y of ia) vaa += t.V[x][y];
  for (const x of ib) for (const y of ib) vbb += t.V[x][y];
  for (const x of ia) for (const y of ib) vab += t.V[x][y];
  return { ea, eb, vaa, vbb, vab };
}

export function buildWaveReport(input: ReportInput): WaveReport {
  const threshold = input.threshold ?? DEFAULT_THRESHOLD;
  const alpha = input.alpha ?? DEFAULT_ALPHA;
  const ciMethod = input.ci ?? 'logit';
  const mode = input.comparisons ?? 'auto';
  if (!COMPARISON_MODES.includes(mode)) throw new RangeError(`Unknown comparisons '${mode}': use auto, pairs or rest.`);
  const rules = input.breakdowns.map((b) => comparisonRule(b, mode));
  const design = designOf(input.weights, input.calibration, input.design);
  // Only with a declared design: otherwise the df stay n − 1, exactly as before.
  const dfWithin = input.design ? subsetDegreesOfFreedom(design) : null;
  const diag = weightDiagnostics(input.weights);
  const estimates: Estimate[] = [];
  const comparisons: Comparison[] = [];
  const associations: WaveReport['associations'] = [];
  const bases: WaveReport['bases'] = [];
  const dfDesign = input.design ? designDegreesOfFreedom(design) : null;
  // Every question and breakdown read in one pass over the respondents (./answers.ts), unless they come by question.
  const columns =
    'column' in input.answers ? input.answers : answerColumns(input.answers, [...input.questions.map((q) => q.name), ...input.breakdowns.map((b) => b.name)]);
  const groupIndex = new Map(input.breakdowns.map((b) => [b.name, groupCodes(columns, b)]));
  // Single-choice questions' tables, overall and by each breakdown: one pass over the respondents per
  // breakdown for all questions (sums in typed arrays), not one per question × breakdown.
  const singles = input.questions.filter((q) => (q.kind ?? 'single') === 'single');
  const singleCodes = singles.map((q) => categoryCodes(columns, q));
  const singleK = singles.map((q) => q.categories.filter((c) => !q.excludeFromBase.includes(c.value)).length);
  const overallTables = new Map(proportionsTables(design, singleCodes, singleK).map((t, j) => [singles[j].name, t]));
  const jointTables = new Map(
    input.breakdowns.map((b) => {
      const asked = singles.flatMap((q, j) => (q.name === b.name ? [] : [j]));
      const tables = jointAndGroupedAll(
        design,
        asked.map((j) => singleCodes[j]),
        asked.map((j) => singleK[j]),
        groupIndex.get(b.name)!,
        b.categories.length,
      );
      return [b.name, new Map(asked.map((j, t) => [singles[j].name, tables[t]]))];
    }),
  );

  for (const q of input.questions) {
    const kind = q.kind ?? 'single';
    const rows = reportRows(q);
    const codes = kind === 'single' ? singleCodes[singles.indexOf(q)] : null;
    const means = kind === 'numeric' ? numericValues(columns, q.name) : kind === 'multi' ? optionIndicators(columns, q) : null;
    const K = means ? means.ys.length : q.categories.filter((c) => !q.excludeFromBase.includes(c.value)).length;
    bases.push({
      question: q.name,
      excluded: q.excludeFromBase,
      note:
        kind === 'multi'
          ? 'Base: respondents who chose at least one option; each option is the share who chose it (options can add up to more than 100%).'
          : kind === 'numeric'
            ? 'Base: respondents who gave a number; the estimate is the weighted mean.'
            : q.excludeFromBase.length
              ? `Base: respondents who answered, excluding ${q.excludeFromBase.map((v) => `“${q.categories.find((c) => c.value === v)?.label ?? v}”`).join(', ')} and blanks.`
              : 'Base: respondents who answered (blanks excluded).',
    });
    const overall = means ? meanTable(design, means.ys, means.valid, null, 1) : overallTables.get(q.name)!;
    const answered = (i: number) => (means ? means.valid[i] === 1 : codes![i] >= 0);
    const dfQuestion = dfWithin ? dfWithin(answered) : null;
    const fixed =
      codes && input.calibration
        ? fixedRowsByWeighting(
            codes,
            rows.map((r) => r.members),
            input.calibration,
            input.weights,
          )
        : null;
    rows.forEach((row, r) => {
      const e = makeEstimate(q, row, null, rowEstimate(overall, 0, row), null, dfQuestion, fixed?.[r]);
      if (fixed) e.fixedByWeighting = fixed[r];
      estimates.push(e);
    });

    // Disclosure control on the group bases of every breakdown of this question in one decision
    // (./disclosure-marks.ts), so a group hidden in a detailed breakdown cannot be worked out from
    // its grouped form, nor the other way round.
    const shown = input.breakdowns.filter((b) => b.name !== q.name);
    const answeredOnes = means ? means.valid : answeredMask(codes!);
    const basesByBreakdown = groupBasesMany(
      shown.map((b) => ({ groups: groupIndex.get(b.name)!, G: b.categories.length })),
      answeredOnes,
      input.weights,
    );
    const baseCounts = new Map(shown.map((b, k) => [b.name, basesByBreakdown[k]]));
    const marksOf = breakdownMarks(shown, baseCounts, threshold);

    for (const b of input.breakdowns) {
      if (b.name === q.name) continue;
      const groups = groupIndex.get(b.name)!;
      const G = b.categories.length;
      const both = codes ? jointTables.get(b.name)!.get(q.name)! : null;
      const rule = rules[input.breakdowns.indexOf(b)];
      const table = both ? both.grouped : meanTable(design, means!.ys, means!.valid, groups, G, rule.against === 'rest');
      const reasons = marksOf.get(b.name)!;
      // The decision was made on bases counted apart; they must be this table's.
      if (reasons.length !== G || table.n.some((n, g) => n !== baseCounts.get(b.name)![g])) {
        throw new Error(`The group bases of ${b.name} for ${q.name} do not match its table.`);
      }
      const marks = reasons.map((reason) => ({ reason }));
      // Each group against the rest: from the joint table for proportions (one covariance for all
      // groups and rows), from the means table's own pass for a mean.
      const vsRestOfTable = both && rule.against === 'rest' ? groupVsRestOfTable(both.joint.p, both.joint.V, K, G) : null;
      const restOf = (row: Row): GroupVsRest[] => {
        if (vsRestOfTable) return vsRestOfTable(row.members);
        if (row.members.length === 1) return table.vsRest![row.members[0]];
        // A net of several options is the mean of their sum (a sum of means on the same base).
        const { ys, valid } = means!;
        return groupVsRestMeans(design, sumOfOptions(ys, row.members), groups, G, valid).vsRest;
      };
      const section: Comparison[] = [];
      const dfGroups = dfWithin ? b.categories.map((_, g) => dfWithin((i) => groups[i] === g && answered(i))) : null;
      const dfCompare = dfQuestion ?? table.nValid - 1;
      for (const row of rows) {
        const perGroup = b.categories.map((cat, g) => {
          const e = rowEstimate(table, g, row);
          const est = makeEstimate(q, row, { variable: b.name, value: cat.value, label: cat.label }, e, marks[g].reason, dfGroups?.[g] ?? null);
          estimates.push(est);
          return est;
        });
        if (rule.against === 'rest') {
          section.push(...restComparisons(q.name, row, b.name, perGroup, restOf(row), table.n, dfCompare));
          continue;
        }
        for (let a = 0; a < G; a++) {
          for (let c = a + 1; c < G; c++) {
            const A = perGroup[a];
            const B = perGroup[c];
            const base = { question: q.name, category: row.key, variable: b.name, against: 'group' as const, a: A.group!.value, b: B.group!.value };
            if (A.suppressed || B.suppressed || table.n[a] < 2 || table.n[c] < 2) {
              section.push(suppressedComparison(base, 'A group in this comparison is suppressed (base too small).'));
              continue;
            }
            const d = rowDifference(table, a, c, row);
            const r = groupDifference(d.ea, d.eb, d.vaa, d.vbb, d.vab, dfCompare);
            section.push({
              ...base,
              estimateA: d.ea,
              estimateB: d.eb,
              difference: r.difference,
              se: r.se,
              t: r.t,
              p: Number.isFinite(r.p) ? r.p : null,
              pAdjusted: null,
              significant: false,
              suppressed: false,
            });
          }
        }
      }
      adjust(section, alpha);
      comparisons.push(...section);
      if (both) associations.push(associationTest(q, b, both.joint, K, codes!.length, threshold, dfDesign ?? codes!.length - 1));
    }
  }
  adjust(associations, alpha);
  return {
    n: input.weights.length,
    nEffective: diag.nEffective,
    marginOfError: diag.marginOfError,
    ciMethod,
    threshold,
    bases,
    estimates,
    comparisons,
    comparisonRules: rules,
    comparisonMethod: comparisonMethodText(mode, alpha),
    associations,
    sampleDesign: input.design ? sampleDesignSummary(design, dfDesign!) : null,
  };

  /** Each group of a breakdown against the rest of the sample, for one row. */
  function restComparisons(question: string, row: Row, variable: string, perGroup: Estimate[], vsRest: GroupVsRest[], n: number[], df: number): Comparison[] {
    const nAll = n.reduce((a, b) => a + b, 0);
    return perGroup.map((e, g) => {
      const base = { question, category: row.key, variable, against: 'rest' as const, a: e.group!.value, b: REST_OF_SAMPLE };
      const nRest = nAll - n[g];
      const r = vsRest[g];
      const reason =
        e.suppressed || n[g] < 2
          ? 'This group is suppressed (base too small).'
          : nRest < threshold
            ? `The rest of the sample has fewer than ${threshold} replies, so it is not compared.`
            : !Number.isFinite(r.variance)
              ? 'The rest of the sample has no respondents.'
              : null;
      if (reason) return suppressedComparison(base, reason);
      const se = Math.sqrt(r.variance);
      // The group's value as the breakdown reports it (the same number, to the last digit).
      const estimateA = e.estimate as number;
      const difference = estimateA - r.rest;
      const t = difference / se;
      const p = tTwoSidedP(t, df);
      return {
        ...base,
        estimateA,
        estimateB: r.rest,
        difference,
        se,
        t,
        p: Number.isFinite(p) ? p : null,
        pAdjusted: null,
        significant: false,
        suppressed: false,
      };
    });
  }

  function makeEstimate(
    q: ReportQuestion,
    row: Row,
    group: Estimate['group'],
    e: { estimate: number; se: number; n: number },
    suppressedBecause?: string | null,
    designDf?: number | null,
    fixedByWeighting = false,
  ): Estimate {
    const out: Estimate = {
      question: q.name,
      construct: q.construct,
      category: row.key,
      label: row.label,
      net: row.net,
      group,
      n: e.n,
      nEffective: null,
      estimate: null,
      se: null,
      ci: null,
      suppressed: false,
    };
    const reason = suppressedBecause ?? (e.n < threshold ? `${smallBaseReason(threshold)}.` : null);
    if (reason) {
      out.suppressed = true;
      out.reason = e.n === 0 ? 'No respondents in this group.' : reason;
      out.n = null;
      return out;
    }
    out.estimate = e.estimate;
    out.se = e.se;
    const df = designDf ?? e.n - 1;
    if (designDf !== null && designDf !== undefined) out.df = designDf;
    if (q.kind !== 'numeric' && e.se > 0) out.nEffective = (e.estimate * (1 - e.estimate)) / (e.se * e.se);
    if (out.nEffective !== null && out.nEffective < SMALL_EFFECTIVE_BASE) out.caution = smallBaseCaution(out.nEffective);
    if (q.kind === 'numeric') {
      // A mean: t interval on df = n − 1 (the design df with a declared design).
      const t = tQuantile(0.975, df);
      out.ci = [e.estimate - t * e.se, e.estimate + t * e.se];
    } else if (fixedByWeighting) {
      // The weighting sets this share: what is left of its SE is the raking's convergence (1e-11 to
      // 1e-6), not sampling error, so its interval is the share itself. Korn–Graubard on that SE
      // asks qbeta for an effective base of 1e11 or more: stdlib took up to 0.3 s a call there and
      // could put both bounds on one side of the share (R's svyciprop gives NaN for such a share).
      out.ci = [e.estimate, e.estimate];
    } else out.ci = confidenceInterval(ciMethod, e.estimate, e.se, e.n, df);
    return out;
  }
}

/** The declared design in numbers and words, for the report's method text. */
export function sampleDesignSummary(design: Design, df: number): SampleDesignSummary {
  const { strata, units } = validateDesign(design);
  const H = strata.sizes.length;
  const clustered = !!units?.clustered;
  const psus = units ? units.unitStratum.length : design.weights.length;
  const fpc = !!design.fpc;
  const parts = [
    design.strata ? `${H} strata` : null,
    clustered ? `${psus} PSUs (clusters)${design.strata ? ' within the strata' : ''}` : null,
    fpc ? 'a finite population correction' : null,
  ].filter(Boolean);
  const allows = [design.strata ? 'the stratification' : null, clustered ? 'the clustering' : null, fpc ? 'the finite population correction' : null].filter(
    Boolean,
  );
  const list = (xs: unknown[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}` : String(xs[0]));
  const text =
    `Sample design declared at import: ${list(parts)}. Standard errors, confidence intervals and tests allow for ${list(allows)} ` +
    `(as R survey's svydesign(ids = ${clustered ? '~psu' : '~1'}${design.strata ? ', strata = ~stratum' : ''}${fpc ? ', fpc = ~fpc' : ''})), ` +
    `with ${df} design degrees of freedom (${clustered ? 'PSUs' : 'respondents'} minus strata).`;
  return { strata: H, psus, clustered, fpc, df, text };
}

/** A comparison that is not made (a group too small, or no rest to compare with), with why. */
function suppressedComparison(base: Pick<Comparison, 'question' | 'category' | 'variable' | 'against' | 'a' | 'b'>, reason: string): Comparison {
  return {
    ...base,
    estimateA: null,
    estimateB: null,
    difference: null,
    se: null,
    t: null,
    p: null,
    pAdjusted: null,
    significant: false,
    suppressed: true,
    reason,
  };
}

/** BH within a family; the flag uses the adjusted p. Suppressed or untestable entries stay out of m. */
export function adjust<T extends { p: number | null; pAdjusted: number | null; significant: boolean }>(family: T[], alpha: number) {
  const idx = family.map((x, i) => (x.p === null ? -1 : i)).filter((i) => i >= 0);
  if (!idx.length) return;
  const adjusted = bhAdjust(idx.map((i) => family[i].p as number));
  idx.forEach((i, k) => {
    family[i].pAdjusted = adjusted[k];
    family[i].significant = adjusted[k] < alpha;
  });
}
