/**
 * The layout rules of the README ("Layout (the data flow)") as tests, so a change that breaks them
 * fails here instead of in review: arrows only point down, only a noun's queries.ts touches the
 * store, no import cycles, a View never imports its Page, and the client takes only types from the
 * server.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Import {
  target: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function resolveSpecifier(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec).replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, base, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return relative(root, candidate);
    } catch {}
  }
  return undefined;
}

const files = ['server', 'client', 'analysis'].flatMap((d) => sourceFiles(join(root, d))).map((f) => relative(root, f));
const text = new Map(files.map((f) => [f, readFileSync(join(root, f), 'utf8')]));
const imports = new Map<string, Import[]>(
  files.map((f) => {
    const found: Import[] = [];
    for (const m of text.get(f)!.matchAll(/(?:^|\n)\s*(import|export)(\s+type)?\s[^'";]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      const target = resolveSpecifier(join(root, f), m[3] ?? m[4]);
      if (target) found.push({ target, typeOnly: m[2] !== undefined });
    }
    return [f, found];
  }),
);

/** The folder under server/ (or the top-level file's name), or the top-level folder. */
function unit(path: string): string {
  const parts = path.split('/');
  if (parts[0] !== 'server') return parts[0];
  return parts.length > 2 ? parts[1] : parts[1].replace(/\.ts$/, '');
}

const NOUNS = ['accounts', 'surveys', 'links', 'responses', 'weighting', 'reports', 'crime', 'areas', 'settings', 'priorities', 'uploads', 'partnerships'];
/** What each kind of server folder may import (besides itself and packages). */
const BELOW: Record<string, string[]> = {
  index: ['http', 'cli', 'queue', 'jobs', 'demo', ...NOUNS, 'validation', 'formats', 'store', 'error-body', 'errors', 'notices', 'clock', 'config', 'analysis'],
  cli: ['queue', 'jobs', 'demo', ...NOUNS, 'validation', 'formats', 'store', 'error-body', 'errors', 'notices', 'clock', 'config', 'analysis'],
  http: ['queue', 'jobs', ...NOUNS, 'validation', 'formats', 'store', 'error-body', 'errors', 'notices', 'clock', 'config', 'analysis'],
  // Long jobs queued in the store: run by any server, in its worker pool (jobs) where heavy.
  queue: ['jobs', ...NOUNS, 'validation', 'formats', 'store', 'error-body', 'errors', 'notices', 'clock', 'config', 'analysis'],
  // The worker pool and cache for heavy work: between http/cli and the nouns whose services it runs.
  jobs: [...NOUNS, 'validation', 'formats', 'store', 'error-body', 'errors', 'notices', 'clock', 'config', 'analysis'],
  demo: [...NOUNS, 'validation', 'formats', 'store', 'error-body', 'errors', 'notices', 'clock', 'config', 'analysis'],
  validation: ['formats', 'error-body', 'errors', 'analysis'],
  formats: ['errors'],
  // The store may say a full disk in the one error type, and reads its settings (DATA_DIR…).
  store: ['errors', 'config'],
  'error-body': [],
  notices: [],
  errors: [],
  clock: [],
  // Every environment setting, checked once: below everything, importing nothing of ours.
  config: [],
};
for (const noun of NOUNS)
  BELOW[noun] = [...NOUNS.filter((n) => n !== noun), 'validation', 'formats', 'store', 'error-body', 'errors', 'notices', 'clock', 'config', 'analysis'];

/** Server modules the client bundles as values: pure code that must be the same on both sides. */
const SHARED_WITH_CLIENT = ['server/accounts/roles.ts', 'server/areas/map-classes.ts'];

/** Strongly connected groups of more than one node (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('layout', () => {
  it('reads the source tree (the rules below have something to check)', () => {
    expect(files).toContain('server/http/app.ts');
    expect(imports.get('server/http/app.ts')!.map((i) => i.target)).toContain('server/http/errors.ts');
  });

  it('has no import cycles between files (type imports included)', () => {
    const graph = new Map([...imports].map(([f, is]) => [f, is.map((i) => i.target)]));
    expect(cycles(graph)).toEqual([]);
  });

  it('has no cycles between the server nouns', () => {
    const graph = new Map<string, string[]>();
    for (const [f, is] of imports) {
      if (!NOUNS.includes(unit(f))) continue;
      const deps = graph.get(unit(f)) ?? [];
      for (const i of is) if (NOUNS.includes(unit(i.target)) && unit(i.target) !== unit(f)) deps.push(unit(i.target));
      graph.set(unit(f), deps);
    }
    expect(cycles(graph)).toEqual([]);
  });

  it('imports only downwards in server/ (http → nouns → validation, formats, store → nothing of ours)', () => {
    const upward: string[] = [];
    for (const [f, is] of imports) {
      if (!f.startsWith('server/')) continue;
      const from = unit(f);
      for (const i of is) {
        const to = unit(i.target);
        if (to !== from && !BELOW[from]?.includes(to)) upward.push(`${f} → ${i.target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('keeps analysis/ free of the server and the client', () => {
    const outside = [...imports]
      .filter(([f]) => f.startsWith('analysis/'))
      .flatMap(([f, is]) => is.filter((i) => !i.target.startsWith('analysis/')).map((i) => `${f} → ${i.target}`));
    expect(outside).toEqual([]);
  });

  it('lets only queries.ts (and store/) touch the store', () => {
    const touching: string[] = [];
    for (const f of files) {
      if (!f.startsWith('server/') || f.startsWith('server/store/') || f.endsWith('/queries.ts')) continue;
      const src = text.get(f)!;
      if (/from ['"]drizzle-orm/.test(src)) touching.push(`${f}: imports drizzle-orm`);
      // Passing the handle on (`summaryCounts(store.sqlite, …)`) is fine; calling it is not.
      if (
        /\.prepare\(|\bsqlite\s*\.\s*(?:prepare|transaction|exec|pragma)\(|\b(?:db|tx|store\.db)\s*\.\s*(?:select|selectDistinct|insert|update|delete|transaction|run|all|get)\(/.test(
          src,
        )
      )
        touching.push(`${f}: queries the store`);
      for (const i of imports.get(f)!) if (i.target === 'server/store/schema.ts' && !i.typeOnly) touching.push(`${f}: uses the tables`);
    }
    expect(touching).toEqual([]);
  });

  it('takes only types from the server into the client bundle (and the shared role rules)', () => {
    const values = [...imports]
      .filter(([f]) => f.startsWith('client/'))
      .flatMap(([f, is]) =>
        is.filter((i) => i.target.startsWith('server/') && !i.typeOnly && !SHARED_WITH_CLIENT.includes(i.target)).map((i) => `${f} → ${i.target}`),
      );
    expect(values).toEqual([]);
  });

  it('never has a View import its Page', () => {
    const viewToPage = [...imports].flatMap(([f, is]) =>
      /View\.tsx$/.test(f) ? is.filter((i) => /Page\.tsx$/.test(i.target)).map((i) => `${f} → ${i.target}`) : [],
    );
    expect(viewToPage).toEqual([]);
  });
});
