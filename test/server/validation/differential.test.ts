/**
 * The compiled validator against survey-core itself on a few hundred generated answer sets: the same
 * questions flagged (required, 'other' without text) and the same answers kept after hidden ones are cleared.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileSurvey } from '../../../server/validation/index.js';
import { branchingSurvey } from './branching-survey.js';
import { generateAnswers, seeded } from './generate-answers.js';
import { surveyCoreOracle } from './survey-core-oracle.js';

const bundled = (slug: string) => fileURLToPath(new URL(`../../../surveys/${slug}.survey.json`, import.meta.url));

function readBundled(slug: string): unknown {
  const path = bundled(slug);
  if (!existsSync(path)) throw new Error(`The ${slug} questionnaire is missing: expected ${path}`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

function compare(definition: unknown, sets: number, seed: number) {
  const compiled = compileSurvey(definition);
  const rnd = seeded(seed);
  const tally = { ok: 0, rejected: 0, keptCompared: 0, droppedHidden: 0 };
  for (let i = 0; i < sets; i++) {
    const answers = generateAnswers(compiled.questions, rnd);
    const oracle = surveyCoreOracle(definition, answers);
    const full = compiled.validate(answers);
    const flagged = full.ok ? [] : [...new Set(full.errors.map((e) => e.question))];
    const context = `answer set ${i}: ${JSON.stringify(answers)}`;
    expect(flagged, context).toEqual(oracle.errorQuestions);
    if (full.ok) expect(full.answers, context).toEqual(oracle.data);
    // A partial save skips required checks, so most sets pass and the kept answers can be compared too.
    // (It still refuses too few choices under minSelectedChoices, which survey-core flags as well.)
    const partial = compiled.validate(answers, { partial: true });
    if (partial.ok) {
      expect(partial.answers, context).toEqual(oracle.data);
      tally.keptCompared++;
      if (Object.keys(partial.answers).length < Object.keys(answers).length) tally.droppedHidden++;
    } else {
      expect(
        partial.errors.filter((e) => !oracle.errorQuestions.includes(e.question!)),
        context,
      ).toEqual([]);
    }
    if (full.ok) tally.ok++;
    else tally.rejected++;
  }
  return tally;
}

// survey-core needs tens of milliseconds to build a Model for each answer set, so these take seconds.
const slowTimeout = 120_000;

describe('compiled validation agrees with survey-core 2.5.38', { timeout: slowTimeout }, () => {
  it('on 150 generated answer sets for a branching questionnaire', () => {
    const tally = compare(branchingSurvey, 150, 20261123);
    // The generator must reach every path, or agreement proves little.
    expect(tally.ok).toBeGreaterThan(15);
    expect(tally.rejected).toBeGreaterThan(15);
    expect(tally.keptCompared).toBeGreaterThan(100);
    expect(tally.droppedHidden).toBeGreaterThan(40);
  });

  it('on 100 generated answer sets for the bundled resident safety questionnaire', () => {
    const tally = compare(readBundled('resident-safety'), 100, 42);
    expect(tally.ok).toBeGreaterThan(10);
    expect(tally.rejected).toBeGreaterThan(10);
    expect(tally.keptCompared).toBeGreaterThan(40);
  });

  it('on 60 generated answer sets for the bundled youth safety questionnaire', () => {
    const tally = compare(readBundled('youth-safety'), 60, 7);
    expect(tally.ok).toBeGreaterThan(5);
    expect(tally.rejected).toBeGreaterThan(5);
  });
});
