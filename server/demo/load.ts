/**
 * Demo content for a first start on an empty data folder: both bundled questionnaires, waves,
 * two school links (fictional schools) and a few thousand SYNTHETIC responses, all marked
 * `synthetic` and `source = 'demo'` so every output can say they are made up.
 */
import { inTransaction } from '../store/transaction.js';
import { fileURLToPath } from 'node:url';
import { importCrimeFiles } from '../crime/import.js';
import { hasCrime } from '../crime/queries.js';
import { insertPopulation } from '../areas/queries.js';
import { loadBundledSurveys } from '../../surveys/metadata.js';
import type { Store } from '../store/open.js';
import { insertResponses } from '../responses/queries.js';
import { allSurveys, surveyBySlug, waveByName, wavesOf } from '../surveys/queries.js';
import { linksOfWave } from '../links/queries.js';
import { createLink, linkUrl } from '../links/links.js';
import { addSurvey, createWave, setWaveStatus, surveyUrl } from '../surveys/manage.js';
import { validatorFor } from '../surveys/surveys.js';
import { synthesiseResponses } from './synthetic-responses.js';
import { withDemoTranslations } from './translations.js';
import { surveyLanguages } from '../surveys/languages.js';
import { illustrativePopulation, ILLUSTRATIVE_SOURCE } from './population.js';
import { marginsFromPopulation } from '../weighting/population-margins.js';
import { runWeighting } from '../weighting/run.js';
import { DEMO_COUNCIL, updateCouncilSettings } from '../settings/settings.js';
import { renamePartnership } from '../partnerships/queries.js';
import { DEFAULT_PARTNERSHIP } from '../store/partnership-scope.js';

/** The demo's partnership, as officers see it in the page header: made up, and saying so. */
export const DEMO_PARTNERSHIP = 'Demo Community Safety Partnership (made-up)';

export const DEMO_SCHOOLS = ['Example Valley School (fictional, demo)', 'Example Hill Academy (fictional, demo)'];

interface DemoWave {
  slug: string;
  wave: string;
  open: boolean;
  n: number;
  seed: number;
  waveShift: number;
  /** Fielding period the made-up submission times are spread over. */
  from: string;
  days: number;
  viaSchools?: boolean;
}

const PLAN: DemoWave[] = [
  { slug: 'resident-safety', wave: '2025', open: false, n: 1800, seed: 2025, waveShift: 0, from: '2025-09-01', days: 42 },
  { slug: 'resident-safety', wave: '2026', open: true, n: 2200, seed: 2026, waveShift: 1, from: '2026-09-07', days: 42 },
  { slug: 'youth-safety', wave: '2026', open: true, n: 900, seed: 1126, waveShift: 1, from: '2026-10-05', days: 28, viaSchools: true },
];

export async function storeIsEmpty(store: Store): Promise<boolean> {
  return (await allSurveys(store.db)).length === 0;
}

/** Loads the demo if the store has no surveys yet; returns false if it left an existing store alone. */
export async function loadDemoIfEmpty(store: Store, log: (msg: string) => void = () => {}): Promise<boolean> {
  if (!(await storeIsEmpty(store))) return false;
  const { db } = store;
  await inTransaction(store, async () => {
    for (const bundled of loadBundledSurveys()) {
      await addSurvey(db, {
        slug: bundled.slug,
        definition: withDemoTranslations(bundled.slug, bundled.definition),
        metadata: bundled.metadata as unknown as Record<string, unknown>,
        audience: bundled.metadata.audience,
        title: bundled.metadata.title,
      });
    }
    for (const plan of PLAN) {
      await createWave(db, plan.slug, plan.wave);
      await setWaveStatus(db, plan.slug, plan.wave, plan.open ? 'open' : 'closed');
      const survey = (await surveyBySlug(db, plan.slug))!;
      const wave = (await waveByName(db, survey.id, plan.wave))!;
      const linkIds: number[] = [];
      if (plan.viaSchools) for (const label of DEMO_SCHOOLS) linkIds.push((await createLink(db, { slug: plan.slug, wave: plan.wave, label })).id);
      const validator = validatorFor(survey);
      // Made up like the answers: one synthetic reply in 25 answered in the demo's Welsh, where offered.
      const welsh = surveyLanguages(survey.definition).some((l) => l.code === 'cy');
      const answers = synthesiseResponses(survey.definition, bundled(plan.slug), { n: plan.n, seed: plan.seed, waveShift: plan.waveShift });
      const start = new Date(`${plan.from}T08:00:00Z`).getTime();
      const rows = answers.map((a, i) => {
        const checked = validator.validate(a);
        if (!checked.ok) throw new Error(`Demo generator produced an invalid answer: ${checked.errors[0].message}`);
        // Returns arrive fast at first and tail off, as after a mail-out.
        const day = Math.floor(plan.days * ((i + 0.5) / answers.length) ** 1.8);
        return {
          waveId: wave.id,
          linkId: linkIds.length ? linkIds[i % linkIds.length] : null,
          status: 'complete' as const,
          answers: checked.answers,
          surveyVersion: survey.version,
          source: 'demo' as const,
          synthetic: true,
          locale: welsh ? (i % 25 === 3 ? 'cy' : 'en') : null,
          idempotencyKey: `demo:${plan.slug}:${plan.wave}:${i}`,
          createdAt: new Date(start + day * 86_400_000 + ((i * 7919) % 36_000) * 1000).toISOString(),
        };
      });
      await insertResponses(db, rows);
      log(`  ${plan.slug} ${plan.wave}: ${rows.length} synthetic responses${plan.open ? ' (wave open)' : ' (wave closed)'}`);
    }
    // Illustrative (made-up) adult population by ward × sex × age band: weighting targets for the demo.
    const cells = illustrativePopulation();
    await insertPopulation(
      db,
      cells.map((c) => ({ ...c, source: ILLUSTRATIVE_SOURCE, illustrative: true })),
    );
    await updateCouncilSettings(store, DEMO_COUNCIL, { now: new Date() });
    await renamePartnership(db, DEFAULT_PARTNERSHIP, DEMO_PARTNERSHIP);
    log(`  council details: ${DEMO_COUNCIL.councilName} (made up; set the real ones on the Accounts page)`);
    log(`  population: ${cells.length} ward × sex × age band cells (ILLUSTRATIVE figures, not ONS data)`);
    const { margins } = await marginsFromPopulation(db);
    for (const plan of PLAN.filter((p) => p.slug === 'resident-safety')) {
      // "Prefer not to say" has no population target: those few replies stay out of the weighted results.
      const r = await runWeighting(store, { slug: plan.slug, wave: plan.wave, margins, unmatched: 'exclude', illustrative: true });
      log(
        `  weighted ${plan.slug} ${plan.wave} to the illustrative population (raking on sex, age band, ward; effective base ${r.diagnostics.nEffective.toFixed(0)})`,
      );
    }
  });
  return true;

  function bundled(slug: string) {
    return loadBundledSurveys().find((b) => b.slug === slug)!.metadata;
  }
}

/** Real police.uk data (Kent Police, January 2019, Maidstone rows; OGL v3.0): see ./police-uk/README.md. */
export const DEMO_CRIME_FILE = fileURLToPath(new URL('./police-uk/police-uk-2019-01-kent-street-maidstone.csv', import.meta.url));

/**
 * Imports the bundled real police.uk month when no crime is stored yet, so perception vs reality
 * works on the demo. One month only: more months are uploaded on the Data page or with `crime import`.
 */
export async function loadDemoCrimeIfEmpty(store: Store, log: (msg: string) => void = () => {}): Promise<boolean> {
  if (await hasCrime(store)) return false;
  const r = await importCrimeFiles(store, [DEMO_CRIME_FILE]);
  log(`  recorded crime: ${r.imported} police.uk rows for ${r.months.join(', ')} (REAL data, Kent Police, Open Government Licence v3.0)`);
  return true;
}

/** The URLs a person can open now: each survey with an open wave, and each link of an open wave. */
export async function describeEntryPoints(store: Store): Promise<string[]> {
  const { db } = store;
  const lines: string[] = [];
  for (const s of await allSurveys(db)) {
    for (const w of (await wavesOf(db, s.id)).filter((w) => w.status === 'open')) {
      if (s.audience !== 'youth') lines.push(`  ${s.slug} (${w.name}): ${surveyUrl(s.slug)}`);
      for (const l of await linksOfWave(db, w.id)) lines.push(`  ${s.slug} (${w.name}) link for ${l.label}: ${linkUrl(l.token)}`);
    }
  }
  return lines;
}
