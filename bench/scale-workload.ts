/**
 * The scale benchmark's data (issue 12): a store holding the real resident questionnaire with two
 * waves (2025 and 2026) of N SYNTHETIC replies each from the demo's generator, the demo's
 * ILLUSTRATIVE population (above 100,000 the replies repeat: see POOL), and each wave weighted as the product weights it (raking on sex, age
 * band and ward, "prefer not to say" left out). Made-up data, stored as synthetic like the demo.
 */
import { inTransaction } from '../server/store/transaction.js';
import { writeFileSync } from 'node:fs';
import { insertPopulation } from '../server/areas/queries.js';
import { illustrativePopulation, ILLUSTRATIVE_SOURCE } from '../server/demo/population.js';
import { synthesiseResponses } from '../server/demo/synthetic-responses.js';
import { loadWaveData } from '../server/reports/wave-data.js';
import type { SqliteStore } from '../server/store/open.js';
import { addSurvey, createWave } from '../server/surveys/manage.js';
import { surveyBySlug, waveByName } from '../server/surveys/queries.js';
import { validatorFor } from '../server/surveys/surveys.js';
import { marginsFromPopulation } from '../server/weighting/population-margins.js';
import { runWeighting } from '../server/weighting/run.js';
import { loadBundledSurveys } from '../surveys/metadata.js';

export const SLUG = 'resident-safety';
export const WAVES = [
  { wave: '2025', seed: 2025, waveShift: 0 },
  { wave: '2026', seed: 2026, waveShift: 1 },
] as const;
/** The product report of the issue: every question by these, with the change since 2025. */
export const BY = ['sex', 'age_band', 'ward', 'disability', 'ethnicity_group', 'tenure'];
export const RAKED_ON = ['sex', 'age_band', 'ward'];
/**
 * Distinct replies generated per wave; above this the replies repeat (reply i is reply i mod POOL),
 * so a million-reply wave is stored in minutes, not an hour. The report does the same work on a
 * repeated reply as on a new one (nothing is deduplicated), so its time and memory are those of N replies.
 */
export const POOL = 100_000;

/** Fills an empty store; the replies go in 20,000 at a time so the generator's objects do not pile up. */
export async function buildScaleStore(store: SqliteStore, n: number, log: (m: string) => void = () => {}) {
  const { db } = store;
  const bundled = loadBundledSurveys().find((b) => b.slug === SLUG);
  if (!bundled) throw new Error(`The bundled questionnaire '${SLUG}' is missing from surveys/.`);
  await inTransaction(store, async () => {
    await addSurvey(db, {
      slug: SLUG,
      definition: bundled.definition,
      metadata: bundled.metadata as unknown as Record<string, unknown>,
      audience: bundled.metadata.audience,
      title: bundled.metadata.title,
    });
    await insertPopulation(
      db,
      illustrativePopulation().map((c) => ({ ...c, source: ILLUSTRATIVE_SOURCE, illustrative: true })),
    );
  });
  const survey = (await surveyBySlug(db, SLUG))!;
  const validator = validatorFor(survey);
  // A plain prepared statement, not the ORM's insert: building a million rows' SQL costs more than storing them.
  const insert = store.sqlite.prepare(
    `INSERT INTO responses (wave_id, status, answers, survey_version, source, synthetic, idempotency_key, design_weight, created_at)
     VALUES (?, 'complete', ?, ?, 'demo', 1, ?, 1, ?)`,
  );
  const CHUNK = 20_000;
  for (const plan of WAVES) {
    await createWave(db, SLUG, plan.wave);
    const wave = (await waveByName(db, survey.id, plan.wave))!;
    // Up to POOL distinct replies, each checked by the server's validator (which drops answers to
    // questions the respondent was not shown); a larger N repeats them (see POOL).
    const pool: string[] = [];
    for (let from = 0; from < Math.min(n, POOL); from += CHUNK) {
      const size = Math.min(CHUNK, n - from, POOL - from);
      // A seed per chunk keeps the data the same for a given N whatever the chunk size was.
      for (const a of synthesiseResponses(survey.definition, bundled.metadata as never, {
        n: size,
        seed: plan.seed * 1000 + from / CHUNK,
        waveShift: plan.waveShift,
      })) {
        const checked = validator.validate(a);
        if (!checked.ok) throw new Error(`The generator produced an invalid answer: ${checked.errors[0].message}`);
        pool.push(JSON.stringify(checked.answers));
      }
    }
    for (let from = 0; from < n; from += CHUNK) {
      await inTransaction(store, () => {
        for (let i = from; i < Math.min(n, from + CHUNK); i++)
          insert.run(wave.id, pool[i % pool.length], survey.version, `scale:${plan.wave}:${i}`, new Date(Date.UTC(2025, 8, 1) + i).toISOString());
      });
    }
    log(`  ${plan.wave}: ${n.toLocaleString('en-GB')} synthetic replies stored`);
  }
  const { margins } = await marginsFromPopulation(db, RAKED_ON as never);
  for (const plan of WAVES) await runWeighting(store, { slug: SLUG, wave: plan.wave, margins, unmatched: 'exclude', illustrative: true });
  log('  both waves weighted to the illustrative population');
}

/**
 * The same data for R: one CSV per wave, as the report sees it (recoded breakdowns, a column per
 * option of a multi-select question as 0/1 among those who chose any, blanks empty), plus the
 * population margins. Returns what R is to estimate.
 */
export async function writeScaleCsv(store: SqliteStore, dir: string) {
  const plan: { single: string[]; multi: { name: string; options: string[] }[]; numeric: string[] } = { single: [], multi: [], numeric: [] };
  for (const [w, { wave }] of WAVES.entries()) {
    const data = await loadWaveData(store, SLUG, wave);
    if (w === 0) {
      for (const q of data.questions) {
        const kind = q.kind ?? 'single';
        if (kind === 'single') plan.single.push(q.name);
        else if (kind === 'multi')
          plan.multi.push({ name: q.name, options: q.categories.filter((c) => !q.excludeFromBase.includes(c.value)).map((c) => c.value) });
        else plan.numeric.push(q.name);
      }
    }
    const singles = [...new Set([...plan.single, ...BY, ...RAKED_ON])];
    const excluded = new Map(data.questions.map((q) => [q.name, new Set(q.excludeFromBase)]));
    const cols = [...singles, ...plan.multi.flatMap((m) => m.options.map((o) => `${m.name}__${o}`)), ...plan.numeric];
    const lines = [cols.join(',')];
    data.answers.forEach((a, i) => {
      if (!(data.weights[i] > 0)) return; // left out of the weighting ("prefer not to say"): not in the design
      const row: string[] = [];
      for (const s of singles) {
        const v = a[s];
        row.push(v === undefined || v === null || excluded.get(s)?.has(String(v)) ? '' : String(v));
      }
      for (const m of plan.multi) {
        const v = a[m.name];
        const chosen = Array.isArray(v) && v.length ? new Set(v.map(String)) : null;
        for (const o of m.options) row.push(chosen ? (chosen.has(o) ? '1' : '0') : '');
      }
      for (const q of plan.numeric) row.push(typeof a[q] === 'number' ? String(a[q]) : '');
      lines.push(row.join(','));
    });
    writeFileSync(`${dir}/wave-${wave}.csv`, `${lines.join('\n')}\n`);
  }
  const { margins } = await marginsFromPopulation(store.db, RAKED_ON as never);
  const m = ['variable,category,target'];
  for (const margin of margins) margin.categories.forEach((c, i) => m.push(`${margin.variable},${c},${margin.targets[i]}`));
  writeFileSync(`${dir}/margins.csv`, `${m.join('\n')}\n`);
  writeFileSync(`${dir}/plan.json`, JSON.stringify({ ...plan, by: BY }));
  return plan;
}
