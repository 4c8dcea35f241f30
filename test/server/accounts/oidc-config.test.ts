/**
 * Single sign-on settings from the environment (all of issuer, client id and secret, or none: the
 * real server stops at start otherwise), and which claim gives the e-mail to match.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimedEmail } from '../../../server/accounts/oidc-claims.js';
import { oidcSettingsFromEnv } from '../../../server/accounts/oidc-config.js';
import { safeNext } from '../../../server/accounts/oidc.js';

const root = resolve(import.meta.dirname, '../../..');
const full = {
  OIDC_ISSUER: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
  OIDC_CLIENT_ID: 'client',
  OIDC_CLIENT_SECRET: 'secret',
};

describe('oidcSettingsFromEnv', () => {
  it('is off (null) when nothing is set', () => {
    expect(oidcSettingsFromEnv({})).toBeNull();
  });

  it('reads the three settings and the label, with a default label', () => {
    expect(oidcSettingsFromEnv({ ...full, OIDC_LABEL: 'Sign in with Microsoft' })).toEqual({
      issuer: full.OIDC_ISSUER,
      clientId: 'client',
      clientSecret: 'secret',
      label: 'Sign in with Microsoft',
    });
    expect(oidcSettingsFromEnv(full)?.label).toBe('Sign in with single sign-on');
  });

  it('refuses a partial set-up, naming what is missing', () => {
    expect(() => oidcSettingsFromEnv({ OIDC_ISSUER: full.OIDC_ISSUER, OIDC_CLIENT_ID: 'client' })).toThrow(
      'Single sign-on is half configured: OIDC_CLIENT_SECRET is not set. Set all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, or none of them (and no OIDC_LABEL) to use passwords only.',
    );
    expect(() => oidcSettingsFromEnv({ OIDC_LABEL: 'Sign in with Microsoft' })).toThrow(
      'Single sign-on is half configured: OIDC_ISSUER and OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are not set.',
    );
  });

  it('refuses an issuer that is not an address, or plain http to another machine', () => {
    expect(() => oidcSettingsFromEnv({ ...full, OIDC_ISSUER: 'login.microsoftonline.com' })).toThrow(
      "OIDC_ISSUER must be the provider's address, such as https://login.microsoftonline.com/<tenant id>/v2.0, not 'login.microsoftonline.com'.",
    );
    expect(() => oidcSettingsFromEnv({ ...full, OIDC_ISSUER: 'http://idp.example/' })).toThrow(
      "OIDC_ISSUER must start with https:// (plain http is allowed only for a provider on localhost), not 'http://idp.example/'.",
    );
    expect(oidcSettingsFromEnv({ ...full, OIDC_ISSUER: 'http://127.0.0.1:4000' })?.issuer).toBe('http://127.0.0.1:4000');
  });
});

describe('the real server with a partial single sign-on set-up', () => {
  it('does not start (exit 1) and says what is missing, without touching the data folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-oidc-start-'));
    try {
      const child = spawn(resolve(root, 'node_modules/.bin/tsx'), ['server/index.ts'], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dir, PORT: '0', DEMO: '0', OIDC_ISSUER: full.OIDC_ISSUER, OIDC_CLIENT_ID: '', OIDC_CLIENT_SECRET: 'secret' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout!.on('data', (b) => (out += b));
      child.stderr!.on('data', (b) => (out += b));
      const code = await new Promise<number | null>((r) => child.on('exit', r));
      expect(code).toBe(1);
      expect(out).toContain(
        'Not started: Single sign-on is half configured: OIDC_CLIENT_ID is not set. Set all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, or none of them (and no OIDC_LABEL) to use passwords only.',
      );
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('claimedEmail (Entra ID gives email, preferred_username or upn)', () => {
  it('takes email, unless the provider says it is not verified', () => {
    expect(claimedEmail({ email: ' J.Smith@Council.Example ', email_verified: true })).toEqual({ email: 'J.Smith@Council.Example' });
    expect(claimedEmail({ email: 'j@council.example' })).toEqual({ email: 'j@council.example' });
    expect(claimedEmail({ email: 'j@council.example', email_verified: false, preferred_username: 'j@council.example' })).toEqual({ problem: 'unverified' });
    expect(claimedEmail({ email: 'j@council.example', email_verified: 'false' })).toEqual({ problem: 'unverified' });
  });

  it('falls back to preferred_username, then upn, when they are addresses', () => {
    expect(claimedEmail({ preferred_username: 'a@council.example', upn: 'b@council.example' })).toEqual({ email: 'a@council.example' });
    expect(claimedEmail({ preferred_username: 'akhan', upn: 'b@council.example' })).toEqual({ email: 'b@council.example' });
    expect(claimedEmail({ preferred_username: 'akhan', name: 'A Khan' })).toEqual({ problem: 'no-email' });
  });
});

describe('safeNext', () => {
  it('keeps an officer page and sends anything else to /officer', () => {
    expect(safeNext('/officer/results?survey=x')).toBe('/officer/results?survey=x');
    expect(safeNext(undefined)).toBe('/officer');
    for (const bad of ['https://evil.example', '//evil.example/officer', '/officerx', '/officer//evil.example', '/officer/\\evil', '/s/resident-safety'])
      expect(safeNext(bad)).toBe('/officer');
  });
});
