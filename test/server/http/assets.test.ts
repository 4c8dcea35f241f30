/**
 * How the built client is sent: hashed assets compressed (the build's own brotli/gzip copies) and
 * cached as immutable, with Vary: Accept-Encoding; the HTML never cached. A real build folder
 * written with the build's compressor, the real app.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressFile } from '../../../client/build/precompress.js';
import { createApp } from '../../../server/http/app.js';
import { testStore, type TestStore } from '../../helpers/store.js';

let t: TestStore;
let clientDir: string;
let app: ReturnType<typeof createApp>;
const script = `export const questions = [${Array.from({ length: 200 }, (_, i) => `"Question ${i}"`).join(',')}];\n`;

beforeAll(async () => {
  t = await testStore();
  clientDir = mkdtempSync(join(tmpdir(), 'csp-client-'));
  mkdirSync(join(clientDir, 'assets'));
  writeFileSync(join(clientDir, 'assets', 'respondent-AbC123.js'), script);
  compressFile(join(clientDir, 'assets', 'respondent-AbC123.js'));
  writeFileSync(join(clientDir, 'respondent.html'), '<!doctype html><title>Survey</title>');
  app = createApp({ store: t.store, clientDir });
});
afterAll(async () => {
  await t.cleanup();
  rmSync(clientDir, { recursive: true, force: true });
});

const get = (path: string, encoding?: string) => app.request(path, { headers: encoding ? { 'Accept-Encoding': encoding } : {} });

describe('built assets', () => {
  it('sends the brotli copy to a browser that takes it, cached for a year as immutable', async () => {
    const res = await get('/assets/respondent-AbC123.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Vary')).toMatch(/Accept-Encoding/);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('Content-Type')).toMatch(/javascript/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeLessThan(script.length / 3);
    expect(brotliDecompressSync(body).toString()).toBe(script);
  });

  it('sends the gzip copy when brotli is not accepted', async () => {
    const res = await get('/assets/respondent-AbC123.js', 'gzip');
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(script);
  });

  it('sends the file as it is to a client that accepts neither, still marked Vary', async () => {
    const res = await get('/assets/respondent-AbC123.js');
    expect(res.headers.get('Content-Encoding')).toBeNull();
    expect(res.headers.get('Vary')).toMatch(/Accept-Encoding/);
    expect(await res.text()).toBe(script);
  });

  it('never caches the HTML, so a new build is picked up at once', async () => {
    const res = await get('/s/resident-safety', 'br');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
  });

  it('a missing asset is a 404, not cached', async () => {
    const res = await get('/assets/nothing-here.js', 'br');
    expect(res.status).toBe(404);
    expect(res.headers.get('Cache-Control') ?? '').not.toMatch(/immutable/);
  });
});
