/**
 * The first question of the resident survey and of a school link on a slow phone: cold cache,
 * 360×740, Chromium's network throttled to "slow 4G" (1.6 Mbps down, 750 kbps up, 150 ms latency)
 * and its CPU slowed 4×. Timed from navigation to the first answer choice on screen (a
 * MutationObserver in the page records performance.now()), with the bytes transferred (CDP
 * encodedDataLength, headers included).
 *
 * Same run, same build, two servers: the product as it serves today (hashed assets precompressed
 * with brotli/gzip, cached as immutable), and "before": the same build without the compressed
 * copies, which is how every asset was sent before (uncompressed).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/e2e/chromium.js';
import { root } from './submissions-servers.js';

const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };
const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 3);

interface Demo {
  url: string;
  link: string;
  child: ChildProcess;
}

function startDemo(clientDir: string, dataDir: string): Promise<Demo> {
  const child = spawn(resolve(root, 'node_modules/.bin/tsx'), ['server/index.ts', '--demo'], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, CLIENT_DIR: clientDir, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the demo server did not start within 120 s:\n${out}`)), 120_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Listening on (http:\/\/\S+)/.exec(out)?.[1];
      const link = /youth-safety \(\S+\) link for [^:]+: (\S+)/.exec(out)?.[1];
      if (url && link) {
        clearTimeout(timer);
        done({ url, link: new URL(new URL(link, url).pathname, url).toString(), child });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => fail(new Error(`the demo server exited (${code}):\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

async function loadOnce(browser: import('playwright-core').Browser, url: string): Promise<{ ms: number; kb: number }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __usable?: number };
      new MutationObserver((_, observer) => {
        const choice = document.querySelector('.sd-question .sd-item, .sd-question input, .sd-question select');
        if (choice && (choice as HTMLElement).getBoundingClientRect().height > 0) {
          w.__usable = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __usable?: number }).__usable !== undefined, null, { timeout: 120_000, polling: 100 });
    const ms = await page.evaluate(() => (window as unknown as { __usable: number }).__usable);
    await page.waitForLoadState('load');
    return { ms, kb: bytes / 1024 };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchRespondentLoad() {
  const work = mkdtempSync(join(tmpdir(), 'csp-load-'));
  const built = join(work, 'client');
  const before = join(work, 'client-uncompressed');
  execFileSync(resolve(root, 'node_modules/.bin/vite'), ['build'], { cwd: root, stdio: 'pipe', env: { ...process.env, CLIENT_OUT_DIR: built } });
  cpSync(built, before, { recursive: true });
  for (const f of readdirSync(join(before, 'assets'))) if (/\.(br|gz)$/.test(f)) unlinkSync(join(before, 'assets', f));
  const servers: Demo[] = [];
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const now = await startDemo(built, join(work, 'data-now'));
    servers.push(now);
    const old = await startDemo(before, join(work, 'data-before'));
    servers.push(old);
    const rows = [];
    for (const [page, path] of [
      ['resident survey (/s/resident-safety)', '/s/resident-safety'],
      ['school link (/y/…)', null],
    ] as const) {
      const result: Record<string, { ms: number; kb: number }> = {};
      for (const [name, server] of [
        ['before', old],
        ['now', now],
      ] as const) {
        const url = path ? new URL(path, server.url).toString() : server.link;
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await loadOnce(browser, url));
        result[name] = { ms: median(runs.map((r) => r.ms)), kb: median(runs.map((r) => r.kb)) };
      }
      rows.push({ page, ...result });
      console.log(
        `${page}: before ${(result.before.ms / 1000).toFixed(2)} s, ${result.before.kb.toFixed(0)} KB; now ${(result.now.ms / 1000).toFixed(2)} s, ${result.now.kb.toFixed(0)} KB` +
          ` (${(result.before.ms / result.now.ms).toFixed(2)}× faster, ${(result.before.kb / result.now.kb).toFixed(2)}× fewer bytes; target ≤ 4 s, ≤ 450 KB)`,
      );
    }
    return { profile: 'slow 4G: 1.6 Mbps down, 750 kbps up, 150 ms latency; CPU 4× slower; 360×740; cold cache', runs: RUNS, rows };
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => stop(s.child)));
    rmSync(work, { recursive: true, force: true });
  }
}
