/**
 * Every poster of a wave as one A4 PDF, through the whole app on a temporary store: a page
 * per school or channel link (single-use links have none), A4, each page's text naming its
 * school and address, audited; no links → 422.
 */
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument, type PDFRawStream, type PDFPage } from 'pdf-lib';
import { recentAudit } from '../../../server/accounts/audit.js';
import { signIn } from '../../helpers/officer.js';
import { postJson, testApp, testStore, withOpenWave } from '../../helpers/store.js';

const t = await testStore();
await withOpenWave(t.store, 'youth-safety');
await withOpenWave(t.store, 'resident-safety');
const { store } = t;
const app = testApp(store);
const admin = await signIn(app, store, 'admin');
afterAll(() => t.cleanup());

const SCHOOLS = ['North Test School (fictional)', 'South Test School (fictional)', 'West Test Academy (fictional)'];

/** The text a page draws: the strings of its content stream's Tj operators, in order. */
function pageText(page: PDFPage): string {
  const contents = page.node.Contents();
  const streams = contents && 'asArray' in contents ? contents.asArray() : [contents];
  let text = '';
  for (const ref of streams) {
    const stream = page.doc.context.lookup(ref as never) as PDFRawStream;
    const bytes = Buffer.from(inflateSync(Buffer.from(stream.contents))).toString('latin1');
    for (const m of bytes.matchAll(/<([0-9A-Fa-f]*)> Tj/g)) text += `${Buffer.from(m[1], 'hex').toString('latin1')}\n`;
  }
  return text;
}

describe('GET …/waves/{wave}/posters.pdf', () => {
  it('refuses a wave with no school or channel links', async () => {
    const res = await app.request('/api/officer/surveys/youth-safety/waves/2026/posters.pdf', { headers: admin });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: 'The 2026 wave has no school or channel links yet, so there are no posters to print. Create the links first.',
    });
  });

  it('gives one A4 page per school link, by label, each naming its school and address', async () => {
    const made = await postJson(app, '/api/officer/surveys/youth-safety/waves/2026/links/bulk', { csv: `school\n${[...SCHOOLS].reverse().join('\n')}` }, admin);
    expect(made.status).toBe(201);
    const links = ((await made.json()) as { created: { label: string; url: string }[] }).created;
    expect((await postJson(app, '/api/officer/surveys/youth-safety/waves/2026/links', { label: 'One pupil (fictional)', kind: 'single' }, admin)).status).toBe(
      201,
    );

    const res = await app.request('/api/officer/surveys/youth-safety/waves/2026/posters.pdf', { headers: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="posters-youth-safety-2026.pdf"');
    const pdf = await PDFDocument.load(await res.arrayBuffer());
    expect(pdf.getPageCount()).toBe(3);
    for (const [i, page] of pdf.getPages().entries()) {
      expect(page.getSize()).toEqual({ width: 595.28, height: 841.89 });
      const text = pageText(page);
      const url = links.find((l) => l.label === SCHOOLS[i])!.url;
      expect(text).toContain('Maidstone Youth Safety Survey');
      expect(text).toContain(`for pupils of ${SCHOOLS[i]}`);
      expect(text).toContain(url);
      expect(text).toContain('Anonymous: it does not ask for your name or record who you are.');
      expect(text).toContain('Need help or someone to talk to?');
      expect(text).toContain('Childline: 0800 1111');
    }
    expect((await recentAudit(store, 100)).find((a) => a.action === 'link.posters')?.details).toEqual({ survey: 'youth-safety', wave: '2026', pages: 3 });
  });
});
