/**
 * The bundled questionnaires and their metadata: they load in survey-core 2.5.38 with the
 * question names the rest of the product uses, the metadata fits them, branching works, the
 * youth survey asks nothing that identifies a child, and the ward lists come from the ONS lookup.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { Model } from 'survey-core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLsoaWardLookup, maidstoneWards } from '../../surveys/areas/wards.js';
import { loadBundledSurveys, loadSurveyFiles, POLICE_UK_CRIME_TYPES, SurveyFilesError, validateMetadata, type SurveyMetadata } from '../../surveys/metadata.js';

const surveysDir = fileURLToPath(new URL('../../surveys/', import.meta.url));
const bundled = loadBundledSurveys();
const get = (slug: string) => {
  const b = bundled.find((s) => s.slug === slug);
  if (!b) throw new Error(`bundled survey ${slug} is missing`);
  return b;
};
const resident = get('resident-safety');
const youth = get('youth-safety');

type Choice = { value: string; text: string };
// Building a Model takes a while; one per questionnaire serves the read-only checks.
const models = new Map<Record<string, unknown>, Model>();
const choicesOf = (definition: Record<string, unknown>, name: string): Choice[] => {
  if (!models.has(definition)) models.set(definition, new Model(definition));
  const q = models.get(definition)!.getQuestionByName(name);
  if (!q) throw new Error(`no question ${name}`);
  return (q as unknown as { choices: { value: unknown; text: string }[] }).choices.map((c) => ({ value: String(c.value), text: c.text }));
};

const SAFETY = ['very_safe', 'fairly_safe', 'neither', 'fairly_unsafe', 'very_unsafe', 'dont_know'];
const WORRY = ['very_worried', 'fairly_worried', 'not_very_worried', 'not_at_all_worried'];

describe('bundled questionnaires', () => {
  it('are the resident and youth surveys, with metadata titled and addressed to the right audience', () => {
    expect(bundled.map((b) => b.slug)).toEqual(['resident-safety', 'youth-safety']);
    expect(resident.metadata.audience).toBe('resident');
    expect(youth.metadata.audience).toBe('youth');
    for (const b of bundled) {
      expect(b.metadata.slug).toBe(b.slug);
      expect(b.metadata.title).toBe(b.definition.title);
    }
  });

  it('load in survey-core as several pages with a progress bar and the expected question names', () => {
    const model = new Model(resident.definition);
    expect(model.jsonErrors ?? []).toEqual([]);
    expect(model.pages.length).toBeGreaterThan(2);
    expect([model.showProgressBar, model.progressBarLocation]).toEqual([true, 'top']);
    expect(model.progressBarType).toBe('pages');
    expect(model.getAllQuestions().map((q) => q.name)).toEqual([
      'safe_home',
      'safe_day_local',
      'safe_dark_local',
      'safe_day_town',
      'safe_dark_town',
      'worry_burglary',
      'worry_assault',
      'has_car',
      'worry_car',
      'worry_fraud',
      'worry_pestered',
      'worry_asb',
      'worry_knife',
      'worry_drugs',
      'unsafe_places',
      'victim_12m',
      'victim_reported',
      'confidence_police',
      'confidence_council',
      'ward',
      'sex',
      'age_band',
      'ethnicity',
      'disability',
      'economic_activity',
      'tenure',
      'household_size',
    ]);
    const y = new Model(youth.definition);
    expect(y.jsonErrors ?? []).toEqual([]);
    expect(y.pages.length).toBeGreaterThan(2);
    expect([y.showProgressBar, y.progressBarLocation]).toEqual([true, 'top']);
    expect(y.getAllQuestions().map((q) => q.name)).toEqual([
      'safe_school',
      'safe_journey',
      'safe_day_local',
      'safe_dark_local',
      'safe_town',
      'safe_online',
      'worry_bullying',
      'worry_knife',
      'worry_gangs',
      'worry_drugs',
      'worry_harassed',
      'unsafe_places',
      'would_tell',
      'trust_police',
      'school_year',
      'gender',
      'area',
    ]);
  });

  it('keep questions flat on pages (no panels, dynamic panels or matrices)', () => {
    for (const b of bundled) {
      const types = new Model(b.definition).getAllQuestions().map((q) => q.getType());
      expect(
        types.filter((t) => !['radiogroup', 'dropdown', 'checkbox', 'text'].includes(t)),
        b.slug,
      ).toEqual([]);
      for (const page of b.definition.pages as { elements: { type: string }[] }[]) {
        expect(page.elements.some((e) => e.type === 'panel' || e.type.startsWith('matrix') || e.type === 'paneldynamic')).toBe(false);
      }
    }
  });

  it('use the safety and worry scales, with labels, and the seeds age bands', () => {
    for (const name of ['safe_home', 'safe_dark_local', 'safe_dark_town']) expect(choicesOf(resident.definition, name).map((c) => c.value)).toEqual(SAFETY);
    expect(choicesOf(resident.definition, 'safe_home').map((c) => c.text)).toEqual([
      'Very safe',
      'Fairly safe',
      'Neither safe nor unsafe',
      'Fairly unsafe',
      'Very unsafe',
      "Don't know",
    ]);
    for (const name of ['worry_burglary', 'worry_car', 'worry_fraud', 'worry_knife'])
      expect(choicesOf(resident.definition, name).map((c) => c.value)).toEqual(WORRY);
    for (const name of ['safe_school', 'safe_online']) expect(choicesOf(youth.definition, name).map((c) => c.value)).toEqual(SAFETY);
    expect(choicesOf(youth.definition, 'worry_gangs').map((c) => c.value)).toEqual(WORRY);
    expect(choicesOf(resident.definition, 'age_band').map((c) => c.value)).toEqual(['18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+']);
    expect(choicesOf(youth.definition, 'gender').map((c) => c.value)).toEqual(['girl', 'boy', 'other_way', 'prefer_not_say']);
    expect(choicesOf(youth.definition, 'school_year').map((c) => c.value)).toEqual(['year_7', 'year_8', 'year_9', 'year_10', 'year_11', 'year_12', 'year_13']);
  });

  it('require the safety questions and ward, sex and age band of residents, so incomplete returns are refused', () => {
    const model = new Model(resident.definition);
    const required = model
      .getAllQuestions()
      .filter((q) => q.isRequired)
      .map((q) => q.name);
    expect(required).toEqual(['safe_home', 'safe_day_local', 'safe_dark_local', 'safe_day_town', 'safe_dark_town', 'ward', 'sex', 'age_band']);
    model.data = { safe_home: 'very_safe' };
    expect(model.validate(false, false)).toBe(false);
  });

  it('let residents choose at most 5 unsafe places, or name another', () => {
    const q = new Model(resident.definition).getQuestionByName('unsafe_places') as unknown as { maxSelectedChoices: number; showOtherItem: boolean };
    expect(q.maxSelectedChoices).toBe(5);
    expect(q.showOtherItem).toBe(true);
  });

  it('ask household size as a whole number from 1 to 15', () => {
    const model = new Model(resident.definition);
    const q = model.getQuestionByName('household_size') as unknown as { inputType: string; min: number; max: number };
    expect([q.inputType, Number(q.min), Number(q.max)]).toEqual(['number', 1, 15]);
    model.data = { household_size: 16 };
    expect(model.getQuestionByName('household_size').validate(false)).toBe(false);
    model.data = { household_size: 4 };
    expect(model.getQuestionByName('household_size').validate(false)).toBe(true);
  });
});

describe('branching', () => {
  it('shows worry about car theft only to people with a car', () => {
    const model = new Model(resident.definition);
    const car = model.getQuestionByName('worry_car');
    expect(car.isVisible).toBe(false);
    model.setValue('has_car', 'no');
    expect(car.isVisible).toBe(false);
    model.setValue('has_car', 'yes');
    expect(car.isVisible).toBe(true);
  });

  it('asks whether a crime was reported only of victims', () => {
    const model = new Model(resident.definition);
    const reported = model.getQuestionByName('victim_reported');
    model.data = { victim_12m: 'no' };
    expect(reported.isVisible).toBe(false);
    model.data = { victim_12m: 'yes' };
    expect(reported.isVisible).toBe(true);
  });
});

describe('metadata', () => {
  it('fits each questionnaire: every question it names exists and its scale equals the choices', () => {
    for (const b of bundled) expect(validateMetadata(b.definition, b.metadata), b.slug).toEqual([]);
  });

  it('describes every analysable question, and marks demographic ones as breakdowns', () => {
    for (const b of bundled) {
      const described = new Set(b.metadata.questions.map((q) => q.name));
      const analysable = new Model(b.definition)
        .getAllQuestions()
        .filter((q) => q.getType() !== 'text' || (q as unknown as { inputType: string }).inputType === 'number');
      expect(
        analysable.map((q) => q.name).filter((n) => !described.has(n)),
        b.slug,
      ).toEqual([]);
      const breakdowns = b.metadata.questions.filter((q) => q.breakdown).map((q) => q.name);
      expect(breakdowns, b.slug).toEqual(
        expect.arrayContaining(
          b.slug === 'resident-safety'
            ? ['ward', 'sex', 'age_band', 'ethnicity', 'disability', 'economic_activity', 'tenure']
            : ['school_year', 'gender', 'area'],
        ),
      );
    }
  });

  it('gives the constructs and nets that analysis uses', () => {
    const byName = new Map(resident.metadata.questions.map((q) => [q.name, q]));
    expect(byName.get('safe_dark_local')?.construct).toBe('safety.after_dark.local');
    expect(byName.get('worry_burglary')?.construct).toBe('worry.burglary');
    expect(byName.get('ward')?.construct).toBe('demographic.ward');
    expect(resident.metadata.scales.safety.nets).toEqual({ safe: ['very_safe', 'fairly_safe'], unsafe: ['fairly_unsafe', 'very_unsafe'] });
    expect(resident.metadata.scales.safety.excludeFromBase).toEqual(['dont_know']);
    expect(resident.metadata.scales.worry.nets).toEqual({
      worried: ['very_worried', 'fairly_worried'],
      not_worried: ['not_very_worried', 'not_at_all_worried'],
    });
    const constructs = bundled.flatMap((b) => b.metadata.questions.map((q) => `${b.slug}:${q.construct}`));
    expect(new Set(constructs).size).toBe(constructs.length);
  });

  it('maps worry items to police.uk crime types as DESIGN.md says (fraud to none)', () => {
    const types = Object.fromEntries(resident.metadata.questions.filter((q) => q.name.startsWith('worry_')).map((q) => [q.name, q.crimeTypes ?? []]));
    expect(types).toEqual({
      worry_burglary: ['Burglary'],
      worry_assault: ['Violence and sexual offences'],
      worry_car: ['Vehicle crime'],
      worry_fraud: [],
      worry_pestered: ['Public order'],
      worry_asb: ['Anti-social behaviour'],
      worry_knife: ['Possession of weapons', 'Robbery'],
      worry_drugs: ['Drugs'],
    });
    // Every crime type is spelt as in the police.uk files.
    for (const b of bundled) for (const q of b.metadata.questions) for (const t of q.crimeTypes ?? []) expect(POLICE_UK_CRIME_TYPES).toContain(t);
  });

  it('groups ethnicity as White / Black, Asian, Mixed and other, covering every answer but "prefer not to say"', () => {
    const ethnicity = resident.metadata.questions.find((q) => q.name === 'ethnicity')!;
    expect(Object.keys(ethnicity.groups!)).toEqual(['white', 'bame']);
    const values = choicesOf(resident.definition, 'ethnicity').map((c) => c.value);
    const grouped = [...ethnicity.groups!.white, ...ethnicity.groups!.bame];
    expect(grouped.sort()).toEqual(values.filter((v) => v !== 'prefer_not_say').sort());
    expect(ethnicity.groups!.white).toContain('white_british');
    expect(ethnicity.groups!.bame).toEqual(expect.arrayContaining(['black_african', 'asian_indian', 'mixed_white_asian', 'other_arab']));
  });

  describe('validateMetadata reports what is wrong', () => {
    const broken = (change: (m: SurveyMetadata) => void) => {
      const m = structuredClone(resident.metadata);
      change(m);
      return validateMetadata(resident.definition, m);
    };
    it('a question the questionnaire lacks', () => {
      expect(broken((m) => m.questions.push({ name: 'shoe_size', construct: 'x.shoes' }))).toEqual([
        "Metadata for 'shoe_size': the questionnaire has no question called 'shoe_size'.",
      ]);
    });
    it('a scale whose values differ from the choices', () => {
      const problems = broken((m) => (m.questions.find((q) => q.name === 'worry_burglary')!.scale = 'safety'));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/worry_burglary.*scale 'safety' does not match.*very_worried.*very_safe/);
    });
    it('an unknown scale id, a misspelt crime type, a group with an unknown answer', () => {
      const problems = broken((m) => {
        m.questions.find((q) => q.name === 'safe_home')!.scale = 'safty';
        m.questions.find((q) => q.name === 'worry_asb')!.crimeTypes = ['ASB' as never];
        m.questions.find((q) => q.name === 'ethnicity')!.groups!.white.push('martian');
      });
      expect(problems).toEqual([
        "Metadata for 'safe_home' uses scale 'safty', which the metadata does not define.",
        expect.stringMatching(/'ASB' is not a police.uk crime type/),
        "Metadata for 'ethnicity': group 'white' includes 'martian', which is not one of the question's choices.",
      ]);
    });
    it('a net with a value outside its scale, and an analysable question left out', () => {
      const problems = broken((m) => {
        m.scales.safety.nets.safe.push('safe_ish');
        m.questions = m.questions.filter((q) => q.name !== 'tenure');
      });
      expect(problems).toEqual([
        "Scale 'safety': net 'safe' includes 'safe_ish', which is not one of its categories.",
        "Question 'tenure' has no metadata (every analysable question needs a construct id).",
      ]);
    });
    it('metadata that is not an object at all', () => {
      expect(validateMetadata(resident.definition, [])).toEqual(['The metadata is not a JSON object.']);
    });
  });
});

describe('loadSurveyFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csp-surveys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a questionnaire with the metadata beside it', () => {
    const files = loadSurveyFiles(join(surveysDir, 'youth-safety.survey.json'));
    expect(files.slug).toBe('youth-safety');
    expect(files.metadata?.audience).toBe('youth');
    expect(files.definition).toEqual(youth.definition);
  });

  it('gives null metadata when there is no meta file', () => {
    const file = join(dir, 'plain.survey.json');
    writeFileSync(file, JSON.stringify({ pages: [{ elements: [{ type: 'text', name: 'q' }] }] }));
    expect(loadSurveyFiles(file)).toMatchObject({ slug: 'plain', metadata: null });
  });

  it('refuses metadata that does not fit, and files that are not JSON, saying which file', () => {
    const file = join(dir, 'bad.survey.json');
    writeFileSync(file, JSON.stringify({ pages: [{ elements: [{ type: 'radiogroup', name: 'q', choices: ['a', 'b'] }] }] }));
    writeFileSync(
      join(dir, 'bad.meta.json'),
      JSON.stringify({ slug: 'bad', title: 'Bad', audience: 'resident', scales: {}, questions: [{ name: 'p', construct: 'x' }] }),
    );
    expect(() => loadSurveyFiles(file)).toThrow(SurveyFilesError);
    expect(() => loadSurveyFiles(file)).toThrow(/bad\.meta\.json.*\n.*no question called 'p'/);
    const broken = join(dir, 'broken.survey.json');
    writeFileSync(broken, '{"pages": [');
    expect(() => loadSurveyFiles(broken)).toThrow(/broken\.survey\.json' is not valid JSON/);
  });
});

describe('youth questionnaire protects children', () => {
  const questions = new Model(youth.definition).getAllQuestions();

  it('asks nothing that could identify a child (no name, e-mail, phone, address, postcode, date of birth)', () => {
    const identifying = /name|e-?mail|phone|mobile|address|postcode|birth|dob|contact/i;
    expect(questions.filter((q) => identifying.test(q.name) || identifying.test(q.title)).map((q) => q.name)).toEqual([]);
  });

  it('has no free-text box anywhere, not even an "other, please say"', () => {
    expect(questions.filter((q) => ['text', 'comment'].includes(q.getType())).map((q) => q.name)).toEqual([]);
    expect(questions.filter((q) => (q as unknown as { showOtherItem?: boolean }).showOtherItem).map((q) => q.name)).toEqual([]);
    expect(questions.filter((q) => (q as unknown as { showCommentArea?: boolean }).showCommentArea).map((q) => q.name)).toEqual([]);
  });

  it('ends with support contacts: Childline, police 101 and 999, and local services from the partnership plan', () => {
    const html = String(youth.definition.completedHtml);
    expect(html).toContain('Childline');
    expect(html).toContain('0800 1111');
    expect(html).toMatch(/\b999\b/);
    expect(html).toMatch(/\b101\b/);
    expect(html).toContain('01622 602000'); // Maidstone Community Safety Unit (seeds/002, section 8)
  });

  it('thanks residents when they finish', () => {
    expect(String(resident.definition.completedHtml)).toMatch(/Thank you/);
  });
});

describe('wards', () => {
  const csv: Record<string, string>[] = parse(readFileSync(join(surveysDir, 'areas/maidstone-lsoa11-ward19.csv'), 'utf8'), { columns: true });

  it('lookup has the 95 Maidstone LSOAs, each in a Maidstone ward', () => {
    const lookup = loadLsoaWardLookup();
    expect(lookup).toHaveLength(95);
    expect(new Set(lookup.map((r) => r.lsoaCode)).size).toBe(95);
    expect(lookup.every((r) => /^E01\d{6}$/.test(r.lsoaCode) && /^E05\d{6}$/.test(r.wardCode))).toBe(true);
    expect(csv.every((r) => r.LAD19NM === 'Maidstone')).toBe(true);
  });

  it('are the 26 wards of the CSV, sorted by name', () => {
    const wards = maidstoneWards();
    expect(wards).toHaveLength(26);
    expect(new Set(wards.map((w) => w.code))).toEqual(new Set(csv.map((r) => r.WD19CD)));
    expect(wards.map((w) => w.name)).toEqual([...wards.map((w) => w.name)].sort((a, b) => a.localeCompare(b)));
    expect(wards[0]).toEqual({ code: 'E05004982', name: 'Allington' });
  });

  it('are exactly the ward choices of the resident survey, and of the youth survey before "outside" and "don\'t know"', () => {
    const wards = maidstoneWards().map((w) => ({ value: w.code, text: w.name }));
    expect(choicesOf(resident.definition, 'ward')).toEqual(wards);
    const area = choicesOf(youth.definition, 'area');
    expect(area.slice(0, 26)).toEqual(wards);
    expect(area.slice(26).map((c) => c.value)).toEqual(['outside', 'dont_know']);
  });
});
