/**
 * `npm run bench`: every benchmark named in the issues, one after another, figures printed as
 * markdown and saved to bench/out/results.json. `npm run bench -- submissions` runs one.
 * Figures with the machine they came from are kept in BENCHMARKS.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const suites: Record<string, () => Promise<unknown>> = {
  validation: async () => (await import('./validation.js')).benchValidation(),
  submissions: async () => (await import('./submissions.js')).benchSubmissions(),
  report: async () => (await import('./report.js')).benchReport(),
  'crime-import': async () => (await import('./crime-import.js')).benchCrimeImport(),
  'reports-under-load': async () => await (await import('./reports-under-load.js')).benchReportsUnderLoad(),
  'respondent-load': async () => (await import('./respondent-load.js')).benchRespondentLoad(),
  stores: async () => (await import('./stores.js')).benchStores(),
  scale: async () => (await import('./scale.js')).benchScale(),
  'power-cut': async () => (await import('./power-cut.js')).benchPowerCut(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(suites);
const unknown = names.filter((n) => !suites[n]);
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(suites).join(', ')}.`);
  process.exit(2);
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}`;
console.log(`Machine: ${machine}\n`);
const results: Record<string, unknown> = { machine, date: new Date().toISOString() };
for (const name of names) {
  console.log(`## ${name}`);
  results[name] = await suites[name]();
  console.log('');
}
mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
writeFileSync(new URL('./out/results.json', import.meta.url), JSON.stringify(results, null, 2));
console.log('Saved bench/out/results.json');
