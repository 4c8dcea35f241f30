/**
 * Every string of a questionnaire a respondent reads, each with a stable id, for translation sheets:
 * SurveyJS localisable properties hold a plain string (English) or an object of locales
 * (`{ default: 'Very safe', cy: 'Diogel iawn' }`). Ids are built from names and values, never from
 * positions where a name exists, so a sheet still fits after questions are moved:
 *
 *   survey/title · page:feeling_safe/title · q:safe_home/title · q:safe_home/choices/very_safe
 *   q:ward/validators/1 · q:matrix/rows/litter · q:matrix/columns/agree
 *
 * `translationStrings` reads them; `withTranslations` writes a locale back into a copy.
 *
 * @example
 *   translationStrings({ title: { default: 'Safety', cy: 'Diogelwch' } }, 'cy') // [{ id: 'survey/title', english: 'Safety', translation: 'Diogelwch' }]
 */
import { isPlainObject, type Json } from '../validation/flatten.js';
import { localisedString } from '../validation/localised.js';

export interface TranslationString {
  id: string;
  english: string;
  /** The text in the locale asked for; '' when there is none yet. */
  translation: string;
}

/** Where one string lives: an object and its key (or a list and the index of a plain-string item). */
interface Slot {
  id: string;
  holder: Json | unknown[];
  key: string | number;
  /** For an item stored as its value only (`"Yes"` or `{ value: 'yes' }`): the value it shows. */
  itemValue?: string;
}

const SURVEY_PROPS = [
  'title',
  'description',
  'completedHtml',
  'completedBeforeHtml',
  'loadingHtml',
  'pagePrevText',
  'pageNextText',
  'completeText',
  'startSurveyText',
  'previewText',
  'editText',
];
const PAGE_PROPS = ['title', 'description', 'navigationTitle', 'navigationDescription'];
const ELEMENT_PROPS = [
  'title',
  'description',
  'html',
  'placeholder',
  'otherText',
  'otherPlaceholder',
  'otherErrorText',
  'noneText',
  'selectAllText',
  'commentText',
  'commentPlaceholder',
  'requiredErrorText',
  'labelTrue',
  'labelFalse',
  'minRateDescription',
  'maxRateDescription',
  'optionsCaption',
];
const ITEM_LISTS = ['choices', 'rateValues', 'rows', 'columns'];

/** Properties whose text is HTML: a translation must keep their tags. */
export const HTML_PROPS = new Set(['completedHtml', 'completedBeforeHtml', 'loadingHtml', 'html']);

/** Locale codes as SurveyJS writes them: 'cy', 'pt-br'. */
export const LOCALE = /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/;

function propSlots(holder: Json, props: readonly string[], prefix: string, out: Slot[]) {
  for (const p of props) {
    if (localisedString(holder[p])?.trim()) out.push({ id: `${prefix}/${p}`, holder, key: p });
  }
}

function itemSlots(list: unknown, prefix: string, out: Slot[]) {
  if (!Array.isArray(list)) return;
  list.forEach((item, i) => {
    if (typeof item === 'string') {
      if (item.trim()) out.push({ id: `${prefix}/${item}`, holder: list, key: i, itemValue: item });
      return;
    }
    if (!isPlainObject(item)) return;
    // Choices and rows have value/text; matrix-dropdown columns name/title.
    const value = item.value ?? item.name;
    const id = `${prefix}/${value === undefined ? `#${i + 1}` : String(value)}`;
    const key = 'text' in item || !('title' in item) ? 'text' : 'title';
    if (localisedString(item[key])?.trim()) out.push({ id, holder: item, key });
    // A value with no text is shown as the value itself: translatable unless it is a number.
    else if (typeof value === 'string' && value.trim() && Number.isNaN(Number(value))) out.push({ id, holder: item, key, itemValue: value });
  });
}

function elementSlots(elements: unknown, out: Slot[]) {
  if (!Array.isArray(elements)) return;
  elements.forEach((el, i) => {
    if (!isPlainObject(el)) return;
    const prefix = `q:${typeof el.name === 'string' && el.name ? el.name : `#${i + 1}`}`;
    propSlots(el, ELEMENT_PROPS, prefix, out);
    for (const list of ITEM_LISTS) itemSlots(el[list], `${prefix}/${list}`, out);
    if (Array.isArray(el.validators)) {
      el.validators.forEach((v, j) => {
        if (isPlainObject(v) && localisedString(v.text)?.trim()) out.push({ id: `${prefix}/validators/${j + 1}`, holder: v, key: 'text' });
      });
    }
    elementSlots(el.elements ?? el.questions, out);
    if (isPlainObject(el.templateElements)) elementSlots(el.templateElements, out);
  });
}

function slotsOf(definition: Json): Slot[] {
  const out: Slot[] = [];
  propSlots(definition, SURVEY_PROPS, 'survey', out);
  if (Array.isArray(definition.pages)) {
    definition.pages.forEach((page, i) => {
      if (!isPlainObject(page)) return;
      propSlots(page, PAGE_PROPS, `page:${typeof page.name === 'string' && page.name ? page.name : `#${i + 1}`}`, out);
      elementSlots(page.elements ?? page.questions, out);
    });
  }
  elementSlots(definition.elements ?? definition.questions, out);
  return out;
}

function read(slot: Slot): unknown {
  return (slot.holder as Record<string | number, unknown>)[slot.key];
}

/** The slot's English and its text in `locale` ('' when none). */
function textsOf(slot: Slot, locale: string): { english: string; translation: string } {
  if (slot.itemValue !== undefined && typeof read(slot) !== 'object') return { english: slot.itemValue, translation: '' };
  const v = read(slot);
  const english = localisedString(v) ?? '';
  const t = isPlainObject(v) ? v[locale] : undefined;
  return { english, translation: typeof t === 'string' ? t : '' };
}

/** Every string of the questionnaire with its English and its `locale` text, in questionnaire order. */
export function translationStrings(definition: unknown, locale: string): TranslationString[] {
  if (!isPlainObject(definition)) return [];
  return slotsOf(definition).map((slot) => ({ id: slot.id, ...textsOf(slot, locale) }));
}

/**
 * A copy of the questionnaire with `locale` set from `texts` (by string id; ids not listed keep
 * what they have). A string kept as plain text becomes `{ default: english, [locale]: text }`.
 */
export function withTranslations(definition: Json, locale: string, texts: ReadonlyMap<string, string>): Json {
  const copy = structuredClone(definition);
  for (const slot of slotsOf(copy)) {
    const text = texts.get(slot.id);
    if (text === undefined) continue;
    const holder = slot.holder as Record<string | number, unknown>;
    if (Array.isArray(slot.holder) && slot.itemValue !== undefined) {
      holder[slot.key] = { value: slot.itemValue, text: { default: slot.itemValue, [locale]: text } };
      continue;
    }
    const current = holder[slot.key];
    const english = slot.itemValue ?? localisedString(current) ?? '';
    holder[slot.key] = { ...(isPlainObject(current) ? current : { default: english }), [locale]: text };
  }
  return copy;
}

/** The locales a questionnaire has text in besides its default (English), sorted. */
export function translatedLocales(definition: unknown): string[] {
  if (!isPlainObject(definition)) return [];
  const found = new Set<string>();
  for (const slot of slotsOf(definition)) {
    const v = read(slot);
    if (!isPlainObject(v)) continue;
    for (const [k, t] of Object.entries(v)) if (k !== 'default' && k !== 'en' && LOCALE.test(k) && typeof t === 'string' && t.trim()) found.add(k);
  }
  return [...found].sort();
}
