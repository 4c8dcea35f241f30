/** The one error type (server/errors.ts): each subclass has its status, its own name, and the message and details it was given. */
import { describe, expect, it } from 'vitest';
import {
  BadRequest,
  Conflict,
  Forbidden,
  Gone,
  HttpError,
  NotFound,
  PayloadTooLarge,
  TooManyRequests,
  Unauthorized,
  ServiceUnavailable,
  Unavailable,
  UnsupportedMediaType,
  Unprocessable,
} from '../../server/errors.js';

describe('HttpError subclasses', () => {
  it.each([
    [BadRequest, 400],
    [Forbidden, 403],
    [NotFound, 404],
    [Conflict, 409],
    [Gone, 410],
    [PayloadTooLarge, 413],
    [UnsupportedMediaType, 415],
    [Unprocessable, 422],
    [TooManyRequests, 429],
    [Unavailable, 503],
  ] as const)('%o answers %i', (Class, status) => {
    const e = new Class('Try again.', { field: 'name', headers: { 'retry-after': '5' } });
    expect(e).toBeInstanceOf(HttpError);
    expect(e.status).toBe(status);
    expect(e.name).toBe(Class.name);
    expect(e.message).toBe('Try again.');
    expect(e.headers).toEqual({ 'retry-after': '5' });
    expect(e.toJSON()).toEqual({ error: 'Try again.', field: 'name' });
  });

  it('ServiceUnavailable is a 503 Unavailable carrying Retry-After', () => {
    const e = new ServiceUnavailable('The server is busy: please try again in 4 seconds.', 4);
    expect(e).toBeInstanceOf(Unavailable);
    expect(e.status).toBe(503);
    expect(e.name).toBe('ServiceUnavailable');
    expect(e.headers).toEqual({ 'Retry-After': '4' });
    expect(e.toJSON()).toEqual({ error: 'The server is busy: please try again in 4 seconds.' });
  });

  it('Unauthorized says to sign in unless given a message', () => {
    expect(new Unauthorized().status).toBe(401);
    expect(new Unauthorized().message).toBe('Sign in first: this needs an officer account.');
    expect(new Unauthorized('Wrong password.').message).toBe('Wrong password.');
    expect(new Unauthorized().name).toBe('Unauthorized');
  });
});
