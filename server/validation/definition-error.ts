import { Unprocessable } from '../errors.js';

/** Thrown by compileSurvey when a definition is not a questionnaire the server can take answers for (422). */
export class SurveyDefinitionError extends Unprocessable {}
