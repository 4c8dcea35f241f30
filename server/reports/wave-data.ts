/**
 * A wave's responses ready for analysis: the questions to report (from the questionnaire and its
 * metadata), the answers, the weights (calibrated when the wave has been weighted, else design
 * weights) and the calibration margins, rebuilt from the answers, for calibration-aware variances.
 */
import { DesignError, validateDesign } from '../../analysis/design/design.js';
import type { Calibration, ReportBreakdown, ReportQuestion, SampleDesignInput } from '../../analysis/report/types.js';
import { type DeclaredDesign, sampleDesignOf } from '../responses/sample-design.js';
import type { SurveyMetadata } from '../../surveys/metadata.js';
import { Conflict } from '../errors.js';
import type { Store } from '../store/open.js';
import { findSurvey, findWave, validatorFor, type SurveyRow, type WaveRow } from '../surveys/surveys.js';
import { surveyLanguages } from '../surveys/languages.js';
import { questionWording, textOf, type QuestionWording } from '../surveys/wording.js';
import { flatten, isPlainObject, type Json } from '../validation/flatten.js';
import { latestCalibration } from '../weighting/run.js';
import { reportCalibration, weightingSummary } from '../weighting/report-weighting.js';
import type { StoredCalibration, WeightingSummary } from '../weighting/schemas.js';
import { analysisResponses, partialCount } from './queries.js';

export interface WaveData {
  survey: SurveyRow;
  wave: WaveRow;
  metadata: SurveyMetadata | null;
  questions: ReportQuestion[];
  /** Every single-choice question, usable as a breakdown. */
  breakdowns: ReportBreakdown[];
  answers: Record<string, unknown>[];
  weights: Float64Array;
  calibration?: Calibration;
  /** Strata, PSUs and fpc declared at import, aligned with `answers`; absent when none were. */
  sampleDesign?: SampleDesignInput;
  weighting: {
    kind: 'calibrated' | 'design';
    method?: 'raking' | 'poststratification';
    margins?: string[];
    excluded?: number;
    illustrativeTargets?: boolean;
    calibration?: WeightingSummary;
  };
  synthetic: number;
  /** The wave's partial (unfinished) responses: how many it holds, how many are in `answers`, and why not all when not. */
  unfinished: Unfinished;
}

export interface Unfinished {
  available: number;
  included: number;
  note: string | null;
}

export interface WaveDataOptions {
  /** Analyse the partial (unfinished) responses too; by default only complete ones are. */
  includePartial?: boolean;
}

type Spec = { name: string; kind: string; title?: string; choices?: { value: string; text?: string }[] | (string | number | boolean)[] };

/** 'other' and 'none' options a multi-select question shows besides its listed choices. */
function specialChoices(spec: Spec & { hasOther?: boolean; specialValues?: string[] }) {
  const values = new Set<string>(spec.specialValues ?? []);
  if (spec.hasOther) values.add('other');
  return [...values].map((v) => ({ value: v, label: v === 'other' ? 'Other' : v === 'none' ? 'None of these' : v }));
}

type Wording = Map<string, QuestionWording>;

function choiceList(spec: Spec, wording: Wording) {
  const texts = wording.get(spec.name)?.choices;
  return (spec.choices ?? []).map((c) => {
    const value = typeof c === 'object' ? String(c.value) : String(c);
    return { value, label: texts?.get(value) ?? (typeof c === 'object' ? String(c.text ?? c.value) : String(c)) };
  });
}

/**
 * A yes/no question's two answers: its stored values (true/false unless valueTrue/valueFalse say
 * otherwise) as text, since answers are coded by their text (see codedAnswers), with its labels.
 */
function booleanCategories(spec: Spec, el: Json | undefined) {
  const [yes, no] = (spec.choices ?? [true, false]) as unknown[];
  return [
    { value: String(yes), label: textOf(el?.labelTrue) ?? 'Yes' },
    { value: String(no), label: textOf(el?.labelFalse) ?? 'No' },
  ];
}

/** A rating question's values in order, with their texts when rateValues give them. */
function ratingCategories(spec: Spec, el: Json | undefined) {
  const texts = new Map<string, string>();
  for (const r of Array.isArray(el?.rateValues) ? (el.rateValues as unknown[]) : []) {
    if (isPlainObject(r) && r.value !== undefined) texts.set(String(r.value), textOf(r.text) ?? String(r.value));
  }
  return ((spec.choices ?? []) as unknown[]).map((v) => ({ value: String(v), label: texts.get(String(v)) ?? String(v) }));
}

/** A name no question or regrouped breakdown has, from `base` (`base`, else `base_2`, …). */
function freeName(base: string, taken: Set<string>) {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

/** The breakdown by the language of response (`by=language`), named so unless a question has that name. */
export const LANGUAGE_BREAKDOWN = 'language';
export const LANGUAGE_TITLE = 'Language of response';

/**
 * What a wave's report reads, before any response: the questions and breakdowns from the
 * questionnaire and its metadata, and how answers are coded for them (see codedAnswers).
 */
export async function waveShape(store: Store, slug: string, waveName: string) {
  const survey = await findSurvey(store.db, slug);
  const wave = await findWave(store.db, survey, waveName);
  const metadata = (survey.metadata ?? null) as SurveyMetadata | null;
  const validator = validatorFor(survey);
  const wording = questionWording(survey.definition);
  const specs = (validator.questions as unknown as Spec[]).map((q) => ({ ...q, title: wording.get(q.name)?.reportTitle ?? q.title }));
  const metaByName = new Map((metadata?.questions ?? []).map((q) => [q.name, q]));
  const elements = new Map(flatten(survey.definition).questions.map((q) => [q.name, q.element]));
  const taken = new Set([...specs.map((s) => s.name), ...(metadata?.questions ?? []).filter((q) => q.groups).map((q) => `${q.name}_group`)]);
  /** Answers the report reads under another name or as text: see codedAnswers. */
  const coding: AnswerCoding = { booleans: [], copies: [] };

  const questions: ReportQuestion[] = [];
  const breakdowns: ReportBreakdown[] = [];
  for (const spec of specs) {
    const meta0 = metaByName.get(spec.name);
    if (spec.kind === 'boolean') {
      // A yes/no question is a single choice of two answers: proportions, and a breakdown.
      const categories = booleanCategories(spec, elements.get(spec.name));
      coding.booleans.push(spec.name);
      questions.push({ name: spec.name, construct: meta0?.construct ?? spec.name, title: spec.title, categories, nets: [], excludeFromBase: [] });
      breakdowns.push({ name: spec.name, title: spec.title, categories });
      continue;
    }
    if (spec.kind === 'rating') {
      // A rating (e.g. trust 0–10) is reported twice: its mean, when its values are numbers, and the
      // share giving each value, under a name of its own.
      const categories = ratingCategories(spec, elements.get(spec.name));
      const numeric = ((spec.choices ?? []) as unknown[]).every((v) => typeof v === 'number');
      const construct = meta0?.construct ?? spec.name;
      if (numeric) questions.push({ name: spec.name, construct, title: spec.title, kind: 'numeric', categories: [], nets: [], excludeFromBase: [] });
      const distribution = freeName(`${spec.name}__distribution`, taken);
      coding.copies.push([spec.name, distribution]);
      questions.push({
        name: distribution,
        construct,
        title: `${spec.title ?? spec.name} (distribution)`,
        categories,
        nets: [],
        excludeFromBase: [],
      });
      continue;
    }
    if (spec.kind === 'multi' || spec.kind === 'number') {
      questions.push({
        name: spec.name,
        construct: meta0?.construct ?? spec.name,
        title: spec.title,
        kind: spec.kind === 'multi' ? 'multi' : 'numeric',
        categories: spec.kind === 'multi' ? [...choiceList(spec, wording), ...specialChoices(spec)] : [],
        nets: [],
        excludeFromBase: [],
      });
      continue;
    }
    if (spec.kind !== 'single') continue;
    const meta = metaByName.get(spec.name);
    const scale = meta?.scale ? metadata?.scales?.[meta.scale] : undefined;
    const categories = scale?.categories?.length ? scale.categories.map((c) => ({ value: c.value, label: c.label })) : choiceList(spec, wording);
    const excludeFromBase = scale?.excludeFromBase ?? meta?.excludeFromBase ?? [];
    questions.push({
      name: spec.name,
      construct: meta?.construct ?? spec.name,
      title: spec.title,
      categories,
      nets: Object.entries(scale?.nets ?? {}).map(([name, values]) => ({ name, values: values as string[] })),
      excludeFromBase,
    });
    // An answer left out of the question's base ("Prefer not to say", "Don't know") is no group to
    // break down by: those respondents count as not stated, so they are in no table, comparison or
    // test of that breakdown (and never an empty row).
    breakdowns.push({ name: spec.name, title: spec.title, categories: categories.filter((c) => !excludeFromBase.includes(c.value)) });
  }
  // Regrouped breakdowns (e.g. ethnicity analysed as White / Black, Asian, Mixed and other).
  for (const meta of metadata?.questions ?? []) {
    if (!meta.groups) continue;
    breakdowns.push({
      name: `${meta.name}_group`,
      title: `${wording.get(meta.name)?.title ?? meta.name} (grouped)`,
      groupsOf: { breakdown: meta.name, groups: meta.groups },
      categories: Object.keys(meta.groups).map((g) => ({
        value: g,
        label: (meta.groupLabels as Record<string, string> | undefined)?.[g] ?? g.replace(/_/g, ' '),
      })),
    });
  }

  // The language answered in, for a questionnaire offered in more than one: returns that did not
  // record it (paper, imported, older web returns) count as not stated.
  const languages = surveyLanguages(survey.definition);
  const languageKey = languages.length > 1 ? freeName(LANGUAGE_BREAKDOWN, taken) : null;
  if (languageKey) {
    breakdowns.push({ name: languageKey, title: LANGUAGE_TITLE, categories: languages.map((l) => ({ value: l.code, label: l.name })) });
  }

  return { survey, wave, metadata, questions, breakdowns, coding, languageKey };
}

export type WaveShape = ReturnType<typeof waveShape>;

export async function loadWaveData(store: Store, slug: string, waveName: string, opts: WaveDataOptions = {}): Promise<WaveData> {
  const { survey, wave, metadata, questions, breakdowns, coding, languageKey } = await waveShape(store, slug, waveName);
  const includePartial = opts.includePartial === true;
  const rows = await analysisResponses(store, wave.id, includePartial);
  const stored = await latestCalibration(store, wave.id);
  const used = stored ? rows.filter((r) => r.weight !== null && r.weight > 0) : rows;
  if (!used.length) throw new Conflict(`${slug} ${waveName} has no complete responses to report on yet.`);
  const unfinished = unfinishedOf(await partialCount(store, wave.id), used.filter((r) => r.status === 'partial').length, includePartial);

  const answers = used.map((r) => {
    const coded = codedAnswers(withGroups(r.answers, metadata), coding);
    return languageKey && r.locale ? { ...coded, [languageKey]: r.locale } : coded;
  });
  const weights = Float64Array.from(used, (r) => (stored ? r.weight! : r.designWeight));
  const sampleDesign = checkedSampleDesign(used, weights, slug, waveName);
  let calibration: Calibration | undefined;
  if (stored) {
    calibration = reportCalibration(
      stored,
      used.map((r, i) => ({ id: r.id, answers: answers[i], designWeight: r.designWeight })),
    );
  }
  return {
    survey,
    wave,
    metadata,
    questions,
    breakdowns,
    answers,
    weights,
    calibration,
    ...(sampleDesign ? { sampleDesign } : {}),
    weighting: weightingOf(stored),
    synthetic: used.filter((r) => r.synthetic).length,
    unfinished,
  };
}

/** The sample design declared at import, checked as the estimators will use it (Conflict if it cannot be). */
export function checkedSampleDesign(rows: readonly DeclaredDesign[], weights: Float64Array, slug: string, waveName: string) {
  const sampleDesign = sampleDesignOf(rows);
  if (sampleDesign) {
    try {
      validateDesign({ weights, ...sampleDesign });
    } catch (e) {
      if (e instanceof DesignError) throw new Conflict(`The sample design declared for ${slug} ${waveName} cannot be used: ${e.message}`);
      throw e;
    }
  }
  return sampleDesign;
}

/** How the wave's answers are weighted, for the report's method text. */
export function weightingOf(stored: StoredCalibration | null): WaveData['weighting'] {
  return stored
    ? {
        kind: 'calibrated',
        method: stored.method === 'raking' || stored.method === 'poststratification' ? stored.method : undefined,
        margins: stored.margins.map((m) => m.variable),
        excluded: stored.excluded,
        illustrativeTargets: stored.illustrative ?? false,
        calibration: weightingSummary(stored),
      }
    : { kind: 'design' };
}

/**
 * What the analysis did with the partial responses. Weighting calibrates the complete responses
 * only, so in a weighted wave a partial response has no weight and stays out even when asked for.
 */
export function unfinishedOf(available: number, included: number, asked: boolean): Unfinished {
  let note: string | null = null;
  if (asked && included < available) {
    note = `${available - included} unfinished response${available - included === 1 ? ' is' : 's are'} left out: weighting gives weights to complete responses only.`;
  } else if (included > 0) {
    note = `Includes ${included} unfinished response${included === 1 ? '' : 's'}: each question's base counts those who reached it.`;
  }
  return { available, included, note };
}

function withGroups(answers: Record<string, unknown>, metadata: SurveyMetadata | null) {
  const grouped = (metadata?.questions ?? []).filter((q) => q.groups);
  if (!grouped.length) return answers;
  const out = { ...answers };
  for (const q of grouped) {
    const v = answers[q.name];
    const group = Object.entries(q.groups!).find(([, values]) => (values as string[]).includes(String(v)));
    if (group) out[`${q.name}_group`] = group[0];
  }
  return out;
}

export interface AnswerCoding {
  /** Yes/no questions, whose JSON true/false answers are read as 'true'/'false' (answers are coded by their text). */
  booleans: string[];
  /** [question, name]: a rating's answer copied under its distribution's name. */
  copies: [string, string][];
}

function codedAnswers(answers: Record<string, unknown>, coding: AnswerCoding) {
  if (!coding.booleans.length && !coding.copies.length) return answers;
  const out = { ...answers };
  for (const name of coding.booleans) if (typeof out[name] === 'boolean') out[name] = String(out[name]);
  for (const [from, to] of coding.copies) if (from in answers) out[to] = answers[from];
  return out;
}
