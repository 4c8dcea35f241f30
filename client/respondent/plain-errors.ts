/**
 * The questionnaire's error messages in plain English that say what to do ("Choose one answer",
 * not "Response required."). PLAIN_ERRORS is keyed by survey-core's locale string names, plus
 * three of our own (marked) for what survey-core says with one string; a translation gives the
 * same keys in its locale (PLAIN_ERRORS_BY_LOCALE in ./messages). A message a questionnaire sets itself (requiredErrorText) still wins.
 */
import { surveyLocalization, type Question, type SurveyModel } from 'survey-core';
import { PLAIN_ERRORS_BY_LOCALE } from './messages';

export const PLAIN_ERRORS: Record<string, string> = {
  requiredError: 'Enter your answer',
  /** Ours: a required question answered by choosing one option (radio buttons, a list, yes/no). */
  requiredErrorChooseOne: 'Choose one answer',
  /** Ours: a required question answered by ticking one or more options. */
  requiredErrorChooseAny: 'Choose at least one answer',
  /** Ours: a number box with both a lowest and a highest value. */
  numberBetweenError: 'Enter a number between {0} and {1}',
  requiredErrorInPanel: 'Answer at least one of these questions',
  requiredInAllRowsError: 'Choose an answer in every row',
  numericError: 'Enter a number, like 3',
  minError: 'Enter a number of {0} or more',
  maxError: 'Enter a number of {0} or less',
  textMinLength: 'Enter at least {0} characters',
  textMaxLength: 'Enter {0} characters or fewer',
  minSelectError: 'Choose at least {0} answers',
  maxSelectError: 'Choose no more than {0} answers',
  otherRequiredError: 'Say what your other answer is in the box',
  invalidEmail: 'Enter an email address, like name@example.com',
};

const CHOOSE_ONE = new Set(['radiogroup', 'dropdown', 'boolean', 'rating', 'imagepicker', 'buttongroup']);
const CHOOSE_ANY = new Set(['checkbox', 'tagbox', 'ranking']);

/** Puts PLAIN_ERRORS into survey-core's English strings (once per page load). */
export function installPlainErrors(): void {
  Object.assign(surveyLocalization.locales.en, PLAIN_ERRORS);
}

/**
 * Puts a language's plain errors over survey-core's strings for it; call after survey-core's own
 * strings for the locale are loaded (they would replace ours). Languages without any keep English.
 */
export function installPlainErrorsFor(locale: string): void {
  const plain = PLAIN_ERRORS_BY_LOCALE[locale];
  if (!plain) return;
  surveyLocalization.locales[locale] = Object.assign(surveyLocalization.locales[locale] ?? {}, plain);
}

function text(model: SurveyModel, key: string): string {
  return surveyLocalization.getString(key, model.locale) || PLAIN_ERRORS[key];
}

/** The right message for each kind of question, where survey-core has one string for all. */
export function usePlainErrors(model: SurveyModel): void {
  model.onErrorCustomText.add((_, options) => {
    const q = options.obj as Question;
    if (typeof q?.getType !== 'function') return;
    const type = q.getType();
    if (options.name === 'required' && !q.requiredErrorText) {
      if (CHOOSE_ONE.has(type)) options.text = text(model, 'requiredErrorChooseOne');
      else if (CHOOSE_ANY.has(type)) options.text = text(model, 'requiredErrorChooseAny');
      return;
    }
    const t = q as Question & { inputType?: string; min?: unknown; max?: unknown; isValueLessMin?: boolean; isValueGreaterMax?: boolean };
    const outOfRange = t.isValueLessMin || t.isValueGreaterMax;
    if (type === 'text' && t.inputType === 'number' && outOfRange && t.min !== undefined && t.min !== '' && t.max !== undefined && t.max !== '') {
      options.text = text(model, 'numberBetweenError').replace('{0}', String(t.min)).replace('{1}', String(t.max));
    }
  });
}
