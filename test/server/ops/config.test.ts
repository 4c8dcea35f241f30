/**
 * Every environment setting is checked in one place (server/config.ts): defaults when unset or
 * empty, and a bad value refused with a message naming the setting and what it may be. Then the
 * real server (`tsx server/index.ts`) is started with a bad value and must stop with that message.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings, SETTING_NAMES, SettingsError } from '../../../server/config.js';

const refused = (env: Record<string, string>) => {
  try {
    readSettings(env);
  } catch (e) {
    expect(e).toBeInstanceOf(SettingsError);
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('settings', () => {
  it('has its defaults when nothing is set, or a setting is empty', () => {
    for (const env of [{}, Object.fromEntries(SETTING_NAMES.map((n) => [n, '  ']))]) {
      const s = readSettings(env);
      expect({ ...s, text: undefined }).toEqual({
        port: 3000,
        dataDir: './data',
        databaseUrl: undefined,
        publicUrl: undefined,
        demo: true,
        clientDir: undefined,
        maxConnections: 1000,
        trustedProxy: 0,
        cookieSecure: false,
        reportWorkers: undefined,
        reportQueue: undefined,
        reportKeepReady: true,
        readyMinFreeMb: 100,
        uploadMaxBytes: 512 * 1024 * 1024,
        stagingQuotaBytes: 2048 * 1024 * 1024,
        stagingStaleMs: 24 * 3600 * 1000,
        storeSynchronous: 'full',
        migrateOnStart: true,
        logLevel: 'info',
        text: undefined,
      });
    }
  });

  it('reads values given, in their types', () => {
    const s = readSettings({
      PORT: '8080',
      TRUSTED_PROXY: '1',
      COOKIE_SECURE: '1',
      UPLOAD_MAX_MB: '5',
      LOG_LEVEL: 'WARN',
      STORE_SYNCHRONOUS: 'normal',
      DEMO: '0',
      REPORT_KEEP_READY: '0',
    });
    expect([s.port, s.trustedProxy, s.cookieSecure, s.uploadMaxBytes, s.logLevel, s.storeSynchronous, s.demo, s.reportKeepReady]).toEqual([
      8080,
      1,
      true,
      5 * 1024 * 1024,
      'warn',
      'normal',
      false,
      false,
    ]);
  });

  it('reads a PostgreSQL DATABASE_URL, and refuses one that is not', () => {
    expect(readSettings({ DATABASE_URL: 'postgres://app:secret@127.0.0.1:5432/survey' }).databaseUrl).toBe('postgres://app:secret@127.0.0.1:5432/survey');
    expect(refused({ DATABASE_URL: 'mysql://x@y/z' })).toBe(
      "DATABASE_URL must be a PostgreSQL address, postgres://user:password@host:port/database (leave it unset for the embedded SQLite store); it is 'mysql://x@y/z'.",
    );
  });

  it('is quiet under vitest unless LOG_LEVEL says otherwise', () => {
    expect(readSettings({ VITEST: 'true' }).logLevel).toBe('silent');
    expect(readSettings({ VITEST: 'true', LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it('refuses a bad value, naming the setting, what is allowed and what it is', () => {
    expect(refused({ PORT: 'eighty' })).toBe("PORT must be a whole number from 0 to 65,535; it is 'eighty'.");
    expect(refused({ PORT: '70000' })).toBe("PORT must be a whole number from 0 to 65,535; it is '70000'.");
    expect(refused({ MAX_CONNECTIONS: '0' })).toBe("MAX_CONNECTIONS must be a whole number from 1 to 100,000; it is '0'.");
    expect(refused({ LOG_LEVEL: 'loud' })).toBe("LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; it is 'loud'.");
    expect(refused({ STORE_SYNCHRONOUS: 'off' })).toBe("STORE_SYNCHRONOUS must be one of full, normal (normal is unsafe: only for measuring); it is 'off'.");
    expect(refused({ REPORT_KEEP_READY: 'yes' })).toBe(
      "REPORT_KEEP_READY must be one of 0, 1 (0: no report worker is kept ready with the newest big wave read ahead); it is 'yes'.",
    );
    expect(refused({ STAGING_QUOTA_MB: '1.5' })).toBe("STAGING_QUOTA_MB must be a whole number from 1 to 1,048,576 (MB); it is '1.5'.");
    expect(refused({ PUBLIC_URL: 'survey.example.gov.uk' })).toBe(
      "PUBLIC_URL must be the address people use, starting http:// or https:// (for example https://survey.example.gov.uk); it is 'survey.example.gov.uk'.",
    );
  });

  it('names every bad setting at once', () => {
    expect(refused({ PORT: '-1', COOKIE_SECURE: 'yes' })).toBe(
      "PORT must be a whole number from 0 to 65,535; it is '-1'. COOKIE_SECURE must be one of 0, 1 (1 sends the sign-in cookie over HTTPS only); it is 'yes'.",
    );
  });
});

describe('the server with a bad setting', () => {
  it('stops at start (exit 1) with the message, having opened nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-config-'));
    const root = resolve(import.meta.dirname, '../../..');
    try {
      const child = spawn(resolve(root, 'node_modules/.bin/tsx'), ['server/index.ts'], {
        cwd: root,
        env: { ...process.env, DATA_DIR: join(dir, 'data'), PORT: '0', LOG_LEVEL: 'chatty' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (b) => (out += b));
      child.stderr.on('data', (b) => (out += b));
      const code = await new Promise<number | null>((r) => child.on('exit', r));
      expect(code).toBe(1);
      expect(out).toContain(
        "Not started: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; it is 'chatty'. See the Settings table in README.md.",
      );
      expect(out).not.toContain('Listening');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
