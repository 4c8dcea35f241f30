/** The in-memory failure counter behind sign-in rate limiting. */
import { describe, expect, it } from 'vitest';
import { FailureCounter } from '../../../server/accounts/failure-counter.js';

const minute = 60_000;

describe('FailureCounter', () => {
  it('blocks a key at the 5th failure within 15 minutes, until the oldest one is 15 minutes old', () => {
    let now = 0;
    const counter = new FailureCounter({ maxFailures: 5, windowMs: 15 * minute, now: () => now });
    for (let i = 0; i < 4; i++) {
      counter.fail('a');
      now += minute;
    }
    expect(counter.retryAfterSeconds('a')).toBe(0);
    counter.fail('a'); // 5th, at minute 4
    expect(counter.retryAfterSeconds('a')).toBe(11 * 60); // first failure (minute 0) leaves at minute 15
    expect(counter.retryAfterSeconds('b')).toBe(0);
    now = 15 * minute;
    expect(counter.retryAfterSeconds('a')).toBe(0);
  });

  it('forgets a key on reset', () => {
    const counter = new FailureCounter({ maxFailures: 2, windowMs: minute });
    counter.fail('a');
    counter.fail('a');
    expect(counter.retryAfterSeconds('a')).toBeGreaterThan(0);
    counter.reset('a');
    expect(counter.retryAfterSeconds('a')).toBe(0);
  });

  it('stays bounded in memory under failures from many keys, keeping the newest', () => {
    const counter = new FailureCounter({ maxFailures: 1, windowMs: minute, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) counter.fail(`k${i}`);
    expect((counter as unknown as { failures: Map<string, unknown> }).failures.size).toBeLessThanOrEqual(100);
    expect(counter.retryAfterSeconds('k999')).toBeGreaterThan(0);
  });
});
