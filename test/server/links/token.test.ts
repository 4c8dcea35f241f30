import { describe, expect, it } from 'vitest';
import { newToken } from '../../../server/links/links.js';

describe('newToken', () => {
  it('is 12 URL-safe characters, never starting with - or _ (a command line would take "-X…" for an option)', () => {
    // Unfiltered, 1 token in 32 would start with - or _: among 20,000 about 625 would.
    const tokens = Array.from({ length: 20_000 }, newToken);
    expect(tokens.filter((t) => !/^[A-Za-z0-9][A-Za-z0-9_-]{11}$/.test(t))).toEqual([]);
    expect(new Set(tokens).size).toBe(20_000);
  });
});
