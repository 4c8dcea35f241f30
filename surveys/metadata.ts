/**
 * Question metadata: what each analysable question of a questionnaire measures (a stable
 * construct id), which answer scale it uses and which answers count as "safe"/"worried"/…,
 * which demographic questions can break results down, and which police.uk crime types a worry
 * item is compared with. It lives beside each questionnaire as `<slug>.meta.json`.
 *
 * Example:
 *   const [resident] = loadBundledSurveys();           // sorted by slug: resident-safety first
 *   resident.metadata.scales.safety.nets.unsafe         // ['fairly_unsafe', 'very_unsafe']
 *   validateMetadata(resident.definition, resident.metadata)  // [] when they agree
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Audience = 'resident' | 'youth';

/** police.uk street-level "Crime type" values, spelt exactly as in the files. */
export const POLICE_UK_CRIME_TYPES = [
  'Anti-social behaviour',
  'Bicycle theft',
  'Burglary',
  'Criminal damage and arson',
  'Drugs',
  'Other crime',
  'Other theft',
  'Possession of weapons',
  'Public order',
  'Robbery',
  'Shoplifting',
  'Theft from the person',
  'Vehicle crime',
  'Violence and sexual offences',
] as const;
export type PoliceUkCrimeType = (typeof POLICE_UK_CRIME_TYPES)[number];

export interface ScaleCategory {
  value: string;
  label: string;
}

export interface ScaleMeta {
  /** Every answer of the scale, in order (values equal the question's choice values). */
  categories: ScaleCategory[];
  /** Named groups of categories reported together, e.g. safe: ['very_safe', 'fairly_safe']. */
  nets: Record<string, string[]>;
  /** Answers left out of the base of percentages (e.g. "Don't know"). */
  excludeFromBase: string[];
}

export interface QuestionMeta {
  name: string;
  /** Stable id of what is measured, e.g. 'safety.after_dark.local', 'worry.burglary', 'demographic.ward'. */
  construct: string;
  /** Id of a scale in SurveyMetadata.scales. */
  scale?: string;
  /** A demographic question that results can be broken down by. */
  breakdown?: boolean;
  /** police.uk crime types this worry item is set beside (none for fraud: it is reported to Action Fraud). */
  crimeTypes?: PoliceUkCrimeType[];
  /** Analysis regrouping of answers, e.g. ethnicity as white / bame. */
  groups?: Record<string, string[]>;
  /** Display labels of the groups. */
  groupLabels?: Record<string, string>;
  /** Answers left out of the base for a question without a scale (e.g. "Prefer not to say"). */
  excludeFromBase?: string[];
}

/** What the questionnaire's privacy notice says of this survey (the council's details are in its settings). */
export interface PrivacyMeta {
  /** Why the answers are collected, in a sentence or two. */
  purpose: string;
  /** How long the answers are kept, e.g. "Five years after the survey closes, then deleted." */
  retention?: string;
  /** Who else sees the results, e.g. "Partners in the Community Safety Partnership see the tables, never single answers." */
  sharing?: string;
}

export interface SurveyMetadata {
  slug: string;
  title: string;
  audience: Audience;
  scales: Record<string, ScaleMeta>;
  questions: QuestionMeta[];
  privacy?: PrivacyMeta;
}

export interface BundledSurvey {
  slug: string;
  definition: Record<string, unknown>;
  metadata: SurveyMetadata;
}

export interface SurveyFiles {
  slug: string;
  definition: Record<string, unknown>;
  /** null when there is no `<slug>.meta.json` beside the questionnaire. */
  metadata: SurveyMetadata | null;
}

const AUDIENCES: Audience[] = ['resident', 'youth'];
/** Question types whose answers are analysed, so metadata must describe them. */
const ANALYSABLE_TYPES = new Set(['radiogroup', 'dropdown', 'checkbox', 'tagbox', 'boolean', 'rating']);
/** Values survey-core gives the extra items a choice question can show. */
const SPECIAL_ITEMS: [property: string, value: string][] = [
  ['showOtherItem', 'other'],
  ['hasOther', 'other'],
  ['showNoneItem', 'none'],
  ['hasNone', 'none'],
  ['showDontKnowItem', 'dontknow'],
  ['showRefuseItem', 'refused'],
];

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

interface DefinedQuestion {
  name: string;
  type: string;
  /** Choice values, as text (null for questions without a fixed list, e.g. text boxes). */
  values: string[] | null;
  inputType?: string;
}

/** The questions of a SurveyJS definition, from its pages and any panels within them. */
function definedQuestions(definition: unknown): DefinedQuestion[] {
  const out: DefinedQuestion[] = [];
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const el of elements) {
      if (!isObject(el)) continue;
      if (el.type === 'panel') {
        visit(el.elements);
        continue;
      }
      if (typeof el.name !== 'string' || typeof el.type !== 'string') continue;
      let values: string[] | null = null;
      if (Array.isArray(el.choices)) {
        values = el.choices.map((c) => String(isObject(c) ? c.value : c));
        for (const [prop, value] of SPECIAL_ITEMS) if (el[prop] === true) values.push(value);
      } else if (el.type === 'boolean') {
        values = [String(el.valueTrue ?? true), String(el.valueFalse ?? false)];
      }
      out.push({ name: el.name, type: el.type, values, inputType: typeof el.inputType === 'string' ? el.inputType : undefined });
    }
  };
  if (isObject(definition)) {
    for (const page of Array.isArray(definition.pages) ? definition.pages : []) if (isObject(page)) visit(page.elements);
    visit(definition.elements);
  }
  return out;
}

const isStringList = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === 'string');

function checkScale(id: string, scale: unknown, problems: string[]) {
  const where = `Scale '${id}'`;
  if (!isObject(scale)) return problems.push(`${where} is not an object.`);
  const categories = Array.isArray(scale.categories) ? scale.categories : null;
  if (!categories?.length) return problems.push(`${where} has no categories.`);
  const values = categories.map((c) => (isObject(c) ? c.value : undefined));
  categories.forEach((c, i) => {
    if (!isObject(c) || typeof c.value !== 'string' || typeof c.label !== 'string') problems.push(`${where}: category ${i + 1} needs a text value and label.`);
  });
  const dup = values.filter((v, i) => values.indexOf(v) !== i);
  if (dup.length) problems.push(`${where} lists ${dup.map(String).join(', ')} more than once.`);
  if (!isObject(scale.nets)) problems.push(`${where} has no nets (e.g. "safe": ["very_safe", "fairly_safe"]).`);
  for (const [net, members] of Object.entries(isObject(scale.nets) ? scale.nets : {})) {
    if (!isStringList(members) || !members.length) problems.push(`${where}: net '${net}' must be a non-empty list of category values.`);
    else for (const v of members) if (!values.includes(v)) problems.push(`${where}: net '${net}' includes '${v}', which is not one of its categories.`);
  }
  if (!isStringList(scale.excludeFromBase)) problems.push(`${where}: excludeFromBase must be a list (may be empty).`);
  else
    for (const v of scale.excludeFromBase)
      if (!values.includes(v)) problems.push(`${where}: excludeFromBase includes '${v}', which is not one of its categories.`);
}

function checkPrivacy(privacy: unknown, problems: string[]) {
  if (!isObject(privacy)) return problems.push('The metadata "privacy" must be an object such as {"purpose": "…", "retention": "…"}.');
  if (typeof privacy.purpose !== 'string' || !privacy.purpose.trim()) problems.push('The metadata "privacy" needs a "purpose": why the answers are collected.');
  for (const key of ['retention', 'sharing'] as const) {
    if (privacy[key] !== undefined && (typeof privacy[key] !== 'string' || !privacy[key].trim()))
      problems.push(`The metadata "privacy.${key}" must be a sentence of text.`);
  }
  const unknown = Object.keys(privacy).filter((k) => !['purpose', 'retention', 'sharing'].includes(k));
  if (unknown.length) problems.push(`The metadata "privacy" has unknown field(s) ${unknown.join(', ')}: use purpose, retention and sharing.`);
}

/**
 * Problems with a questionnaire's metadata, as sentences a person can act on ([] when none):
 * questions it names that the questionnaire lacks, scales whose values differ from the
 * question's choices, unknown scale ids, misspelt crime types, groups with unknown answers,
 * and analysable questions it leaves out.
 */
export function validateMetadata(definition: unknown, metadata: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(metadata)) return ['The metadata is not a JSON object.'];
  if (typeof metadata.slug !== 'string' || !metadata.slug) problems.push('The metadata has no slug.');
  if (typeof metadata.title !== 'string' || !metadata.title) problems.push('The metadata has no title.');
  if (!AUDIENCES.includes(metadata.audience as Audience))
    problems.push(`The metadata audience must be one of ${AUDIENCES.join(', ')}, not ${JSON.stringify(metadata.audience)}.`);
  const scales = isObject(metadata.scales) ? metadata.scales : {};
  if (!isObject(metadata.scales)) problems.push('The metadata has no "scales" object.');
  for (const [id, scale] of Object.entries(scales)) checkScale(id, scale, problems);
  if (metadata.privacy !== undefined) checkPrivacy(metadata.privacy, problems);
  if (!Array.isArray(metadata.questions)) return [...problems, 'The metadata has no "questions" list.'];

  const defined = new Map(definedQuestions(definition).map((q) => [q.name, q]));
  const seen = new Set<string>();
  metadata.questions.forEach((q, i) => {
    if (!isObject(q) || typeof q.name !== 'string' || !q.name) return problems.push(`Metadata question ${i + 1} has no name.`);
    const where = `Metadata for '${q.name}'`;
    if (seen.has(q.name)) problems.push(`${where} appears more than once.`);
    seen.add(q.name);
    if (typeof q.construct !== 'string' || !q.construct) problems.push(`${where} has no construct id.`);
    const question = defined.get(q.name);
    if (!question) return problems.push(`${where}: the questionnaire has no question called '${q.name}'.`);
    const choices = question.values;
    if (q.scale !== undefined) {
      const scale = scales[q.scale as string];
      if (typeof q.scale !== 'string' || !isObject(scale)) problems.push(`${where} uses scale '${String(q.scale)}', which the metadata does not define.`);
      else if (!choices) problems.push(`${where} has a scale, but the question has no answer options.`);
      else {
        const scaleValues = (Array.isArray(scale.categories) ? scale.categories : []).map((c) => String(isObject(c) ? c.value : c));
        const missing = choices.filter((v) => !scaleValues.includes(v));
        const extra = scaleValues.filter((v) => !choices.includes(v));
        if (missing.length || extra.length) {
          problems.push(
            `${where}: scale '${q.scale}' does not match the question's choices` +
              (missing.length ? `; choices not in the scale: ${missing.join(', ')}` : '') +
              (extra.length ? `; scale values not among the choices: ${extra.join(', ')}` : '') +
              '.',
          );
        }
      }
    }
    if (q.crimeTypes !== undefined) {
      if (!isStringList(q.crimeTypes)) problems.push(`${where}: crimeTypes must be a list of police.uk crime types.`);
      else
        for (const t of q.crimeTypes) {
          if (!(POLICE_UK_CRIME_TYPES as readonly string[]).includes(t))
            problems.push(`${where}: '${t}' is not a police.uk crime type (expected one of ${POLICE_UK_CRIME_TYPES.join(', ')}).`);
        }
    }
    if (q.excludeFromBase !== undefined) {
      if (!isStringList(q.excludeFromBase)) problems.push(`${where}: excludeFromBase must be a list of answer values.`);
      else
        for (const v of q.excludeFromBase)
          if (choices && !choices.includes(v)) problems.push(`${where}: excludeFromBase includes '${v}', which is not one of the question's choices.`);
    }
    if (q.groups !== undefined) {
      if (!isObject(q.groups)) problems.push(`${where}: groups must map a group name to a list of answer values.`);
      else {
        const grouped = new Set<string>();
        for (const [group, members] of Object.entries(q.groups)) {
          if (!isStringList(members) || !members.length) {
            problems.push(`${where}: group '${group}' must be a non-empty list of answer values.`);
            continue;
          }
          for (const v of members) {
            if (choices && !choices.includes(v)) problems.push(`${where}: group '${group}' includes '${v}', which is not one of the question's choices.`);
            if (grouped.has(v)) problems.push(`${where}: '${v}' is in more than one group.`);
            grouped.add(v);
          }
        }
      }
    }
  });
  for (const q of defined.values()) {
    const analysable = ANALYSABLE_TYPES.has(q.type) || (q.type === 'text' && q.inputType === 'number');
    if (analysable && !seen.has(q.name)) problems.push(`Question '${q.name}' has no metadata (every analysable question needs a construct id).`);
  }
  return problems;
}

/** A questionnaire or its metadata cannot be used; the message says which file and why. */
export class SurveyFilesError extends Error {
  override name = 'SurveyFilesError';
}

function readJsonObject(file: string, what: string): Json {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SurveyFilesError(`Cannot read the ${what} file '${file}': ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new SurveyFilesError(`The ${what} file '${file}' is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(value)) throw new SurveyFilesError(`The ${what} file '${file}' must hold a JSON object.`);
  return value;
}

/**
 * Reads a questionnaire (`x.survey.json`, or any `.json`) and, if present, the metadata beside
 * it (`x.meta.json`). Throws SurveyFilesError if either cannot be read or they do not agree.
 */
export function loadSurveyFiles(path: string): SurveyFiles {
  const definition = readJsonObject(path, 'questionnaire');
  const slug = basename(path).replace(/(\.survey)?\.json$/, '');
  const metaPath = path.endsWith('.survey.json') ? path.replace(/\.survey\.json$/, '.meta.json') : null;
  if (!metaPath || !existsSync(metaPath)) return { slug, definition, metadata: null };
  const metadata = readJsonObject(metaPath, 'metadata');
  const problems = validateMetadata(definition, metadata);
  if (problems.length) throw new SurveyFilesError(`The metadata '${metaPath}' does not fit its questionnaire:\n- ${problems.join('\n- ')}`);
  return { slug, definition, metadata: metadata as unknown as SurveyMetadata };
}

const HERE = fileURLToPath(new URL('.', import.meta.url));
let bundled: BundledSurvey[] | undefined;

/** The questionnaires shipped in this folder, each with its metadata, sorted by slug (read once, then cached). */
export function loadBundledSurveys(): BundledSurvey[] {
  if (!bundled) {
    const files = readdirSync(HERE)
      .filter((f) => f.endsWith('.survey.json'))
      .sort();
    bundled = files.map((f) => {
      const { slug, definition, metadata } = loadSurveyFiles(join(HERE, f));
      if (!metadata) throw new SurveyFilesError(`The bundled questionnaire '${f}' has no metadata file beside it (${slug}.meta.json).`);
      if (metadata.slug !== slug) throw new SurveyFilesError(`${slug}.meta.json says its slug is '${metadata.slug}'; it must match the file name ('${slug}').`);
      return { slug, definition, metadata };
    });
  }
  // Callers get their own copies, so one caller cannot change what the next one reads.
  return structuredClone(bundled);
}
