/**
 * GET /accessibility: the statement in the GOV.UK model form, with the contact details and dates
 * the environment sets (or what to do when none is set), from the real app on a temp store.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { statementSettings, ukDate } from '../../../server/http/accessibility-statement.js';
import { createApp } from '../../../server/http/app.js';
import { testStore, type TestStore } from '../../helpers/store.js';

let t: TestStore;
const NAMES = [
  'ACCESSIBILITY_ORGANISATION',
  'ACCESSIBILITY_CONTACT_EMAIL',
  'ACCESSIBILITY_CONTACT_PHONE',
  'ACCESSIBILITY_STATEMENT_PREPARED',
  'ACCESSIBILITY_STATEMENT_REVIEWED',
];
const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));

beforeAll(async () => {
  t = await testStore();
});
afterEach(() => {
  for (const n of NAMES) {
    if (saved[n] === undefined) delete process.env[n];
    else process.env[n] = saved[n];
  }
});
afterAll(() => t.cleanup());

/** The statement's text without tags, spaces collapsed. */
async function statement(): Promise<{ status: number; type: string | null; html: string; text: string }> {
  const res = await createApp({ store: t.store }).request('/accessibility');
  const html = await res.text();
  return { status: res.status, type: res.headers.get('Content-Type'), html, text: html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') };
}

describe('the accessibility statement', () => {
  it('has every section of the model statement, with the contacts and dates set in the environment', async () => {
    process.env.ACCESSIBILITY_ORGANISATION = 'Example Borough Council (made up, for a test)';
    process.env.ACCESSIBILITY_CONTACT_EMAIL = 'access@example.invalid';
    process.env.ACCESSIBILITY_CONTACT_PHONE = '01234 567890';
    process.env.ACCESSIBILITY_STATEMENT_PREPARED = '2026-09-23';
    process.env.ACCESSIBILITY_STATEMENT_REVIEWED = '2027-01-05';
    const s = await statement();
    expect(s.status).toBe(200);
    expect(s.type).toMatch(/^text\/html/);
    const h2 = [...s.html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual([
      'How accessible this website is',
      'Feedback and contact information',
      'Reporting accessibility problems with this website',
      'Enforcement procedure',
      'Technical information about this website’s accessibility',
      'Non-accessible content',
      'What we’re doing to improve accessibility',
      'Preparation of this accessibility statement',
    ]);
    expect(s.text).toContain('This website is run by Example Borough Council (made up, for a test).');
    expect(s.text).toContain('This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard');
    expect(s.text).toContain('Equality and Human Rights Commission (EHRC)');
    expect(s.text).toContain('Equality Commission for Northern Ireland (ECNI)');
    expect(s.html).toContain('<a href="mailto:access@example.invalid">access@example.invalid</a>');
    expect(s.html).toContain('<a href="tel:01234567890">01234 567890</a>');
    expect(s.text).toContain('This statement was prepared on 23 September 2026. It was last reviewed on 5 January 2027.');
  });

  it('without contact settings, says whom to ask instead, and is dated when it was written', async () => {
    for (const n of NAMES) delete process.env[n];
    const s = await statement();
    expect(s.text).toContain('contact whoever sent you the link to the survey');
    expect(s.html).not.toContain('mailto:');
    expect(s.text).toContain('This website is run by the Community Safety Partnership that runs this survey.');
    expect(s.text).toContain('This statement was prepared on 2 December 2026. It was last reviewed on 2 December 2026.');
  });

  it('refuses a date that is not YYYY-MM-DD, naming the setting', () => {
    expect(() => statementSettings({ ACCESSIBILITY_STATEMENT_REVIEWED: '5/1/2027' })).toThrow(
      "ACCESSIBILITY_STATEMENT_REVIEWED must be a date written YYYY-MM-DD (for example 2026-12-02), not '5/1/2027'.",
    );
    expect(ukDate('2027-01-05')).toBe('5 January 2027');
  });
});
