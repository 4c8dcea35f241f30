/** A question's JSON turned into the spec the server checks answers against. */
import { SurveyDefinitionError } from './definition-error.js';
import { isPlainObject, type Json, type RawQuestion } from './flatten.js';
import type { QuestionKind, QuestionSpec } from './types.js';

/** Text and comment boxes with no maxLength of their own are capped here, so one answer cannot fill the database. */
export const DEFAULT_MAX_TEXT_LENGTH = 2000;

/** survey-core's fixed values for the extra items a choice question can show. */
const SPECIAL_ITEMS: [property: string, legacy: string | null, value: string][] = [
  ['showOtherItem', 'hasOther', 'other'],
  ['showNoneItem', 'hasNone', 'none'],
  ['showDontKnowItem', null, 'dontknow'],
  ['showRefuseItem', null, 'refused'],
];

const UNSUPPORTED_PROPERTIES: [property: string, why: string][] = [
  ['choicesByUrl', 'loads its choices from a web service'],
  ['choicesFromQuestion', 'copies its choices from another question'],
  ['valueName', 'stores its answer under another name (valueName)'],
];

export function kindOf(q: RawQuestion): QuestionKind {
  switch (q.type) {
    case 'radiogroup':
    case 'dropdown':
      return 'single';
    case 'checkbox':
    case 'tagbox':
      return 'multi';
    case 'boolean':
      return 'boolean';
    case 'rating':
      return 'rating';
    case 'text':
      return q.element.inputType === 'number' || q.element.inputType === 'range' ? 'number' : 'text';
    default:
      return 'text';
  }
}

export interface SpecContext {
  survey: Json;
  /** survey-core's own list of values for a rating question (its defaults for rateMin/rateMax/rateCount are subtle). */
  ratingValues(name: string): unknown[];
}

export function buildSpec(q: RawQuestion, ctx: SpecContext): QuestionSpec {
  const el = q.element;
  const where = `Question '${q.name}'`;
  for (const [prop, why] of UNSUPPORTED_PROPERTIES) {
    if (el[prop] !== undefined && el[prop] !== null && el[prop] !== '') throw new SurveyDefinitionError(`${where} ${why}, which the server cannot validate.`);
  }
  if (el.storeOthersAsComment === false || (ctx.survey.storeOthersAsComment === false && el.storeOthersAsComment !== true)) {
    throw new SurveyDefinitionError(
      `${where} stores 'other' answers in place of the choice (storeOthersAsComment: false); the server expects them in '${q.name}-Comment'.`,
    );
  }
  const kind = kindOf(q);
  const spec: QuestionSpec = {
    name: q.name,
    type: q.type,
    kind,
    choices: [],
    specialValues: [],
    hasOther: false,
    hasComment: el.showCommentArea === true || el.hasComment === true,
    required: el.isRequired === true,
  };
  if (typeof el.visibleIf === 'string' && el.visibleIf) spec.visibleIf = el.visibleIf;
  if (typeof el.requiredIf === 'string' && el.requiredIf) spec.requiredIf = el.requiredIf;
  if (typeof el.enableIf === 'string' && el.enableIf) spec.enableIf = el.enableIf;

  if (kind === 'single' || kind === 'multi') {
    spec.choices = choiceValues(el.choices, where);
    for (const [prop, legacy, value] of SPECIAL_ITEMS) {
      if (el[prop] === true || (legacy && el[legacy] === true)) spec.specialValues.push(value);
    }
    spec.hasOther = spec.specialValues.includes('other');
    if (spec.choices.length === 0 && spec.specialValues.length === 0) throw new SurveyDefinitionError(`${where} has no answer options ("choices").`);
  }
  if (kind === 'multi') {
    spec.maxSelected = countLimit(el.maxSelectedChoices, where, 'maxSelectedChoices');
    spec.minSelected = countLimit(el.minSelectedChoices, where, 'minSelectedChoices');
  }
  if (kind === 'boolean') {
    spec.choices = [el.valueTrue ?? true, el.valueFalse ?? false].map((v) => {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
        throw new SurveyDefinitionError(`${where} has a valueTrue/valueFalse that is not a plain value.`);
      return v;
    });
  }
  if (kind === 'rating') {
    spec.choices = ctx.ratingValues(q.name).map((v) => {
      if (typeof v !== 'string' && typeof v !== 'number') throw new SurveyDefinitionError(`${where} has a rating value that is not a number or text.`);
      return v;
    });
    if (spec.choices.length === 0) throw new SurveyDefinitionError(`${where} has no rating values (check rateMin, rateMax and rateValues).`);
    const numbers = spec.choices.filter((v): v is number => typeof v === 'number');
    if (numbers.length === spec.choices.length) {
      spec.min = Math.min(...numbers);
      spec.max = Math.max(...numbers);
    }
  }
  if (kind === 'number') {
    spec.inputType = el.inputType as string;
    spec.min = bound(el.min, where, 'min');
    spec.max = bound(el.max, where, 'max');
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max)
      throw new SurveyDefinitionError(`${where} has min ${spec.min} above max ${spec.max}.`);
  }
  if (kind === 'text') {
    if (q.type === 'text') spec.inputType = typeof el.inputType === 'string' ? el.inputType : 'text';
    const surveyCap = q.type === 'comment' ? ctx.survey.maxCommentLength : ctx.survey.maxTextLength;
    spec.maxLength = positive(el.maxLength) ?? positive(surveyCap) ?? DEFAULT_MAX_TEXT_LENGTH;
  }
  return spec;
}

function choiceValues(choices: unknown, where: string): (string | number)[] {
  if (choices === undefined) return [];
  if (!Array.isArray(choices)) throw new SurveyDefinitionError(`${where} has "choices" that are not a list.`);
  const values: (string | number)[] = [];
  const seen = new Set<string | number>();
  choices.forEach((c, i) => {
    const v = isPlainObject(c) ? c.value : c;
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw new SurveyDefinitionError(`${where}: answer option ${i + 1} has no usable value (expected text, a number, or {"value": …, "text": …}).`);
    }
    if (seen.has(v)) throw new SurveyDefinitionError(`${where}: answer option '${v}' appears twice.`);
    seen.add(v);
    values.push(v);
  });
  return values;
}

function countLimit(v: unknown, where: string, prop: string): number | undefined {
  // survey-core treats 0 as "no limit".
  if (v === undefined || v === null || v === 0) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw new SurveyDefinitionError(`${where} has ${prop} ${JSON.stringify(v)}; it must be a whole number.`);
  return v;
}

function bound(v: unknown, where: string, prop: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new SurveyDefinitionError(`${where} has ${prop} ${JSON.stringify(v)}, which is not a number.`);
  return n;
}

function positive(v: unknown): number | undefined {
  return typeof v === 'number' && v > 0 ? v : undefined;
}
