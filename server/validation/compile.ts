/**
 * compileSurvey: a SurveyJS questionnaire turned once into a fast answer validator.
 *
 * Agrees with survey-core 2.5.38 (`model.data = answers; model.validate()` then completion) on what it
 * checks: a question is required when isRequired (or requiredIf is true), shown (its own visibleIf and
 * every page/panel above it) and enabled (enableIf, readOnly); 'other' needs its text; minSelectedChoices
 * and validators; answers to hidden questions are dropped, as survey-core's clearInvisibleValues
 * "onComplete" does. On top of that it rejects what survey-core would store without complaint: unknown
 * keys, wrong types, values that are not options, out-of-range numbers and ratings, duplicates, too many
 * choices, overlong text.
 *
 * Cost: conditions are parsed here, once; validate() then does one pass over the questions (about 10 µs
 * for the resident questionnaire, where building a survey-core Model takes tens of milliseconds).
 */
import { Model } from 'survey-core';
import { checkerFor, commentChecker, printable, type ValueChecker } from './check-value.js';
import { compileCondition, variableResolver, type CompiledCondition } from './conditions.js';
import { SurveyDefinitionError } from './definition-error.js';
import { FORBIDDEN_NAMES, flatten, isPlainObject, type Json } from './flatten.js';
import { buildSpec, DEFAULT_MAX_TEXT_LENGTH } from './question-spec.js';
import { compileValidators, type AnswerValidator } from './validators.js';
import type { AnswerError, CompiledSurvey, QuestionKind, QuestionSpec, ValidateOptions, ValidationResult } from './types.js';

interface Node {
  parent: number;
  /** Shown when it has no visibleIf (`visible: false` hides it for good). */
  visible: boolean;
  visibleIf?: CompiledCondition;
  readOnly: boolean;
  enableIf?: CompiledCondition;
}

interface Compiled extends Node {
  spec: QuestionSpec;
  required: boolean;
  requiredIf?: CompiledCondition;
  check: ValueChecker;
  validators: AnswerValidator[];
  commentKey: string;
  checkComment?: ValueChecker;
  /** clearIfInvisible 'none': survey-core keeps the answer even when the question is hidden. */
  keepWhenHidden: boolean;
}

const ENVELOPE = 'Answers must be a JSON object keyed by question name.';

export interface CompileOptions {
  /**
   * The questionnaire is already stored (compiled to take answers): a regex validator the safety check
   * refuses is left out instead of refusing the whole questionnaire, so respondents can still answer.
   * New questionnaires are compiled without it and refused.
   */
  stored?: boolean;
}

export function compileSurvey(definition: unknown, options: CompileOptions = {}): CompiledSurvey {
  const { containers: rawContainers, questions: rawQuestions } = flatten(definition);
  const survey = definition as Json;
  for (const prop of ['calculatedValues', 'triggers'] as const) {
    if (Array.isArray(survey[prop]) && survey[prop].length > 0) {
      throw new SurveyDefinitionError(`The questionnaire uses ${prop}, which the server does not evaluate; remove them or ask for support.`);
    }
  }

  // Built only if there is a rating question: survey-core's defaults for rateMin/rateMax/rateCount are subtle.
  let model: Model | undefined;
  const ratingValues = (name: string) => {
    model ??= new Model(definition);
    const rq = model.getQuestionByName(name) as unknown as { visibleRateValues?: { value: unknown }[] } | null;
    return (rq?.visibleRateValues ?? []).map((item) => item.value);
  };
  const specs = rawQuestions.filter((q) => q.answerable).map((q) => buildSpec(q, { survey, ratingValues }));

  // Each answer has a slot: question i at 2i, its comment at 2i + 1. Submissions are read into slots once,
  // because every submission is an object of a different shape and reading it by name again and again is slow.
  const answerKeys = new Map<string, number>();
  specs.forEach((s, i) => {
    answerKeys.set(s.name, 2 * i);
    if (s.hasOther || s.hasComment) answerKeys.set(`${s.name}-Comment`, 2 * i + 1);
  });
  // Expressions may read answers and comments; variables naming display-only questions would see a value
  // the browser computes and the server does not.
  const displayOnly = new Set(rawQuestions.filter((q) => !q.answerable).map((q) => q.name.toLowerCase()));
  const resolveAnswer = variableResolver(answerKeys);
  const resolve = (where: string) => (variable: string) => {
    const root = variable.toLowerCase().split(/[.[]/, 1)[0];
    if (displayOnly.has(root))
      throw new SurveyDefinitionError(`${where} has a condition on '${variable}', a display-only question whose value the server does not compute.`);
    return resolveAnswer(variable);
  };
  const nodeOf = (el: Json, parent: number, where: string): Node => ({
    parent,
    visible: el.visible !== false,
    visibleIf: compileCondition(el.visibleIf, where, 'visibleIf', resolve(where)),
    readOnly: el.readOnly === true,
    enableIf: compileCondition(el.enableIf, where, 'enableIf', resolve(where)),
  });

  const containers = rawContainers.map((c) =>
    nodeOf(
      c.element,
      c.parent,
      c.label.replace(/^./, (ch) => ch.toUpperCase()),
    ),
  );
  for (const q of rawQuestions) if (!q.answerable) nodeOf(q.element, q.parent, `Question '${q.name}'`); // conditions must still parse
  const commentMax = typeof survey.maxCommentLength === 'number' && survey.maxCommentLength > 0 ? survey.maxCommentLength : DEFAULT_MAX_TEXT_LENGTH;
  const clearNone = survey.clearInvisibleValues === 'none';
  const answerable = rawQuestions.filter((q) => q.answerable);
  const questions: Compiled[] = specs.map((spec, i) => {
    const el = answerable[i].element;
    const where = `Question '${spec.name}'`;
    const clearIf = el.clearIfInvisible;
    return {
      ...nodeOf(el, answerable[i].parent, where),
      spec,
      required: spec.required,
      requiredIf: compileCondition(el.requiredIf, where, 'requiredIf', resolve(where)),
      check: checkerFor(spec),
      validators: compileValidators(el.validators, spec.name, resolve(where), options.stored === true),
      commentKey: `${spec.name}-Comment`,
      checkComment: spec.hasOther || spec.hasComment ? commentChecker(spec, commentMax) : undefined,
      keepWhenHidden: clearIf === 'none' || ((clearIf === undefined || clearIf === 'default') && clearNone),
    };
  });

  // Each question's page (1-based): the top-level container above it, in questionnaire order.
  const roots: number[] = [];
  rawContainers.forEach((c, i) => {
    if (c.parent < 0) roots.push(i);
  });
  const pageOfContainer = (i: number): number => {
    let at = i;
    while (rawContainers[at].parent >= 0) at = rawContainers[at].parent;
    return roots.indexOf(at) + 1;
  };
  const pageOf = Int32Array.from(questions, (q) => pageOfContainer(q.parent));

  const displayNames = new Set(rawQuestions.filter((q) => !q.answerable).map((q) => q.name));

  /** Whether a node's own condition shows it; survey-core sets `visible = result === true`. */
  const ownVisible = (n: Node, slots: unknown[]) => (n.visibleIf ? n.visibleIf.run(slots) === true : n.visible);
  /** survey-core: `readOnly = result === false`. */
  const ownReadOnly = (n: Node, slots: unknown[]) => (n.enableIf ? n.enableIf.run(slots) === false : n.readOnly);

  function containerFlags(slots: unknown[]) {
    const visible = new Uint8Array(containers.length);
    const readOnly = new Uint8Array(containers.length);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      // Parents come before their children in the list.
      const parentVisible = c.parent < 0 || visible[c.parent] === 1;
      visible[i] = parentVisible && ownVisible(c, slots) ? 1 : 0;
      readOnly[i] = (c.parent >= 0 && readOnly[c.parent] === 1) || ownReadOnly(c, slots) ? 1 : 0;
    }
    return { visible, readOnly };
  }

  function validate(answers: unknown, opts: ValidateOptions = {}): ValidationResult {
    if (!isPlainObject(answers)) return { ok: false, errors: [{ question: null, message: ENVELOPE }] };
    const errors: AnswerError[] = [];
    const slots: unknown[] = new Array(2 * questions.length).fill(undefined);
    for (const key of Object.keys(answers)) {
      const slot = answerKeys.get(key);
      if (slot !== undefined) {
        slots[slot] = answers[key];
        continue;
      }
      const base = key.endsWith('-Comment') ? key.slice(0, -'-Comment'.length) : undefined;
      if (FORBIDDEN_NAMES.has(key)) errors.push({ question: null, message: `'${key}' is not allowed as a question name.` });
      else if (base !== undefined && answerKeys.has(base))
        errors.push({ question: null, message: `Question '${base}' has no comment box, so '${key}' is not accepted.` });
      else if (displayNames.has(key)) errors.push({ question: null, message: `'${key}' is not a question that takes an answer.` });
      else errors.push({ question: null, message: `'${printable(key.length > 100 ? `${key.slice(0, 100)}…` : key)}' is not a question in this survey.` });
    }

    const flags = containerFlags(slots);
    const shown = new Uint8Array(questions.length);
    for (let i = 0; i < questions.length; i++) {
      const q = questions[i];
      const v = slots[2 * i];
      const c = slots[2 * i + 1];
      const errorsBefore = errors.length;
      const visible = flags.visible[q.parent] === 1 && ownVisible(q, slots);
      shown[i] = visible ? 1 : 0;
      const present = !isEmpty(v);
      if (present) {
        const problems = q.check(v);
        if (problems) for (const message of problems) errors.push({ question: q.spec.name, message });
      }
      if (q.checkComment && c !== undefined && c !== null) {
        const problems = q.checkComment(c);
        if (problems) for (const message of problems) errors.push({ question: q.spec.name, message });
      }
      // survey-core collects errors only for shown, enabled questions.
      if (!visible || flags.readOnly[q.parent] === 1 || ownReadOnly(q, slots)) continue;
      if (!opts.partial || (opts.reachedPage !== undefined && pageOf[i] < opts.reachedPage)) {
        const required = q.requiredIf ? q.requiredIf.run(slots) === true : q.required;
        if (required && !present) errors.push({ question: q.spec.name, message: `Question '${q.spec.name}' needs an answer.` });
        else if (present && q.spec.hasOther && isOtherSelected(v) && isEmpty(c)) {
          errors.push({ question: q.spec.name, message: `Question '${q.spec.name}': 'other' is chosen, so please say what it is in '${q.commentKey}'.` });
        }
      }
      // A partial save may leave questions empty, but what it does answer must be complete.
      if (q.spec.minSelected !== undefined && (present || !opts.partial) && tooFewChosen(q.spec, v)) {
        errors.push({
          question: q.spec.name,
          message: `Question '${q.spec.name}': choose at least ${q.spec.minSelected} (${Array.isArray(v) ? v.length : 0} chosen).`,
        });
      }
      // survey-core runs validators only when the question has no other error.
      if (q.validators.length && errors.length === errorsBefore && (present || !opts.partial)) {
        for (const validator of q.validators) {
          const message = validator(v, slots);
          if (message) errors.push({ question: q.spec.name, message });
        }
      }
    }
    // Problems with the submission as a whole come first, then questions in questionnaire order.
    if (errors.length) return { ok: false, errors };
    return { ok: true, answers: clearHidden(slots, shown) };
  }

  /**
   * survey-core on completion: empties 'other' text whose 'other' is not chosen, and clears every question
   * hidden when the answers were checked. It does not re-run conditions while clearing, so an answer whose
   * visibleIf read a cleared answer is kept (and so it is here).
   */
  function clearHidden(slots: unknown[], shown: Uint8Array): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < questions.length; i++) {
      const q = questions[i];
      if (shown[i] === 0 && !q.keepWhenHidden) continue;
      const v = slots[2 * i];
      if (!isEmpty(v)) out[q.spec.name] = v;
      const c = slots[2 * i + 1];
      if (q.checkComment && !isEmpty(c) && (q.spec.hasComment || isOtherSelected(v))) out[q.commentKey] = c;
    }
    return out;
  }

  return {
    validate,
    questionNames: specs.map((s) => s.name),
    questionKinds: new Map<string, QuestionKind>(specs.map((s) => [s.name, s.kind])),
    questions: specs,
    pageCount: roots.length,
  };
}

/** survey-core's notion of "no answer": undefined, null, blank text, an empty list. */
function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

/**
 * survey-core checks minSelectedChoices on every shown, enabled checkbox, answered or not, except when the
 * single answer is an exclusive item such as 'none'.
 */
function tooFewChosen(spec: QuestionSpec, v: unknown): boolean {
  const chosen = Array.isArray(v) ? v : [];
  if (chosen.length === 1 && spec.specialValues.includes(chosen[0]) && chosen[0] !== 'other') return false;
  return chosen.length < spec.minSelected!;
}

function isOtherSelected(v: unknown): boolean {
  return v === 'other' || (Array.isArray(v) && v.includes('other'));
}
