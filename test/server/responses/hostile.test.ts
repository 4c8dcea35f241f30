/**
 * Hostile and malformed submissions. Each one must get the expected 4xx, a JSON body with a
 * human-readable `error` (and `errors[].question` naming the question where one is at fault),
 * and leave the responses table exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSurvey, createWave, setWaveStatus } from '../../../server/surveys/manage.js';
import { findSurvey } from '../../../server/surveys/surveys.js';
import { RESIDENT, respondentWorld, responseCount, validResident } from '../../helpers/respondent-fixtures.js';

const world = await respondentWorld();
afterAll(() => world.cleanup());

const tokens = { expired: '', full: '' };
beforeAll(async () => {
  // A copy of the resident questionnaire whose only wave is closed.
  const resident = await findSurvey(world.store.db, RESIDENT);
  await addSurvey(world.store.db, { slug: 'closed-survey', definition: resident.definition, audience: 'resident' });
  await createWave(world.store.db, 'closed-survey', '2019');
  await setWaveStatus(world.store.db, 'closed-survey', '2019', 'open');
  await setWaveStatus(world.store.db, 'closed-survey', '2019', 'closed');
  // The bundled questionnaires have no rating or free-text question; this small one does.
  await addSurvey(world.store.db, { slug: 'rating-check', definition: RATING_SURVEY, audience: 'other' });
  await createWave(world.store.db, 'rating-check', '2026');
  await setWaveStatus(world.store.db, 'rating-check', '2026', 'open');
  tokens.expired = (await world.link('Expired', { slug: RESIDENT, expires: '2020-01-01' })).token;
  const full = await world.link('Full', { slug: RESIDENT, max: 1 });
  tokens.full = full.token;
  const res = await world.app.request(`/api/links/${full.token}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ answers: validResident() }),
  });
  expect(res.status).toBe(201);
});

const RESIDENT_URL = `/api/surveys/${RESIDENT}/responses`;
const RATING_URL = () => '/api/surveys/rating-check/responses';
const RATING_SURVEY = {
  title: 'Rating and comment check',
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'rating', name: 'police_rating', rateMin: 1, rateMax: 5, isRequired: true },
        { type: 'comment', name: 'anything_else', maxLength: 200 },
      ],
    },
  ],
};
const KB = 1024;

/** The valid return with some answers changed (`undefined` removes one). */
const withAnswers = (changes: Record<string, unknown>) => {
  const answers: Record<string, unknown> = { ...validResident(), ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete answers[k];
  return { answers };
};
/** The valid return as raw JSON text with `extra` spliced into the answers object. */
const rawWithAnswerText = (extra: string) => {
  const json = JSON.stringify(validResident());
  return `{"answers":${json.slice(0, -1)},${extra}}}`;
};

interface HostileCase {
  name: string;
  /** An object to send as JSON, or the exact body text (string), or FormData. */
  body: unknown;
  raw?: boolean;
  contentType?: string | null;
  headers?: Record<string, string>;
  url?: () => string;
  status: number;
  /** The question `errors[]` must name (null: the submission as a whole). */
  question?: string | null;
  /** What one of `errors[].message` must say. */
  message?: RegExp;
  /** What the message must say. */
  error?: RegExp;
}

const cases: HostileCase[] = [
  // ── Not JSON, or not the right JSON ───────────────────────────────────────────────
  { name: 'broken JSON', body: '{"answers": {"safe_home": "very_safe"', raw: true, status: 400, error: /not valid JSON/ },
  { name: 'empty body', body: '', raw: true, status: 400, error: /not valid JSON/ },
  { name: 'whitespace only', body: '   \n ', raw: true, status: 400, error: /not valid JSON/ },
  { name: 'trailing garbage after the object', body: '{"answers":{}} DROP', raw: true, status: 400, error: /not valid JSON/ },
  { name: 'single-quoted pseudo-JSON', body: "{'answers': {}}", raw: true, status: 400, error: /not valid JSON/ },
  { name: 'JSON array instead of an object', body: '[{"answers":{}}]', raw: true, status: 400, error: /object/ },
  { name: 'JSON string instead of an object', body: '"answers"', raw: true, status: 400, error: /object/ },
  { name: 'JSON null instead of an object', body: 'null', raw: true, status: 400, error: /object/ },
  { name: 'JSON number instead of an object', body: '42', raw: true, status: 400, error: /object/ },
  { name: 'no answers field', body: { idempotencyKey: 'no-answers-0001' }, status: 400, error: /no 'answers'/ },
  {
    name: 'answers given twice, the last a string',
    body: `{"answers":${JSON.stringify(validResident())},"answers":"all safe"}`,
    raw: true,
    status: 422,
    question: null,
    message: /JSON object keyed by question name/,
  },
  { name: 'answers is a string', body: { answers: 'very_safe' }, status: 422, question: null, message: /JSON object keyed by question name/ },
  { name: 'answers is an array', body: { answers: [validResident()] }, status: 422, question: null, message: /JSON object keyed by question name/ },
  { name: 'answers is null', body: { answers: null }, status: 422, question: null, message: /JSON object keyed by question name/ },
  { name: 'answers is a number', body: { answers: 7 }, status: 422, question: null, message: /JSON object keyed by question name/ },

  // ── Wrong content type or size ───────────────────────────────────────────────────
  {
    name: 'text/plain content type',
    body: JSON.stringify(withAnswers({})),
    raw: true,
    contentType: 'text/plain',
    status: 415,
    error: /Content-Type: application\/json/,
  },
  { name: 'form-urlencoded', body: 'answers[safe_home]=very_safe', raw: true, contentType: 'application/x-www-form-urlencoded', status: 415 },
  { name: 'multipart form data', body: 'formdata', status: 415 },
  { name: 'no content type at all', body: JSON.stringify(withAnswers({})), raw: true, contentType: null, status: 415 },
  { name: 'look-alike content type application/jsonp', body: JSON.stringify(withAnswers({})), raw: true, contentType: 'application/jsonp', status: 415 },
  { name: 'JSON content type over a form body', body: 'answers=1&safe_home=very_safe', raw: true, status: 400, error: /not valid JSON/ },
  { name: 'huge body (> 64 KB) of valid JSON', body: withAnswers({ safe_home: 'x'.repeat(70 * KB) }), status: 413, error: /larger than 64 KB/ },
  { name: 'huge body (> 64 KB) of garbage', body: '{'.repeat(200 * KB), raw: true, status: 413, error: /larger than 64 KB/ },
  {
    name: 'Content-Length above 64 KB',
    body: JSON.stringify(withAnswers({ safe_home: 'x'.repeat(70 * KB) })),
    raw: true,
    headers: { 'content-length': String(71 * KB) },
    status: 413,
    error: /larger than 64 KB/,
  },
  {
    name: 'Content-Length understating a huge body',
    body: JSON.stringify(withAnswers({ safe_home: 'x'.repeat(70 * KB) })),
    raw: true,
    headers: { 'content-length': '100' },
    status: 413,
    error: /larger than 64 KB/,
  },
  {
    name: 'Content-Length that is not a number',
    body: JSON.stringify(withAnswers({})),
    raw: true,
    headers: { 'content-length': 'lots' },
    status: 400,
    error: /Content-Length/,
  },

  // ── Envelope fields ──────────────────────────────────────────────────────────────
  { name: 'unknown envelope key (an IP address)', body: { ...withAnswers({}), ip: '203.0.113.9' }, status: 400, error: /Unexpected field.*'ip'/ },
  { name: 'status neither complete nor partial', body: { ...withAnswers({}), status: 'done' }, status: 400, error: /'status'/ },
  { name: 'status in capitals', body: { ...withAnswers({}), status: 'COMPLETE' }, status: 400, error: /'status'/ },
  { name: 'idempotencyKey too short', body: { ...withAnswers({}), idempotencyKey: 'abc' }, status: 400, error: /idempotencyKey/ },
  { name: 'idempotencyKey too long', body: { ...withAnswers({}), idempotencyKey: 'k'.repeat(101) }, status: 400, error: /idempotencyKey/ },
  { name: 'idempotencyKey with SQL', body: { ...withAnswers({}), idempotencyKey: "x'; DROP TABLE responses;--" }, status: 400, error: /idempotencyKey/ },
  { name: 'idempotencyKey a number', body: { ...withAnswers({}), idempotencyKey: 12345678 }, status: 400, error: /idempotencyKey/ },

  // ── Questions and values that are not in the questionnaire ───────────────────────
  // A key that is no question is reported with `question: null` and named in the message.
  {
    name: 'unknown question name',
    body: withAnswers({ favourite_colour: 'blue' }),
    status: 422,
    question: null,
    message: /'favourite_colour' is not a question/,
  },
  {
    name: 'SQL fragment as a question name',
    body: withAnswers({ "'; DROP TABLE responses;--": 'x' }),
    status: 422,
    question: null,
    message: /'; DROP TABLE responses;--' is not a question/,
  },
  {
    name: '__proto__ as a question name',
    body: rawWithAnswerText('"__proto__":{"polluted":true}'),
    raw: true,
    status: 422,
    question: null,
    message: /'__proto__' is not allowed/,
  },
  { name: 'constructor as a question name', body: withAnswers({ constructor: 'very_safe' }), status: 422, question: null, message: /'constructor' is not/ },
  { name: 'unknown choice value', body: withAnswers({ safe_home: 'extremely_safe' }), status: 422, question: 'safe_home' },
  { name: 'choice value in the wrong case', body: withAnswers({ safe_home: 'VERY_SAFE' }), status: 422, question: 'safe_home' },
  { name: 'choice value from another question', body: withAnswers({ safe_home: 'very_worried' }), status: 422, question: 'safe_home' },
  { name: 'number where a choice is expected', body: withAnswers({ safe_home: 1 }), status: 422, question: 'safe_home' },
  { name: 'boolean where a choice is expected', body: withAnswers({ safe_home: true }), status: 422, question: 'safe_home' },
  { name: 'array for a single choice', body: withAnswers({ safe_home: ['very_safe'] }), status: 422, question: 'safe_home' },
  { name: 'nested object as an answer', body: withAnswers({ safe_home: { value: 'very_safe' } }), status: 422, question: 'safe_home' },
  { name: 'script tag as a choice value', body: withAnswers({ safe_dark_town: '<script>alert(1)</script>' }), status: 422, question: 'safe_dark_town' },
  { name: 'SQL fragment as a choice value', body: withAnswers({ safe_dark_town: "'; DROP TABLE responses;--" }), status: 422, question: 'safe_dark_town' },
  { name: 'ward that is not a ward of the borough', body: withAnswers({ ward: 'E05999999' }), status: 422, question: 'ward' },
  { name: 'string for a checkbox question', body: withAnswers({ unsafe_places: 'town_centre' }), status: 422, question: 'unsafe_places' },
  { name: 'unknown choice in a checkbox', body: withAnswers({ unsafe_places: ['the_moon'] }), status: 422, question: 'unsafe_places' },
  { name: 'checkbox with more choices than allowed', body: 'tooManyPlaces', status: 422, question: 'unsafe_places' },
  { name: 'checkbox with a choice repeated', body: 'duplicatePlaces', status: 422, question: 'unsafe_places' },

  // ── Numbers ──────────────────────────────────────────────────────────────────────
  { name: 'household_size above the maximum', body: withAnswers({ household_size: 99 }), status: 422, question: 'household_size' },
  { name: 'household_size zero', body: withAnswers({ household_size: 0 }), status: 422, question: 'household_size' },
  { name: 'household_size negative', body: withAnswers({ household_size: -3 }), status: 422, question: 'household_size' },
  { name: 'household_size as words', body: withAnswers({ household_size: 'three' }), status: 422, question: 'household_size' },
  { name: 'household_size "NaN"', body: withAnswers({ household_size: 'NaN' }), status: 422, question: 'household_size' },
  {
    name: 'household_size 1e999 (Infinity once parsed)',
    body: rawWithAnswerText('"household_size":1e999').replace(/"household_size":3,/, ''),
    raw: true,
    status: 422,
    question: 'household_size',
  },
  { name: 'rating above its scale', body: { answers: { police_rating: 6 } }, url: RATING_URL, status: 422, question: 'police_rating' },
  { name: 'rating below its scale', body: { answers: { police_rating: 0 } }, url: RATING_URL, status: 422, question: 'police_rating' },
  { name: 'rating as text', body: { answers: { police_rating: '5' } }, url: RATING_URL, status: 422, question: 'police_rating' },
  { name: 'rating between points', body: { answers: { police_rating: 2.5 } }, url: RATING_URL, status: 422, question: 'police_rating' },
  {
    name: 'free text longer than its maxLength',
    body: { answers: { police_rating: 3, anything_else: 'a'.repeat(201) } },
    url: RATING_URL,
    status: 422,
    question: 'anything_else',
  },
  { name: 'free text as a number', body: { answers: { police_rating: 3, anything_else: 42 } }, url: RATING_URL, status: 422, question: 'anything_else' },
  {
    name: "'other' text longer than allowed",
    body: withAnswers({ unsafe_places: ['other'], 'unsafe_places-Comment': 'b'.repeat(2001) }),
    status: 422,
    question: 'unsafe_places',
  },
  { name: "'other' chosen without saying what", body: withAnswers({ unsafe_places: ['parks', 'other'] }), status: 422, question: 'unsafe_places' },
  {
    name: 'comment for a question that has none',
    body: withAnswers({ 'safe_home-Comment': 'hello' }),
    status: 422,
    question: null,
    message: /has no comment box/,
  },

  // ── Required and hidden questions ────────────────────────────────────────────────
  { name: 'required answer missing', body: withAnswers({ safe_dark_local: undefined }), status: 422, question: 'safe_dark_local' },
  { name: 'required answer null', body: withAnswers({ safe_dark_local: null }), status: 422, question: 'safe_dark_local' },
  { name: 'required answer empty string', body: withAnswers({ safe_dark_local: '' }), status: 422, question: 'safe_dark_local' },
  { name: 'no answers at all', body: { answers: {} }, status: 422 },

  // ── Unicode oddities ─────────────────────────────────────────────────────────────
  { name: 'Cyrillic look-alike letter in a choice value', body: withAnswers({ safe_home: 'very_saf\u0435' }), status: 422, question: 'safe_home' },
  { name: 'emoji as a choice value', body: withAnswers({ safe_home: '😀' }), status: 422, question: 'safe_home' },
  { name: 'null byte inside a choice value', body: withAnswers({ safe_home: 'very_safe\u0000' }), status: 422, question: 'safe_home' },
  { name: 'null byte in a question name', body: withAnswers({ 'safe_home\u0000': 'very_safe' }), status: 422, question: null, message: /is not a question/ },
  {
    name: 'lone surrogate as a choice value',
    body: rawWithAnswerText('"safe_day_town":"\\ud800"').replace(/"safe_day_town":"very_safe",/, ''),
    raw: true,
    status: 422,
    question: 'safe_day_town',
  },
  { name: 'right-to-left override in a choice value', body: withAnswers({ safe_home: '\u202every_safe' }), status: 422, question: 'safe_home' },
  { name: 'zero-width space in a choice value', body: withAnswers({ safe_home: 'very\u200b_safe' }), status: 422, question: 'safe_home' },

  // ── Not taking answers ───────────────────────────────────────────────────────────
  { name: 'survey that does not exist', body: withAnswers({}), url: () => '/api/surveys/no-such-survey/responses', status: 404, error: /no survey called/ },
  { name: 'survey whose wave is closed', body: withAnswers({}), url: () => '/api/surveys/closed-survey/responses', status: 410, error: /not taking answers/ },
  { name: 'expired link', body: withAnswers({}), url: () => `/api/links/${tokens.expired}/responses`, status: 410, error: /expired/ },
  { name: 'full link', body: withAnswers({}), url: () => `/api/links/${tokens.full}/responses`, status: 410, error: /all the answers/ },
  { name: 'unknown link token', body: withAnswers({}), url: () => '/api/links/not-a-real-token/responses', status: 404, error: /not recognised/ },
  {
    name: 'link token with SQL',
    body: withAnswers({}),
    url: () => `/api/links/${encodeURIComponent("' OR '1'='1")}/responses`,
    status: 404,
    error: /not recognised/,
  },
];

/** Bodies that depend on the questionnaire's own limits, built from its definition. */
async function special(kind: string): Promise<unknown> {
  switch (kind) {
    case 'formdata': {
      const form = new FormData();
      form.set('answers', JSON.stringify(validResident()));
      return form;
    }
    case 'tooManyPlaces':
      return withAnswers({ unsafe_places: (await placeChoices()).slice(0, (await placesMax()) + 1) });
    case 'duplicatePlaces': {
      const first = (await placeChoices())[0];
      return withAnswers({ unsafe_places: [first, first] });
    }
    default:
      return kind;
  }
}

type El = Record<string, any>;
async function allQuestions(): Promise<El[]> {
  const out: El[] = [];
  const visit = (els: El[] = []) => els.forEach((e) => (e.type === 'panel' ? visit(e.elements) : out.push(e)));
  ((await findSurvey(world.store.db, RESIDENT)).definition.pages as El[]).forEach((p) => visit(p.elements));
  return out;
}
const question = async (name: string) => (await allQuestions()).find((q) => q.name === name)!;
const placeChoices = async () => ((await question('unsafe_places')).choices as (string | El)[]).map((c) => (typeof c === 'string' ? c : c.value));
const placesMax = async () => (await question('unsafe_places')).maxSelectedChoices as number;

async function send(c: HostileCase): Promise<Response> {
  const body = typeof c.body === 'string' && !c.raw ? await special(c.body) : c.body;
  const headers: Record<string, string> = { ...c.headers };
  if (c.contentType !== null && !(body instanceof FormData)) headers['content-type'] = c.contentType ?? 'application/json';
  const payload = body instanceof FormData || typeof body === 'string' ? body : JSON.stringify(body);
  return world.app.request(c.url ? c.url() : RESIDENT_URL, { method: 'POST', headers, body: payload as BodyInit });
}

describe('hostile submissions', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases)('$name → $status, a clear message, nothing stored', async (c) => {
    const before = await responseCount(world.store);
    const res = await send(c);
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(c.status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(text);
    expect(typeof body.error).toBe('string');
    // Human-readable: a sentence, not a code or a stack trace.
    expect(body.error.length).toBeGreaterThan(10);
    expect(body.error).not.toMatch(/at \w+ \(|SqliteError|TypeError|undefined/);
    if (c.error) expect(body.error).toMatch(c.error);
    if (c.question !== undefined) {
      expect(Array.isArray(body.errors)).toBe(true);
      expect(body.errors.map((e: { question: string | null }) => e.question)).toContain(c.question);
      for (const e of body.errors) expect(typeof e.message).toBe('string');
    }
    if (c.message) expect(body.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(c.message);
    expect(await responseCount(world.store)).toBe(before);
  });

  it('left the database intact and Object.prototype unpolluted', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const tables = await world.sql.all(
      world.store.kind === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'responses'"
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'responses'",
    );
    expect(tables).toHaveLength(1);
    // Only the one return stored through the full link in set-up.
    expect(await responseCount(world.store)).toBe(1);
    const ok = await world.app.request(RESIDENT_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(withAnswers({})),
    });
    expect(ok.status).toBe(201);
  });
});
