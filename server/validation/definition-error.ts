/** Thrown by compileSurvey when a definition is not a questionnaire the server can take answers for. */
export class SurveyDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SurveyDefinitionError';
  }
}
