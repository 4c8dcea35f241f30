/** Server-side answer validation, compiled once per questionnaire version. */
export { compileSurvey } from './compile.js';
export { SurveyDefinitionError } from './definition-error.js';
export { DEFAULT_MAX_TEXT_LENGTH } from './question-spec.js';
export type { AnswerError, CompiledSurvey, QuestionKind, QuestionSpec, ValidateOptions, ValidationResult } from './types.js';
