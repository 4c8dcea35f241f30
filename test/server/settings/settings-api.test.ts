/**
 * The council's details and the privacy notice, through the whole app on a temporary store:
 * admins read and save the details (audited), bad fields and files are refused with nothing
 * stored, the logo is served publicly, and each questionnaire's notice shows them with what the
 * questionnaire's metadata says; the CLI sets the same details.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../server/accounts/audit.js';
import { tablesOf } from '../../../server/store/dialect.js';
import { signIn } from '../../helpers/officer.js';
import { testApp, testStore, withOpenWave } from '../../helpers/store.js';
import { runCli, storeEnv } from '../cli/run-cli.js';

const t = await testStore();
const resident = await withOpenWave(t.store, 'resident-safety');
await withOpenWave(t.store, 'youth-safety');
const { store } = t;
const app = testApp(store);
const admin = await signIn(app, store, 'admin');
const analyst = await signIn(app, store, 'analyst');
afterAll(() => t.cleanup());

const put = (path: string, body: BodyInit, type: string, headers: Record<string, string> = admin) =>
  app.request(path, { method: 'PUT', headers: { 'content-type': type, ...headers }, body });
const putJson = (body: unknown, headers: Record<string, string> = admin) => put('/api/officer/settings', JSON.stringify(body), 'application/json', headers);
const rows = async () => await store.db.select().from(tablesOf(store.db).councilSettings);

const DETAILS = {
  councilName: 'Test Borough Council (made-up)',
  contactEmail: 'surveys@test.invalid',
  contactPhone: '01632 960123',
  postalAddress: 'Town Hall, 1 Test Street (made-up)',
  dpoContact: 'dpo@test.invalid',
};
// The smallest PNG: signature, IHDR for 1×1, IDAT, IEND.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

describe('council settings', () => {
  it('are unset at first, and only admins may read them', async () => {
    const res = await app.request('/api/officer/settings', { headers: admin });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      set: false,
      councilName: null,
      contactEmail: null,
      contactPhone: null,
      postalAddress: null,
      dpoContact: null,
      logo: null,
      updatedAt: null,
    });
    expect((await app.request('/api/officer/settings', { headers: analyst })).status).toBe(403);
    expect((await putJson(DETAILS, analyst)).status).toBe(403);
    const council = await app.request('/api/council');
    expect(council.status).toBe(404);
    expect(await council.json()).toEqual({ error: 'The council has not entered its details yet.' });
  });

  it('refuse a bad e-mail, phone or missing name with 422 naming the field, and store nothing', async () => {
    for (const [body, field, words] of [
      [{ ...DETAILS, contactEmail: 'not an address' }, 'contactEmail', 'is not an e-mail address'],
      [{ ...DETAILS, contactPhone: 'call us' }, 'contactPhone', 'may hold only digits'],
      [{ ...DETAILS, councilName: '  ' }, 'councilName', 'Give the council’s name'],
    ] as const) {
      const res = await putJson(body);
      expect(res.status).toBe(422);
      const error = (await res.json()) as { error: string; field: string };
      expect(error.field).toBe(field);
      expect(error.error).toContain(words);
    }
    const unknown = await putJson({ ...DETAILS, colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toBe(
      'Unexpected field(s) "colour": send only "councilName", "contactEmail", "contactPhone", "postalAddress", "dpoContact".',
    );
    expect(await rows()).toEqual([]);
  });

  it('are saved by an admin, audited with what changed, and shown to respondents', async () => {
    const res = await putJson({ ...DETAILS, postalAddress: '' });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as Record<string, unknown>;
    expect(saved).toMatchObject({ set: true, ...DETAILS, postalAddress: null, logo: null });
    const entry = (await recentAudit(store, 100)).find((a) => a.action === 'settings.update');
    expect(entry?.details).toEqual({
      changes: {
        councilName: { from: null, to: DETAILS.councilName },
        contactEmail: { from: null, to: DETAILS.contactEmail },
        contactPhone: { from: null, to: DETAILS.contactPhone },
        dpoContact: { from: null, to: DETAILS.dpoContact },
      },
    });
    expect(await (await app.request('/api/council')).json()).toEqual({ name: DETAILS.councilName, logo: null });
    expect((await putJson(DETAILS)).status).toBe(200);
  });

  it('take a PNG logo, served publicly; refuse a fake PNG, a scripted SVG and other types, keeping the stored one', async () => {
    const res = await put('/api/officer/settings/logo', PNG, 'image/png');
    expect(res.status).toBe(200);
    const { logo } = (await res.json()) as { logo: string };
    expect(logo).toMatch(/^\/api\/council\/logo\?v=/);
    const served = await app.request(logo);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    const refusals: [BodyInit, string, number, string][] = [
      [Buffer.from('GIF89a not a png'), 'image/png', 422, 'The file is not a PNG image. Nothing was stored.'],
      [
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        'image/svg+xml',
        422,
        'The SVG contains a script; logos must be pictures only. Nothing was stored.',
      ],
      [
        '<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="x()" width="1" height="1"/></svg>',
        'image/svg+xml',
        422,
        'The SVG has event handlers (on… attributes); logos must be pictures only. Nothing was stored.',
      ],
      [
        '<svg xmlns="http://www.w3.org/2000/svg"><use href="https://evil.invalid/x.svg#a"/></svg>',
        'image/svg+xml',
        422,
        'The SVG links to another file or address; it may refer only to its own parts (#id). Nothing was stored.',
      ],
      [Buffer.alloc(10), 'image/gif', 415, 'The logo must be a PNG (image/png) or an SVG (image/svg+xml) file. Nothing was stored.'],
      [Buffer.alloc(201 * 1024), 'image/png', 413, 'The logo is larger than 200 KB, the most it may be. Nothing was stored.'],
    ];
    for (const [body, type, status, message] of refusals) {
      const refused = await put('/api/officer/settings/logo', body, type);
      expect(refused.status).toBe(status);
      expect(((await refused.json()) as { error: string }).error).toBe(message);
    }
    expect((await rows())[0].logo?.equals(PNG)).toBe(true);

    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/></svg>';
    expect((await put('/api/officer/settings/logo', svg, 'image/svg+xml')).status).toBe(200);
    const servedSvg = await app.request('/api/council/logo');
    expect(servedSvg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await servedSvg.text()).toBe(svg);
  });
});

describe('the privacy notice', () => {
  it("shows the council's details, the questionnaire's purpose and retention, and links the contacts", async () => {
    const res = await app.request('/s/resident-safety/privacy');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<title>Privacy notice: Maidstone Community Safety Survey</title>');
    expect(html).toContain(`${DETAILS.councilName} is responsible for your answers (the data controller).`);
    expect(html).toContain(`<p>${resident.metadata.privacy!.purpose}</p>`);
    expect(html).toContain(`<p>${resident.metadata.privacy!.retention}</p>`);
    expect(html).toContain('<a href="tel:01632960123">01632 960123</a>');
    expect(html).toContain('<a href="mailto:surveys@test.invalid">surveys@test.invalid</a>');
    expect(html).toContain('Data protection officer: <a href="mailto:dpo@test.invalid">dpo@test.invalid</a>.');
    expect(html).toContain('we do not keep your IP address');
    expect(html).toContain('<li>When your answers arrived.</li>');
    expect(html).toContain('<img src="/api/council/logo?v=');
  });

  it("says for a young people's questionnaire that only the day is kept, and 404s an unknown one", async () => {
    const html = await (await app.request('/s/youth-safety/privacy')).text();
    expect(html).toContain('The day your answers arrived (not the time)');
    const missing = await app.request('/s/no-such-survey/privacy');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "There is no survey called 'no-such-survey'." });
  });
});

describe('settings on the command line', () => {
  it('changes only the details given and shows them', async () => {
    const set = await runCli(t.dir, ['settings', 'set', '--contact-phone', '01632 960999', '--clear-logo'], storeEnv(store));
    expect(set.code).toBe(0);
    expect(set.stdout.split('\n')).toEqual([
      `council-name\t${DETAILS.councilName}`,
      `contact-email\t${DETAILS.contactEmail}`,
      'contact-phone\t01632 960999',
      `postal-address\t${DETAILS.postalAddress}`,
      `dpo-contact\t${DETAILS.dpoContact}`,
      'logo\tnone',
      '',
    ]);
    const bad = await runCli(t.dir, ['settings', 'set', '--contact-email', 'nope'], storeEnv(store));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('The contact e-mail is not an e-mail address');
    expect((await rows())[0].contactEmail).toBe(DETAILS.contactEmail);
  });
});
