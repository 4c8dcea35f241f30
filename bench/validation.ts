/**
 * Validation speed: one compiled validator reused for every submission (what the server does) against
 * building a survey-core Model per submission (the obvious alternative). Prints validations per second.
 *
 *   npx tsx bench/validation.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Model } from 'survey-core';
import { compileSurvey } from '../server/validation/index.js';
import { branchingSurvey } from '../test/server/validation/branching-survey.js';
import { generateAnswers, seeded } from '../test/server/validation/generate-answers.js';

const residentPath = fileURLToPath(new URL('../surveys/resident-safety.survey.json', import.meta.url));
/** Distinct answer sets cycled through, so condition memos see realistic variety. */
const answerSets = 1000;
/** Each side runs for about this long. */
const runMs = 1000;

function timeLoop(fn: (i: number) => void, minMs: number): { runs: number; ms: number } {
  let runs = 0;
  const start = performance.now();
  let now = start;
  while (now - start < minMs) {
    for (let k = 0; k < 50; k++) fn(runs++);
    now = performance.now();
  }
  return { runs, ms: now - start };
}

export async function benchValidation(): Promise<{ compiledPerSec: number; modelPerSec: number }> {
  const bundled = existsSync(residentPath);
  const definition: unknown = bundled ? JSON.parse(readFileSync(residentPath, 'utf8')) : branchingSurvey;
  const survey = bundled ? 'resident-safety' : 'the test branching questionnaire (surveys/resident-safety.survey.json not found)';

  const compileStart = performance.now();
  const compiled = compileSurvey(definition);
  const compileMs = performance.now() - compileStart;
  const rnd = seeded(1);
  const sets = Array.from({ length: answerSets }, () => generateAnswers(compiled.questions, rnd));

  timeLoop((i) => compiled.validate(sets[i % sets.length]), 200); // warm up
  const c = timeLoop((i) => compiled.validate(sets[i % sets.length]), runMs);
  const m = timeLoop((i) => {
    const model = new Model(definition);
    model.data = sets[i % sets.length];
    model.validate(true, false);
    model.doComplete();
  }, runMs);

  const compiledPerSec = Math.round((c.runs / c.ms) * 1000);
  const modelPerSec = Math.round((m.runs / m.ms) * 1000);
  console.log(`Questionnaire: ${survey}, ${compiled.questionNames.length} questions; compiled once in ${compileMs.toFixed(1)} ms.`);
  console.log('| method | validations/s | µs per answer set |');
  console.log('|---|---:|---:|');
  console.log(`| compiled validator | ${compiledPerSec.toLocaleString('en-GB')} | ${((c.ms / c.runs) * 1000).toFixed(1)} |`);
  console.log(`| survey-core Model per submission | ${modelPerSec.toLocaleString('en-GB')} | ${((m.ms / m.runs) * 1000).toFixed(0)} |`);
  return { compiledPerSec, modelPerSec };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchValidation();
