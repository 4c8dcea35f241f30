/** Shapes shared by the compiled validator and its callers (routes, CSV import, export). */

/** One problem with a submission, in words a respondent or an officer can act on. */
export interface AnswerError {
  /** The question it is about; null for problems with the submission as a whole. */
  question: string | null;
  message: string;
}

/** How an answer is stored: a choice, a list of choices, a number, true/false, free text or a rating. */
export type QuestionKind = 'single' | 'multi' | 'number' | 'boolean' | 'text' | 'rating';

/** One answerable question, with everything the server checks about its answer. */
export interface QuestionSpec {
  name: string;
  /** SurveyJS type: radiogroup, dropdown, checkbox, tagbox, boolean, rating, text, comment. */
  type: string;
  kind: QuestionKind;
  /** SurveyJS inputType for text questions ('text', 'number', 'email', …). */
  inputType?: string;
  /** Allowed values: choices (plus 'other'/'none'/… when shown), rating values, boolean values. */
  choices: (string | number | boolean)[];
  /** Extra values a choice question accepts besides its choices ('other', 'none', 'dontknow', 'refused'). */
  specialValues: string[];
  /** True when the respondent may type their own answer under 'other' (kept as `<name>-Comment`). */
  hasOther: boolean;
  /** True when a free-text comment box is shown under the question (kept as `<name>-Comment`). */
  hasComment: boolean;
  min?: number;
  max?: number;
  minSelected?: number;
  maxSelected?: number;
  /** Longest text accepted, in characters (text, comment and `-Comment` boxes). */
  maxLength?: number;
  /** Required without conditions (isRequired), before requiredIf is applied. */
  required: boolean;
  visibleIf?: string;
  requiredIf?: string;
  enableIf?: string;
}

export type ValidationResult = { ok: true; answers: Record<string, unknown> } | { ok: false; errors: AnswerError[] };

export interface ValidateOptions {
  /** A saved-in-progress answer set: skip required checks, keep every other check. */
  partial?: boolean;
  /**
   * With `partial`: the page the respondent has reached (1 = the first page of the questionnaire).
   * The pages before it were passed, so their required questions are checked as on completion;
   * questions on this page and later are not yet required.
   */
  reachedPage?: number;
}

export interface CompiledSurvey {
  validate(answers: unknown, opts?: ValidateOptions): ValidationResult;
  /** Answerable question names in questionnaire order. */
  questionNames: string[];
  questionKinds: Map<string, QuestionKind>;
  questions: QuestionSpec[];
  /** How many pages the questionnaire has (1 when its questions are not split into pages). */
  pageCount: number;
}
