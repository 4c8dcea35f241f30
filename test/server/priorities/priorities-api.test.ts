/**
 * The priority matrix through the HTTP app on a real store: officers signed in for real,
 * the bundled police.uk file (January 2019, counts from its README) as evidence, scores and
 * weights saved and audited, the ranking worked out by hand below, refusals that store nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAreas } from '../../../server/areas/areas.js';
import { parsePopulationCsv, replacePopulation } from '../../../server/areas/population.js';
import { importCrimeFiles } from '../../../server/crime/import.js';
import { priorityRanking } from '../../../server/priorities/matrix.js';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';
import { MAIDSTONE_BY_TYPE, POLICE_UK_FILE } from '../../helpers/police-uk.js';

type World = Awaited<ReturnType<typeof officerWorld>>;
let w: World;
let analyst: Record<string, string>;
let viewer: Record<string, string>;

interface Row {
  theme: string;
  rank: number | null;
  score: number | null;
  evidence: string[];
  scoredBy: string | null;
  cells: Record<string, { score: number; by: string | null } | null>;
}

const put = (path: string, body: unknown, headers: Record<string, string>) =>
  w.app.request(path, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

// The detail as stored: CAST keeps SQLite's text, and gives Postgres's json column its exact input text.
const priorityAudit = () =>
  w.sql.all<{ action: string; detail: string }>("SELECT action, CAST(detail AS TEXT) AS detail FROM audit_log WHERE action LIKE 'priorities.%' ORDER BY id");
const count = async (statement: string) => (await w.sql.get<{ n: number }>(statement))!.n;
const scoreRows = () => count('SELECT COUNT(*) AS n FROM priority_scores');

beforeAll(async () => {
  w = await officerWorld();
  await importCrimeFiles(w.store, [POLICE_UK_FILE]);
  await ensureAreas(w.store);
  const codes = (await w.sql.all<{ code: string }>("SELECT code FROM areas WHERE kind = 'ward' ORDER BY code")).map((r) => r.code);
  const csv = ['area_code,sex,age_band,count', ...codes.map((c) => `${c},*,*,5000`)].join('\n');
  await replacePopulation(w.store, parsePopulationCsv(csv, { source: 'made up for tests', illustrative: true }));
  analyst = (await signIn(w.app, EMAILS.analyst)).headers;
  viewer = (await signIn(w.app, EMAILS.viewer)).headers;
}, 60_000);

afterAll(() => w?.cleanup());

describe('priority matrix API', () => {
  it('shows the evidence held and no score before officers score', async () => {
    const res = await w.app.request('/api/officer/priorities/2019', { headers: viewer });
    expect(res.status).toBe(200);
    const m = (await res.json()) as { saved: boolean; rows: Row[]; criteria: { key: string; weight: number }[] };
    expect(m.saved).toBe(false);
    expect(m.criteria.map((c) => [c.key, c.weight])).toEqual([
      ['threat', 1],
      ['risk', 1],
      ['harm', 1],
      ['vulnerability', 1],
      ['capacity', 1],
    ]);
    expect(m.rows).toHaveLength(14);
    expect(m.rows.every((r) => r.score === null && r.rank === null)).toBe(true);
    const burglary = m.rows.find((r) => r.theme === 'burglary')!;
    const wards = await count("SELECT COUNT(*) AS n FROM areas WHERE kind = 'ward'");
    const rate = ((1000 * MAIDSTONE_BY_TYPE.Burglary) / (5000 * wards)).toFixed(2);
    expect(burglary.evidence[0]).toBe(
      `Volume: ${MAIDSTONE_BY_TYPE.Burglary} recorded in February 2018 to January 2019 (only 1 of its 12 months held), ${rate} per 1,000 residents over the period.`,
    );
    expect(burglary.evidence[1]).toBe('Change on the year: not known, because the same months a year earlier are not all held.');
    expect(burglary.evidence[2]).toMatch(/^SPC signals: no chart: Only 1 month of recorded crime is stored/);
    expect(burglary.evidence[3]).toBe('Perception: no survey question held asks about worry over this theme, so there is no worry figure.');
    // 2018: no recorded crime of that year or earlier is held.
    const none = (await (await w.app.request('/api/officer/priorities/2018', { headers: viewer })).json()) as { rows: Row[] };
    expect(none.rows[0].evidence[0]).toBe(
      'Volume and trend: no recorded crime up to December 2018 has been imported, so there is no count, rate or trend for this theme.',
    );
    expect(await priorityRanking(w.store, '2019')).toBeNull();
  });

  it('refuses bad scores, unknown themes and viewers, storing nothing', async () => {
    const cases: [unknown, number, string][] = [
      [{ theme: 'burglary', scores: { threat: 0 } }, 422, 'A score must be a whole number from 1 to 5: 1 is the lowest priority.'],
      [{ theme: 'burglary', scores: { threat: 6 } }, 422, 'A score must be a whole number from 1 to 5: 5 is the highest priority.'],
      [{ theme: 'burglary', scores: { threat: 2.5 } }, 422, 'A score must be a whole number from 1 to 5.'],
      [
        { theme: 'burglary', scores: { menace: 3 } },
        422,
        'Unexpected field(s) "menace": the criteria are "threat", "risk", "harm", "vulnerability", "capacity".',
      ],
    ];
    for (const [body, status, message] of cases) {
      const res = await put('/api/officer/priorities/2019/scores', body, analyst);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(((await res.json()) as { error: string }).error).toBe(message);
    }
    const unknown = await put('/api/officer/priorities/2019/scores', { theme: 'littering', scores: { threat: 3 } }, analyst);
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { error: string; field: string }).field).toBe('theme');
    const refused = await put('/api/officer/priorities/2019/scores', { theme: 'burglary', scores: { threat: 3 } }, viewer);
    expect(refused.status).toBe(403);
    const badYear = await w.app.request('/api/officer/priorities/19', { headers: viewer });
    expect(badYear.status).toBe(400);
    const zero = await put('/api/officer/priorities/2019/weights', { weights: { threat: 0, risk: 0, harm: 0, vulnerability: 0, capacity: 0 } }, analyst);
    expect(zero.status).toBe(422);
    expect(await scoreRows()).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM priority_assessments')).toBe(0);
    expect(await priorityAudit()).toEqual([]);
  });

  it('ranks by the weighted mean of the scores, as worked out by hand, and audits who scored what', async () => {
    const score = (theme: string, s: number[]) =>
      put('/api/officer/priorities/2019/scores', { theme, scores: { threat: s[0], risk: s[1], harm: s[2], vulnerability: s[3], capacity: s[4] } }, analyst);
    for (const [t, s] of [
      ['burglary', [4, 4, 5, 3, 2]],
      ['robbery', [3, 3, 3, 3, 3]],
      ['drugs', [5, 5, 1, 1, 5]],
    ] as const)
      expect((await score(t, [...s])).status).toBe(200);
    // Harm weighted 3, the rest 1 (Σw = 7): burglary 28/7 = 4.00, robbery 21/7 = 3.00, drugs 19/7 = 2.71.
    const res = await put('/api/officer/priorities/2019/weights', { weights: { harm: 3 } }, analyst);
    expect(res.status).toBe(200);
    let m = (await res.json()) as { rows: Row[]; weightsSetBy: string };
    expect(m.rows.slice(0, 3).map((r) => [r.theme, r.rank, r.score])).toEqual([
      ['burglary', 1, 4],
      ['robbery', 2, 3],
      ['drugs', 3, 2.71],
    ]);
    expect(m.rows[3].rank).toBeNull();
    expect(m.weightsSetBy).toBe(EMAILS.analyst);
    expect(m.rows[0].scoredBy).toBe(EMAILS.analyst);
    expect(m.rows[0].cells.harm).toMatchObject({ score: 5, by: EMAILS.analyst });

    // Harm left out (Σw = 4): drugs 16/4 = 4.00, burglary 13/4 = 3.25, robbery 12/4 = 3.00.
    await put('/api/officer/priorities/2019/weights', { weights: { harm: 0 } }, analyst);
    m = (await (await w.app.request('/api/officer/priorities/2019', { headers: viewer })).json()) as { rows: Row[]; weightsSetBy: string };
    expect(m.rows.slice(0, 3).map((r) => [r.theme, r.rank, r.score])).toEqual([
      ['drugs', 1, 4],
      ['burglary', 2, 3.25],
      ['robbery', 3, 3],
    ]);

    // Equal scores share a rank.
    await score('robbery', [4, 4, 4, 3, 2]);
    m = (await (await w.app.request('/api/officer/priorities/2019', { headers: viewer })).json()) as { rows: Row[]; weightsSetBy: string };
    expect(m.rows.slice(0, 3).map((r) => [r.theme, r.rank, r.score])).toEqual([
      ['drugs', 1, 4],
      ['burglary', 2, 3.25],
      ['robbery', 2, 3.25],
    ]);

    const log = await priorityAudit();
    expect(log.map((l) => l.action)).toEqual([
      'priorities.score',
      'priorities.score',
      'priorities.score',
      'priorities.weights',
      'priorities.weights',
      'priorities.score',
    ]);
    expect(JSON.parse(log[0].detail)).toEqual({ year: '2019', theme: 'burglary', scores: { threat: 4, risk: 4, harm: 5, vulnerability: 3, capacity: 2 } });
    const officer = await w.sql.all(
      "SELECT a.officer_id AS id, o.email FROM audit_log a JOIN officers o ON o.id = a.officer_id WHERE a.action = 'priorities.weights' ORDER BY a.id",
    );
    expect(officer).toEqual([
      { id: expect.any(Number), email: EMAILS.analyst },
      { id: expect.any(Number), email: EMAILS.analyst },
    ]);

    const ranking = (await priorityRanking(w.store, '2019'))!;
    expect(ranking.rows.slice(0, 3).map((r) => r.theme)).toEqual(['drugs', 'burglary', 'robbery']);
    expect(ranking.criteria.find((c) => c.key === 'harm')!.weight).toBe(0);
    expect((ranking.rows[0] as unknown as Record<string, unknown>).cells).toBeUndefined();
  });
});

describe('priorities command', () => {
  it('scores a theme through the same checks and shows the ranked list', async () => {
    const { prioritiesCommand } = await import('../../../server/cli/commands/priorities.js');
    const out: string[] = [];
    const io = { store: w.store, out: (s: string) => out.push(s), err: () => {} };
    await expect(async () => prioritiesCommand(['score', '--year', '2020', '--theme', 'burglary', '--threat', '6'], io)).rejects.toThrow(
      'A score must be a whole number from 1 to 5: 5 is the highest priority.',
    );
    expect(await count("SELECT COUNT(*) AS n FROM priority_scores WHERE year = '2020'")).toBe(0);
    const code = await prioritiesCommand(
      ['score', '--year', '2020', '--theme', 'shoplifting', '--threat', '2', '--risk', '2', '--harm', '2', '--vulnerability', '2', '--capacity', '2'],
      io,
    );
    expect(code).toBe(0);
    expect(out[0]).toBe('rank\tscore\ttheme\tthreat\trisk\tharm\tvulnerability\tcapacity\tscored by');
    expect(out[1]).toBe('1\t2\tShoplifting\t2\t2\t2\t2\t2\t');
  });
});
