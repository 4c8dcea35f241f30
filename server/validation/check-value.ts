/**
 * Checks on one non-empty answer beyond what survey-core enforces: the right type, a value the
 * questionnaire offers, within range, not too long. Each checker returns readable messages (none if fine).
 */
import type { QuestionSpec } from './types.js';

export type ValueChecker = (value: unknown) => string[] | null;

/** The same pattern as survey-core's EmailValidator, so both sides agree on what an address is. */
const EMAIL = /^(([^<>()[\].,;:\s@"]+(\.[^<>()[\].,;:\s@"]+)*)|(".+"))@(([^<>()=[\].,;:\s@"]+\.)+[^<>()=[\].,;:\s@"]{2,})$/i;
/** How many answer options an error message lists before "…". */
const OPTIONS_SHOWN = 8;
/** Long values are cut in messages so an error never echoes a whole essay. */
const VALUE_SHOWN = 40;

/** Invisible and control characters (null bytes, zero-width spaces, direction overrides, lone surrogates). */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

/** Text safe to show in a message: invisible characters written as \uXXXX so a person can see them. */
export function printable(text: string): string {
  return text.replace(INVISIBLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value as a person would read it in a message: 'text', 3, true, a list, an object. */
export function show(v: unknown): string {
  if (typeof v === 'string') return `'${printable(v.length > VALUE_SHOWN ? `${v.slice(0, VALUE_SHOWN)}…` : v)}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return 'an object';
}

function optionList(values: readonly unknown[]): string {
  const shown = values.slice(0, OPTIONS_SHOWN).map((v) => String(v));
  return shown.join(', ') + (values.length > OPTIONS_SHOWN ? ', …' : '');
}

export function checkerFor(spec: QuestionSpec): ValueChecker {
  const q = `Question '${spec.name}'`;
  switch (spec.kind) {
    case 'single':
    case 'rating':
    case 'boolean': {
      const allowed = new Set<unknown>([...spec.choices, ...spec.specialValues]);
      const list = optionList([...spec.choices, ...spec.specialValues]);
      const what =
        spec.kind === 'rating' ? `on the rating scale (${list})` : spec.kind === 'boolean' ? `one of ${list}` : `one of the answer options (${list})`;
      return (v) => {
        if (allowed.has(v)) return null;
        if (typeof v === 'object') return [`${q} takes a single answer, not ${show(v)}.`];
        return [`${q}: ${show(v)} is not ${what}.`];
      };
    }
    case 'multi': {
      const allowed = new Set<unknown>([...spec.choices, ...spec.specialValues]);
      const list = optionList([...spec.choices, ...spec.specialValues]);
      const exclusive = spec.specialValues.filter((s) => s !== 'other');
      return (v) => {
        if (!Array.isArray(v)) return [`${q} takes a list of answer options, not ${show(v)}.`];
        const out: string[] = [];
        const seen = new Set<unknown>();
        for (const item of v) {
          if (typeof item === 'object' && item !== null) out.push(`${q} takes a list of answer options; ${show(item)} is not one.`);
          else if (!allowed.has(item)) out.push(`${q}: ${show(item)} is not one of the answer options (${list}).`);
          else if (seen.has(item)) out.push(`${q}: ${show(item)} is chosen more than once.`);
          seen.add(item);
        }
        if (v.length > 1) {
          for (const s of exclusive) if (seen.has(s)) out.push(`${q}: '${s}' cannot be combined with other answers.`);
        }
        if (spec.maxSelected !== undefined && v.length > spec.maxSelected) out.push(`${q}: choose at most ${spec.maxSelected} (${v.length} chosen).`);
        return out.length ? out : null;
      };
    }
    case 'number':
      return (v) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) return [`${q} takes a number, not ${show(v)}.`];
        if (spec.min !== undefined && v < spec.min) return [`${q}: ${v} is below the smallest allowed value, ${spec.min}.`];
        if (spec.max !== undefined && v > spec.max) return [`${q}: ${v} is above the largest allowed value, ${spec.max}.`];
        return null;
      };
    case 'text': {
      const max = spec.maxLength!;
      const email = spec.inputType === 'email';
      return (v) => {
        if (typeof v !== 'string') return [`${q} takes text, not ${show(v)}.`];
        if (v.length > max) return [`${q}: the answer is ${v.length} characters long; at most ${max} are allowed.`];
        if (email && !EMAIL.test(v)) return [`${q}: ${show(v)} is not an email address.`];
        return null;
      };
    }
  }
}

/** The free text under 'other' or in a comment box. */
export function commentChecker(spec: QuestionSpec, maxLength: number): ValueChecker {
  const key = `'${spec.name}-Comment'`;
  return (v) => {
    if (typeof v !== 'string') return [`Question '${spec.name}': the comment ${key} must be text, not ${show(v)}.`];
    if (v.length > maxLength) return [`Question '${spec.name}': the comment is ${v.length} characters long; at most ${maxLength} are allowed.`];
    return null;
  };
}
