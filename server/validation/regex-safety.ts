/**
 * Whether a questionnaire's regex validator could freeze the server. JavaScript's RegExp
 * backtracks, so a pattern such as `^(a+)+$` takes exponential time on an answer like
 * "aaaaaaaaaaaaaaaaaaaaaaaaaaaa!" (29 characters: seconds of a blocked event loop). Refused:
 *   - a repeated group that itself contains a repeat (`(a+)+`, `(\w*)*`, `(a{2,}){3,}`),
 *   - a repeated group whose alternatives can match the same text (`(a|ab)*`, `(x|x)+`),
 *   - backreferences (`\1`, `\k<name>`), which no linear-time engine supports either.
 * What passes still runs on answers of at most REGEX_MAX_INPUT characters (validators.ts), which
 * bounds the polynomial cases (`\d*\d*\d*$`) the check lets through.
 */

/** Longest answer a regex validator is run on. */
export const REGEX_MAX_INPUT = 256;

interface Frame {
  /** The group contains a quantifier that repeats (more than once). */
  repeats: boolean;
  /** Its top-level alternatives, as written. */
  alternatives: string[];
  /** Where its "(" is. */
  open: number;
}

/** Reads a quantifier at `i`: its length and whether it allows more than one repetition. */
function quantifierAt(p: string, i: number): { length: number; repeats: boolean } | null {
  const c = p[i];
  let length = 0;
  let repeats = false;
  if (c === '*' || c === '+') {
    length = 1;
    repeats = true;
  } else if (c === '?') length = 1;
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
    if (!m) return null;
    length = m[0].length;
    const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    repeats = max > 1;
  } else return null;
  if (p[i + length] === '?') length++; // lazy: backtracks the same way
  return { length, repeats };
}

/** Alternatives that can match the same text: equal, or one a literal prefix of another. */
function overlapping(alternatives: string[]): boolean {
  const literal = alternatives.every((a) => /^[\w -]*$/.test(a));
  if (!literal) return false;
  return alternatives.some((a, i) => alternatives.some((b, j) => i !== j && b.startsWith(a)));
}

/** Why the pattern is unsafe to run, or null when the check finds nothing. */
export function unsafeRegexReason(pattern: string): string | null {
  const stack: Frame[] = [{ repeats: false, alternatives: [], open: -1 }];
  const altStarts: number[] = [0];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next !== undefined && /[1-9]/.test(next)) return 'it uses a backreference (\\1 …)';
      if (next === 'k' && pattern[i + 2] === '<') return 'it uses a named backreference (\\k<…>)';
      if ((next === 'p' || next === 'P' || next === 'u') && pattern[i + 2] === '{') i = pattern.indexOf('}', i);
      else i++;
      if (i < 0) break;
    } else if (c === '[') {
      // A character class matches one character: skip to its closing bracket.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      i = j;
    } else if (c === '(') {
      let j = i + 1;
      if (pattern[j] === '?') {
        const m = /^\?(:|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(pattern.slice(j));
        j += m ? m[0].length : 1;
      }
      stack.push({ repeats: false, alternatives: [], open: i });
      altStarts.push(j);
      i = j - 1;
    } else if (c === '|') {
      const top = stack[stack.length - 1];
      top.alternatives.push(pattern.slice(altStarts[altStarts.length - 1], i));
      altStarts[altStarts.length - 1] = i + 1;
    } else if (c === ')') {
      if (stack.length === 1) continue; // unbalanced: RegExp itself refuses it
      const group = stack.pop()!;
      const lastStart = altStarts.pop()!;
      if (group.alternatives.length) group.alternatives.push(pattern.slice(lastStart, i));
      const q = quantifierAt(pattern, i + 1);
      if (q?.repeats && group.repeats) return `a repeated group contains another repeat (${pattern.slice(group.open, i + 1 + q.length)})`;
      if (q?.repeats && overlapping(group.alternatives))
        return `a repeated group has alternatives that match the same text (${pattern.slice(group.open, i + 1 + q.length)})`;
      const parent = stack[stack.length - 1];
      parent.repeats ||= group.repeats || (q?.repeats ?? false);
      if (q) i += q.length;
    } else {
      const q = quantifierAt(pattern, i);
      if (q) {
        if (q.repeats) stack[stack.length - 1].repeats = true;
        i += q.length - 1;
      }
    }
  }
  return null;
}
