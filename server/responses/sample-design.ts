/**
 * A complex sample as declared at import (stratum, PSU, fpc per return), checked with the rules the
 * estimators apply (analysis/design/design.ts), so a declaration the report could not use is refused
 * at import with the stratum named, and nothing is stored.
 */
import { DesignError, validateDesign } from '../../analysis/design/design.js';
import { Unprocessable } from '../errors.js';

export interface DeclaredDesign {
  stratum: string | null;
  psu: string | null;
  fpc: number | null;
}

/**
 * The analysis design of stored returns: strata and PSUs as dense codes; a return without a
 * declared stratum is in the stratum 'not declared', without a PSU it is its own PSU, and without
 * an fpc its stratum has no correction (R fpc = Inf). Undefined when nothing is declared.
 */
export function sampleDesignOf(
  rows: readonly DeclaredDesign[],
): { strata?: Int32Array; psu?: Int32Array; fpc?: Float64Array; stratumNames: string[] } | undefined {
  const anyStratum = rows.some((r) => r.stratum !== null);
  const anyPsu = rows.some((r) => r.psu !== null);
  const anyFpc = rows.some((r) => r.fpc !== null);
  if (!anyStratum && !anyPsu && !anyFpc) return undefined;
  const names: string[] = [];
  const strataCode = new Map<string, number>();
  const psuCode = new Map<string, number>();
  const strata = Int32Array.from(rows, (r) => {
    const name = r.stratum ?? 'not declared';
    let h = strataCode.get(name);
    if (h === undefined) {
      h = names.length;
      strataCode.set(name, h);
      names.push(name);
    }
    return h;
  });
  const psu = Int32Array.from(rows, (r, i) => {
    const key = r.psu === null ? `#${i}` : `=${r.psu}`;
    let g = psuCode.get(key);
    if (g === undefined) {
      g = psuCode.size;
      psuCode.set(key, g);
    }
    return g;
  });
  return {
    ...(anyStratum ? { strata } : {}),
    ...(anyPsu ? { psu } : {}),
    ...(anyFpc ? { fpc: Float64Array.from(rows, (r) => r.fpc ?? Infinity) } : {}),
    stratumNames: names,
  };
}

/** Refuses (422) a declaration the estimators would stop on. */
export function checkSampleDesign(rows: readonly { weight: number; design: DeclaredDesign }[]): void {
  const declared = sampleDesignOf(rows.map((r) => r.design));
  if (!declared) return;
  try {
    validateDesign({ weights: Float64Array.from(rows, (r) => r.weight), ...declared });
  } catch (e) {
    if (e instanceof DesignError) throw new Unprocessable(`The sample design cannot be used: ${e.message} Nothing was stored.`);
    throw e;
  }
}
