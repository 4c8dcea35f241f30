/** The bounded cache (server/jobs/cache.ts) and how errors cross from a worker (server/jobs/wire.ts). */
import { describe, expect, it } from 'vitest';
import { HttpError, NotFound, Unprocessable } from '../../../server/errors.js';
import { ResultCache } from '../../../server/jobs/cache.js';
import { receivedError, sendError } from '../../../server/jobs/wire.js';

describe('ResultCache', () => {
  it('drops the least recently used results once they hold more than its bytes', () => {
    const cache = new ResultCache<string>(10);
    cache.set('a', 'aaaa', 4);
    cache.set('b', 'bbbb', 4);
    expect(cache.get('a')).toBe('aaaa'); // a is now the most recently used
    cache.set('c', 'cccc', 4);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('aaaa');
    expect(cache.get('c')).toBe('cccc');
    expect(cache.bytes).toBe(8);
    expect(cache.size).toBe(2);
  });

  it('keeps no result larger than itself, and replaces a key in place', () => {
    const cache = new ResultCache<string>(10);
    cache.set('a', 'aaaa', 4);
    cache.set('huge', 'x'.repeat(11), 11);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')).toBe('aaaa');
    cache.set('a', 'aaaaaa', 6);
    expect(cache.get('a')).toBe('aaaaaa');
    expect(cache.bytes).toBe(6);
  });
});

describe('errors from a worker', () => {
  it('come back as the same HttpError class, status, message, field, body and name', () => {
    const e = receivedError(sendError(new NotFound("There is no survey called 'x'.")));
    expect(e).toBeInstanceOf(NotFound);
    expect(e).toMatchObject({ status: 404, message: "There is no survey called 'x'.", name: 'NotFound' });

    class SurveyUploadError extends Unprocessable {}
    const upload = receivedError(sendError(new SurveyUploadError('Bad file.', { field: 'file', body: { rows: [3] } }))) as HttpError;
    expect(upload).toBeInstanceOf(Unprocessable);
    expect(upload.name).toBe('SurveyUploadError');
    expect(upload.toJSON()).toEqual({ error: 'Bad file.', field: 'file', rows: [3] });
  });

  it('keep the name of other errors (the CLI maps some by name) and are not HttpErrors', () => {
    const margins = new Error('Category female has no target.');
    margins.name = 'MarginsError';
    const e = receivedError(sendError(margins));
    expect(e).not.toBeInstanceOf(HttpError);
    expect(e.name).toBe('MarginsError');
    expect(e.message).toBe('Category female has no target.');
  });
});
