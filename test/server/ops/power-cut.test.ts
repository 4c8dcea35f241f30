/**
 * A small power cut (bench/power-cut.ts, where the method is described): the real server under
 * the fsync shim, killed with SIGKILL after 100 acknowledged replies, the store rebuilt from what
 * was fsynced. With synchronous=FULL none is lost. With NORMAL (unsafe, for comparison) the WAL is
 * fsynced only at a checkpoint, which 100 replies do not reach, so every one is lost: the
 * measurement can tell the two apart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileShim, powerCut } from '../../../bench/power-cut.js';

const dir = mkdtempSync(join(tmpdir(), 'csp-shim-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a power cut mid-load', () => {
  it('loses no acknowledged reply with synchronous=FULL, and all of them with NORMAL', async () => {
    const shim = compileShim(dir);
    expect(shim, 'cc must be installed to build the power-cut shim').not.toBeNull();
    const full = await powerCut(shim!, 'full', 100);
    expect(full.acknowledged).toBeGreaterThanOrEqual(100);
    expect(full).toMatchObject({ present: full.acknowledged, lost: 0, storeOpened: true });
    const normal = await powerCut(shim!, 'normal', 100);
    expect(normal.acknowledged).toBeGreaterThanOrEqual(100);
    expect(normal).toMatchObject({ present: 0, lost: normal.acknowledged, storeOpened: true });
  }, 120_000);
});
