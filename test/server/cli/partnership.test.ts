/**
 * `partnership add|list|grant|county` and any command's `--partnership`: the operator sets up a
 * second partnership from the command line, with made-up wards, and works in it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NORTH_LOOKUP } from '../../helpers/partnership-isolation.js';
import { testStore } from '../../helpers/store.js';
import { root, runCli as runOn, storeEnv } from './run-cli.js';

// The CLI in this process on this store: DATA_DIR's SQLite file, or the Postgres database by DATABASE_URL.
const t = await testStore();
afterAll(() => t.cleanup());
const { dir } = t;
const runCli = (where: string, args: string[]) => runOn(where, args, storeEnv(t.store));
const lookup = join(dir, 'north-lookup.csv');
writeFileSync(lookup, NORTH_LOOKUP);

const RESIDENT_FILE = join(root, 'surveys/resident-safety.survey.json');

describe('partnership commands', () => {
  it('adds a partnership with its wards from a lookup, and lists it beside the default one', async () => {
    const added = await runCli(dir, ['partnership', 'add', '--slug', 'north', '--name', 'North test partnership (made up)', '--lookup', lookup]);
    expect(added).toMatchObject({
      code: 0,
      stdout: 'Added partnership north (North test partnership (made up)) with 2 wards. Give officers a role with partnership grant.\n',
    });
    const list = await runCli(dir, ['partnership', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([
      { id: 1, slug: 'default', name: 'Our partnership', wards: 0, surveys: 0 },
      { id: 2, slug: 'north', name: 'North test partnership (made up)', wards: 2, surveys: 0 },
    ]);
  });

  it('refuses a taken name, a bad one, and a lookup whose wards are taken, storing nothing', async () => {
    const taken = await runCli(dir, ['partnership', 'add', '--slug', 'north', '--name', 'Again']);
    expect(taken).toMatchObject({ code: 1, stderr: "There is a partnership called 'north' already.\n" });
    const bad = await runCli(dir, ['partnership', 'add', '--slug', 'North CSP', '--name', 'Bad']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('A partnership name in addresses is 1–40 lower-case letters, digits and hyphens, e.g. "dover".\n');
    const wards = await runCli(dir, ['partnership', 'add', '--slug', 'south', '--name', 'South', '--lookup', lookup]);
    expect(wards.code).toBe(1);
    expect(wards.stderr).toBe("2 of the lookup's wards belong to another partnership (E05999901, E05999902): each ward belongs to one. Nothing was stored.\n");
    expect(JSON.parse((await runCli(dir, ['partnership', 'list', '--json'])).stdout)).toHaveLength(2);
  });

  it("refuses a lookup with an LSOA already in another ward (north's), adding no partnership and no wards", async () => {
    const before = JSON.parse((await runCli(dir, ['partnership', 'list', '--json'])).stdout);
    const moved = join(dir, 'south-lookup.csv');
    writeFileSync(moved, 'LSOA11CD,WD19CD,WD19NM\nE01999911,E05999911,South test ward A (made up)\nE01999901,E05999911,South test ward A (made up)\n');
    const r = await runCli(dir, ['partnership', 'add', '--slug', 'south', '--name', 'South', '--lookup', moved]);
    expect(r).toMatchObject({
      code: 1,
      stdout: '',
      stderr: "1 of the lookup's LSOAs lies in another ward already (E01999901 in E05999901): an LSOA lies in one ward. Nothing was stored.\n",
    });
    expect(JSON.parse((await runCli(dir, ['partnership', 'list', '--json'])).stdout)).toEqual(before);
    expect(await t.sql.all("SELECT code FROM areas WHERE code = 'E05999911'")).toEqual([]);
    expect(await t.sql.all("SELECT lsoa_code FROM lsoa_ward WHERE lsoa_code = 'E01999911'")).toEqual([]);
  });

  it('works in the partnership named by --partnership: a survey added there is its own', async () => {
    const r = await runCli(dir, ['survey', 'add', '--file', RESIDENT_FILE, '--slug', 'north-residents', '--partnership', 'north']);
    expect(r.code).toBe(0);
    expect((await runCli(dir, ['survey', 'list', '--partnership', 'north'])).stdout).toMatch(/^north-residents\b/);
    expect((await runCli(dir, ['survey', 'list', '--partnership', 'default'])).stdout).not.toMatch(/north-residents/);
    const counts = JSON.parse((await runCli(dir, ['partnership', 'list', '--json'])).stdout) as { slug: string; surveys: number }[];
    expect(counts.map((p) => [p.slug, p.surveys])).toEqual([
      ['default', 0],
      ['north', 1],
    ]);
    const unknown = await runCli(dir, ['survey', 'list', '--partnership', 'nowhere']);
    expect(unknown).toMatchObject({ code: 1, stderr: "There is no partnership called 'nowhere'. The partnerships are: default, north.\n" });
  });

  it('gives an officer a role in a partnership, and makes one a county reader', async () => {
    expect(
      (await runCli(dir, ['officer', 'create', '--email', 'analyst@test.invalid', '--password', 'correct horse battery staple', '--role', 'analyst'])).code,
    ).toBe(0);
    const grant = await runCli(dir, ['partnership', 'grant', '--email', 'analyst@test.invalid', '--slug', 'north', '--role', 'viewer']);
    expect(grant).toMatchObject({ code: 0, stdout: 'analyst@test.invalid is viewer in north.\n' });
    const notRole = await runCli(dir, ['partnership', 'grant', '--email', 'analyst@test.invalid', '--slug', 'north', '--role', 'owner']);
    expect(notRole.code).toBe(2);
    expect(notRole.stderr).toMatch(/^'owner' is not a role: use one of viewer, analyst, admin\./);
    const county = await runCli(dir, ['partnership', 'county', '--email', 'analyst@test.invalid']);
    expect(county).toMatchObject({ code: 0, stdout: 'analyst@test.invalid now reads every partnership.\n' });
    const nobody = await runCli(dir, ['partnership', 'county', '--email', 'nobody@test.invalid']);
    expect(nobody).toMatchObject({ code: 1, stderr: 'There is no officer with the email nobody@test.invalid.\n' });
  });
});
