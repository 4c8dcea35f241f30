/**
 * Regex validators that could freeze the server: refused at upload (server/validation/regex-safety.ts),
 * left out of a questionnaire already stored, and every regex run on a bounded answer length.
 * The questionnaires here are MADE UP for the test.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createWave, setWaveStatus } from '../../../server/surveys/manage.js';
import { insertSurvey } from '../../../server/surveys/queries.js';
import { compileSurvey } from '../../../server/validation/index.js';
import { REGEX_MAX_INPUT, unsafeRegexReason } from '../../../server/validation/regex-safety.js';
import { signIn } from '../../helpers/officer.js';
import { postJson, testApp, testStore } from '../../helpers/store.js';

const withRegex = (regex: string) => ({
  title: 'Regex check (made up, test)',
  elements: [{ type: 'text', name: 'code', validators: [{ type: 'regex', regex }] }],
});
/** The answer from the finding: 28 a's and one character the pattern cannot match. */
const ATTACK = `${'a'.repeat(28)}!`;

describe('the safety check', () => {
  it.each([
    ['(a+)+$', 'a repeated group contains another repeat ((a+)+)'],
    ['^(a*)*b', 'a repeated group contains another repeat ((a*)*)'],
    ['^([A-Za-z]+ ?)+$', 'a repeated group contains another repeat (([A-Za-z]+ ?)+)'],
    ['^(a{2,}){3,}$', 'a repeated group contains another repeat ((a{2,}){3,})'],
    ['^(\\d+?)+x', 'a repeated group contains another repeat ((\\d+?)+)'],
    ['^(?:(a+))+$', 'a repeated group contains another repeat ((?:(a+))+)'],
    ['^(a|ab)*c$', 'a repeated group has alternatives that match the same text ((a|ab)*)'],
    ['^(x|x)+$', 'a repeated group has alternatives that match the same text ((x|x)+)'],
    ['^(\\w)\\1$', 'it uses a backreference (\\1 …)'],
    ['^(?<c>\\w)\\k<c>$', 'it uses a named backreference (\\k<…>)'],
  ])('refuses %s', (pattern, reason) => {
    expect(unsafeRegexReason(pattern)).toBe(reason);
  });

  it.each(['^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$', '^\\d{5}(-\\d{4})?$', '^(red|green|blue)+$', '^[a-z]+$', '^(?:ab)?c+$', '^[(+*)]+$', '^\\p{L}+$'])(
    'lets %s through',
    (pattern) => {
      expect(unsafeRegexReason(pattern)).toBeNull();
    },
  );
});

const t = await testStore();
afterAll(() => t.cleanup());
const { store } = t;
const app = testApp(store);
const admin = await signIn(app, store, 'admin');

describe('at upload', () => {
  it('refuses a questionnaire with a catastrophic pattern (422, saying why and what to do) and stores nothing', async () => {
    const res = await postJson(app, '/api/officer/surveys', { slug: 'regex-bad', audience: 'resident', definition: withRegex('^(a+)+$') }, admin);
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: string };
    expect(error).toBe(
      "The questionnaire cannot be used: Question 'code' has a regex validator the server will not run, because a repeated group contains another repeat ((a+)+): one answer could keep the server busy for minutes. Rewrite it without repeats inside repeated groups or backreferences, e.g. ^[A-Za-z ]+$ instead of ^([A-Za-z]+ ?)+$.",
    );
    expect(await t.sql.get("SELECT count(*) AS n FROM surveys WHERE slug = 'regex-bad'")).toEqual({ n: 0 });
  });
});

describe('when answering', () => {
  it('a stored questionnaire with that pattern answers the 29-character attack at once (the validator is left out)', async () => {
    await insertSurvey(store.db, {
      slug: 'regex-old',
      title: 'Old regex (made up, test)',
      audience: 'resident',
      definition: withRegex('^(a+)+$'),
      metadata: null,
    });
    await createWave(store.db, 'regex-old', '2026');
    await setWaveStatus(store.db, 'regex-old', '2026', 'open');
    const started = performance.now();
    const res = await postJson(app, '/api/surveys/regex-old/responses', { answers: { code: ATTACK } });
    const ms = performance.now() - started;
    expect(res.status).toBe(201);
    // The pattern itself takes seconds on this answer; the request (validation and storing) takes milliseconds.
    expect(ms).toBeLessThan(1000);
  });

  it('runs a pattern that passes the check only on answers up to the bound, saying so beyond it', () => {
    // Polynomial backtracking (three overlapping repeats) that the check lets through: bounded by length.
    const survey = compileSurvey(withRegex('^a*a*a*$'));
    const atBound = `${'a'.repeat(REGEX_MAX_INPUT - 1)}!`;
    expect(survey.validate({ code: atBound })).toMatchObject({
      ok: false,
      errors: [{ question: 'code', message: expect.stringMatching(/is not in the expected format\.$/) }],
    });
    const over = 'a'.repeat(REGEX_MAX_INPUT + 1);
    expect(survey.validate({ code: over })).toMatchObject({
      ok: false,
      errors: [
        { question: 'code', message: `Question 'code': the answer is too long to check against the expected format (at most ${REGEX_MAX_INPUT} characters).` },
      ],
    });
  });
});
