/** A questionnaire the server cannot take answers for is a 422 of the one error type. */
import { describe, expect, it } from 'vitest';
import { HttpError, Unprocessable } from '../../../server/errors.js';
import { compileSurvey, SurveyDefinitionError } from '../../../server/validation/index.js';

describe('SurveyDefinitionError', () => {
  it('is an Unprocessable (422) HttpError, keeping its name and message', () => {
    let thrown: unknown;
    try {
      compileSurvey({ pages: [{ elements: [{ type: 'radiogroup', name: 'q' }] }] });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SurveyDefinitionError);
    expect(thrown).toBeInstanceOf(Unprocessable);
    expect(thrown).toBeInstanceOf(HttpError);
    const e = thrown as SurveyDefinitionError;
    expect(e.status).toBe(422);
    expect(e.name).toBe('SurveyDefinitionError');
    expect(e.toJSON()).toEqual({ error: expect.stringMatching(/Question 'q' has no answer options/) });
  });
});
