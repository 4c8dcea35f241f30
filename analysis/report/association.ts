/**
 * Question × breakdown association: Rao–Scott second-order F on the joint table of respondents who
 * answered both (R `svychisq(~q + b, subset(design, !is.na(q) & !is.na(b)))`). Cell k = i + j·K
 * (question category i fastest), the order R's interaction() uses.
 */
import { raoScottF } from '../inference/rao-scott.js';
import type { Table } from './tables.js';
import type { Association, ReportBreakdown, ReportQuestion } from './types.js';

export function associationTest(
  q: ReportQuestion,
  b: ReportBreakdown,
  joint: Table,
  K: number,
  nDesign: number,
  threshold: number,
  df = nDesign - 1,
): Association {
  const G = b.categories.length;
  const n = joint.n[0];
  const base = { question: q.name, variable: b.name, n, pAdjusted: null, significant: false };
  // The reason gives the threshold, not the base: a small base is as telling as a small group.
  if (n < threshold)
    return { ...base, n: null, F: null, ndf: null, ddf: null, p: null, reason: `Fewer than ${threshold} respondents answered both, so not tested.` };
  const proportions = Array.from({ length: K }, (_, i) => Array.from({ length: G }, (_, j) => joint.p[i + j * K]));
  // As R: a subset of a calibrated design keeps every row (zero weight outside), and svychisq scales
  // by the rows of the design, so n is the whole sample and df = n − 1 (the F itself does not depend on n);
  // with a declared design, df is R's ν: PSUs − strata of the whole design.
  const r = raoScottF({ proportions, covariance: joint.V, n: nDesign, df });
  if (!Number.isFinite(r.F)) return { ...base, F: null, ndf: null, ddf: null, p: null, reason: r.note ?? 'Nothing to test.' };
  return { ...base, F: r.F, ndf: r.ndf, ddf: r.ddf, p: r.p };
}
