/**
 * Pages and panels flattened into one list of questions, each pointing at the chain of containers
 * (pages, panels) whose visibleIf/enableIf also apply to it.
 */
import { SurveyDefinitionError } from './definition-error.js';

export type Json = Record<string, unknown>;

export interface RawContainer {
  /** 'page 2' or "panel 'victim_details'": used in error messages. */
  label: string;
  parent: number;
  element: Json;
}

export interface RawQuestion {
  element: Json;
  type: string;
  name: string;
  parent: number;
  answerable: boolean;
}

export const ANSWERABLE_TYPES = ['radiogroup', 'dropdown', 'checkbox', 'tagbox', 'boolean', 'rating', 'text', 'comment'];
/** Shown to the respondent but never answered: answers sent for them are rejected as unknown. */
export const DISPLAY_TYPES = ['html', 'expression', 'image'];
/** Keys that would reach Object.prototype if copied naively; never valid question names. */
export const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function flatten(definition: unknown): { containers: RawContainer[]; questions: RawQuestion[] } {
  if (!isPlainObject(definition)) {
    throw new SurveyDefinitionError('The questionnaire must be a JSON object in SurveyJS format (with "pages" or "elements").');
  }
  const containers: RawContainer[] = [];
  const questions: RawQuestion[] = [];
  const seen = new Map<string, string>();

  const visit = (elements: unknown, parent: number, where: string) => {
    if (elements === undefined) return;
    if (!Array.isArray(elements)) throw new SurveyDefinitionError(`The "elements" of ${where} must be a list.`);
    elements.forEach((el, i) => {
      const at = `element ${i + 1} of ${where}`;
      if (!isPlainObject(el)) throw new SurveyDefinitionError(`The ${at} is not an object.`);
      if (typeof el.type !== 'string' || el.type === '') throw new SurveyDefinitionError(`The ${at} has no "type".`);
      const type = el.type.toLowerCase();
      if (type === 'panel') {
        if (el.isRequired === true || el.requiredIf) {
          throw new SurveyDefinitionError(
            `Panel '${String(el.name ?? i + 1)}' in ${where} is required as a whole (isRequired/requiredIf), which the server does not support; make its questions required instead.`,
          );
        }
        const label = typeof el.name === 'string' && el.name ? `panel '${el.name}'` : `the panel at ${at}`;
        containers.push({ label, parent, element: el });
        visit(el.elements ?? el.questions, containers.length - 1, label);
        return;
      }
      const answerable = ANSWERABLE_TYPES.includes(type);
      if (!answerable && !DISPLAY_TYPES.includes(type)) {
        throw new SurveyDefinitionError(
          `The ${at}${typeof el.name === 'string' ? ` ('${el.name}')` : ''} has type '${el.type}', which the server cannot validate. ` +
            `Supported: ${[...ANSWERABLE_TYPES, ...DISPLAY_TYPES, 'panel'].join(', ')}.`,
        );
      }
      if (typeof el.name !== 'string' || el.name.trim() === '') {
        if (!answerable) return; // an unnamed html block is fine: nothing refers to it
        throw new SurveyDefinitionError(`The ${at} (type ${type}) has no name; every question needs a unique "name".`);
      }
      const name = el.name;
      if (FORBIDDEN_NAMES.has(name)) throw new SurveyDefinitionError(`'${name}' cannot be used as a question name.`);
      if (/-comment$/i.test(name)) throw new SurveyDefinitionError(`Question name '${name}' ends in '-Comment', which is kept for comment boxes.`);
      // survey-core looks names up case-insensitively in expressions, so 'Age' and 'age' would clash.
      const lower = name.toLowerCase();
      const before = seen.get(lower);
      if (before !== undefined) throw new SurveyDefinitionError(`Question name '${name}' is used twice (${before} and ${at}); names must be unique.`);
      seen.set(lower, at);
      questions.push({ element: el, type, name, parent, answerable });
    });
  };

  if (definition.pages !== undefined) {
    if (!Array.isArray(definition.pages)) throw new SurveyDefinitionError('"pages" must be a list of pages.');
    definition.pages.forEach((page, i) => {
      if (!isPlainObject(page)) throw new SurveyDefinitionError(`Page ${i + 1} is not an object.`);
      const label = typeof page.name === 'string' && page.name ? `page '${page.name}'` : `page ${i + 1}`;
      containers.push({ label, parent: -1, element: page });
      visit(page.elements ?? page.questions, containers.length - 1, label);
    });
  }
  const topLevel = definition.elements ?? definition.questions;
  if (topLevel !== undefined) {
    containers.push({ label: 'the questionnaire', parent: -1, element: {} });
    visit(topLevel, containers.length - 1, 'the questionnaire');
  }
  if (definition.pages === undefined && topLevel === undefined) {
    throw new SurveyDefinitionError('The questionnaire has no "pages" or "elements".');
  }
  if (!questions.some((q) => q.answerable)) throw new SurveyDefinitionError('The questionnaire has no questions to answer.');
  return { containers, questions };
}
