/**
 * What a wave's report holds, without estimating anything: the questions in questionnaire order
 * (titles with their stems, and the section they are in), the breakdowns and the filters it
 * accepts, and the complete responses it rests on. The Results page reads this first, then asks for
 * each question's results as it is shown.
 */
import type { Store } from '../store/open.js';
import { questionWording } from '../surveys/wording.js';
import { filterableOf } from './report-query.js';
import type { ReportContents } from './schemas.js';
import { loadWaveData } from './wave-data.js';

export async function reportContents(store: Store, slug: string, wave: string, opts: { partial?: 'include' | 'exclude' } = {}): Promise<ReportContents> {
  const data = await loadWaveData(store, slug, wave, { includePartial: opts.partial === 'include' });
  const wording = questionWording(data.survey.definition);
  return {
    survey: { slug: data.survey.slug, title: data.survey.title },
    wave: data.wave.name,
    n: data.answers.length,
    unfinished: data.unfinished,
    questions: data.questions.map((q) => ({
      name: q.name,
      title: q.title ?? q.name,
      kind: q.kind ?? 'single',
      section: wording.get(q.name)?.section ?? null,
    })),
    breakdowns: data.breakdowns.map((b) => ({ name: b.name, title: b.title ?? b.name, categories: b.categories })),
    filters: filterableOf(data).map(({ name, title, categories }) => ({ name, title, categories })),
  };
}
