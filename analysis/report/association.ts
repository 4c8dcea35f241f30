/**
 * Question × breakdown association: Rao–Scott second-order F on the joint table of respondents who
 * answered both (R `svychisq(~q + b, subset(design, !is.na(q) & !is.na(b)))`). Cell k = i + j·K
 * (question category i fastest), the order R's interaction() uses.
 */
import type { Design } from '../design/design.js';
import { raoScottF } from '../inference/rao-scott.js';
import { proportionsTable } from './tables.js';
import type { Association, ReportBreakdown, ReportQuestion } from './types.js';

export function associationTest(
  design: Design,
  q: ReportQuestion,
  codes: Int32Array,
  K: number,
  b: ReportBreakdown,
  groups: Int32Array,
  threshold: number,
): Association {
  const G = b.categories.length;
  const joint = new Int32Array(codes.length);
  let n = 0;
  for (let i = 0; i < codes.length; i++) {
    const ok = codes[i] >= 0 && groups[i] >= 0;
    joint[i] = ok ? codes[i] + groups[i] * K : -1;
    if (ok) n++;
  }
  const base = { question: q.name, variable: b.name, n, pAdjusted: null, significant: false };
  if (n < threshold) return { ...base, F: null, ndf: null, ddf: null, p: null, reason: `Base of ${n} is below ${threshold}.` };
  const t = proportionsTable(design, joint, K * G, null, 1);
  const proportions = Array.from({ length: K }, (_, i) => Array.from({ length: G }, (_, j) => t.p[i + j * K]));
  // As R: a subset of a calibrated design keeps every row (zero weight outside), and svychisq scales
  // by the rows of the design, so n is the whole sample and df = n − 1 (the F itself does not depend on n).
  const nDesign = codes.length;
  const r = raoScottF({ proportions, covariance: t.V, n: nDesign, df: nDesign - 1 });
  if (!Number.isFinite(r.F)) return { ...base, F: null, ndf: null, ddf: null, p: null, reason: r.note ?? 'Nothing to test.' };
  return { ...base, F: r.F, ndf: r.ndf, ddf: r.ddf, p: r.p };
}
