/**
 * "What residents think beside recorded crime": the perception report's findings, a table of each
 * worry or feeling beside the matching police-recorded crime for the borough, ward maps of the
 * first one (the share who worry or feel unsafe, and the crime rate), and SPC charts of the crime
 * types residents worry most about. When crime, population or boundaries are missing, the section
 * says what to add instead.
 */
import { quantileClasses } from '../../areas/map-classes.js';
import { wardMap } from '../../areas/maps.js';
import { legendOf, wardMapHtml } from '../../areas/ward-map-svg.js';
import { crimeSpc } from '../../crime/spc-report.js';
import { monthLabel } from '../../formats/dates.js';
import { BadRequest, Conflict } from '../../errors.js';
import type { Store } from '../../store/open.js';
import { pct } from '../committee-report-svg.js';
import { perceptionReport, type PerceptionReport } from '../perception.js';
import type { Estimate } from '../../../analysis/report/types.js';
import type { WaveData } from '../wave-data.js';
import type { Block } from './model.js';
import { spcChartSvg } from './spc-svg.js';

/** SPC charts of this many of the most-worried-about crime types. */
const SPC_CHARTS = 3;
/** A rank correlation to 2 decimals; one that rounds to 0 is "0.00", never "-0.00". */
const rho2 = (rho: number) => (Math.abs(rho) < 0.005 ? 0 : rho).toFixed(2);

const refusal = (e: unknown) => {
  if (e instanceof Conflict || e instanceof BadRequest) return e.message;
  throw e;
};

export async function tryPerception(store: Store, opts: { slug: string; wave: string; compareWave?: string }): Promise<PerceptionReport | string> {
  try {
    return await perceptionReport(store, opts);
  } catch (e) {
    return refusal(e);
  }
}

/**
 * The perception findings in words: the perception report's own (wards that stand out, links with
 * crime, trends), else what the first item's rank correlation says.
 */
export function perceptionSummary(p: PerceptionReport | string): string[] {
  if (typeof p === 'string') return [];
  const own = p.keyFindings.filter((f) => f.kind.startsWith('perception-')).map((f) => f.text);
  if (own.length) return own;
  const first = p.items[0];
  if (!first || 'reason' in first.spearman) return [];
  const what = first.label.replace(/^Net:\s*/i, '').toLowerCase();
  if (first.spearman.pValue < 0.05)
    return [
      `Across ${first.spearman.wards} wards, wards with a higher recorded rate of ${first.crimeLabel} have clearly ${first.spearman.rho > 0 ? 'more' : 'fewer'} residents answering “${what}” (rank correlation ${rho2(first.spearman.rho)}).`,
    ];
  return [
    `Across ${first.spearman.wards} wards, the share of residents answering “${what}” (${pct(first.borough.worry, 0)} overall) does not clearly follow the recorded rate of ${first.crimeLabel}: wards with more recorded crime do not have clearly more, or fewer, residents answering so (rank correlation ${rho2(first.spearman.rho)}).`,
  ];
}

const svgOf = (html: string) => html.match(/<svg[\s\S]*?<\/svg>/)?.[0] ?? '';

export async function perceptionBlocks(store: Store, data: WaveData, perception: PerceptionReport | string, headline: Map<string, Estimate>): Promise<Block[]> {
  const blocks: Block[] = [];
  if (typeof perception === 'string') {
    blocks.push({ kind: 'paragraph', text: `Answers cannot be set beside recorded crime for this wave: ${perception}` });
  } else {
    const p = perception;
    blocks.push({
      kind: 'paragraph',
      text: `Police-recorded crime (police.uk) from ${monthLabel(p.periods.wave.from)} to ${monthLabel(p.periods.wave.to)} is set beside the answers, ward by ward, as a rate per 1,000 residents. ${p.crimeNotice}`,
    });
    blocks.push({ kind: 'list', items: perceptionSummary(p) });
    blocks.push({
      kind: 'table',
      caption: 'Each feeling or worry beside the matching recorded crime, for the whole area',
      head: ['Question: answer', 'Share', 'Recorded crime', 'Rate per 1,000', 'Do wards with more crime have more worry?'],
      rows: p.items.map((i) => [
        { text: `${data.questions.find((q) => q.name === i.question)?.title ?? i.question}: ${i.label.replace(/^Net:\s*/i, '')}`, header: true },
        { text: pct(i.borough.worry, 0) },
        { text: i.crimeLabel },
        { text: i.borough.crime ? i.borough.crime.rate.toFixed(1) : 'no figure' },
        {
          text:
            'reason' in i.spearman
              ? `Not tested: ${i.spearman.reason}`
              : `${i.spearman.pValue < 0.05 ? 'Yes, clearly' : 'No clear link'} (rank correlation ${rho2(i.spearman.rho)} over ${i.spearman.wards} wards)`,
        },
      ]),
    });
    const first = p.items[0];
    let map: Awaited<ReturnType<typeof wardMap>> | null = null;
    try {
      map = await wardMap(store);
    } catch (e) {
      blocks.push({ kind: 'paragraph', text: `The ward maps cannot be drawn: ${refusal(e)}` });
    }
    if (first && map) {
      const what = first.label.replace(/^Net:\s*/i, '').toLowerCase();
      const question = data.questions.find((q) => q.name === first.question)?.title ?? first.question;
      const worry = new Map(
        first.wards.map((w) => [
          w.wardCode,
          {
            value: w.worry.suppressed ? null : w.worry.estimate,
            text: w.worry.suppressed ? 'suppressed (too few replies)' : `${pct(w.worry.estimate, 0)} ${what}`,
          },
        ]),
      );
      const worryTitle = `${question}: share answering “${what}” in each ward`;
      const worrySummary = `Darker wards have a larger share answering “${what}”; grey wards have too few replies to show. Overall: ${pct(first.borough.worry, 0)}.`;
      const worryHtml = wardMapHtml(
        map,
        worry,
        quantileClasses(
          [...worry.values()].map((v) => v.value),
          (v) => pct(v, 0),
        ),
        {
          id: 'perception-worry-map',
          title: worryTitle,
          summary: worrySummary,
          attribution: map.attribution,
        },
      );
      blocks.push({
        kind: 'figure',
        svg: svgOf(worryHtml),
        alt: `${worryTitle}. ${worrySummary}`,
        caption: worryTitle,
        html: worryHtml,
        legend: legendOf(worryHtml),
      });
      const rate = new Map(
        first.wards.map((w) => [w.wardCode, { value: w.crime.rate, text: w.crime.rate === null ? 'no rate' : `${w.crime.rate.toFixed(1)} per 1,000` }]),
      );
      const rateTitle = `Recorded ${first.crimeLabel} per 1,000 residents in each ward`;
      const rateSummary = `Darker wards have more recorded crime for their population. Overall: ${first.borough.crime ? first.borough.crime.rate.toFixed(1) : 'no figure'} per 1,000.`;
      const rateHtml = wardMapHtml(
        map,
        rate,
        quantileClasses(
          [...rate.values()].map((v) => v.value),
          (v) => v.toFixed(1),
        ),
        {
          id: 'perception-crime-map',
          title: rateTitle,
          summary: rateSummary,
          attribution: map.attribution,
        },
      );
      blocks.push({
        kind: 'figure',
        svg: svgOf(rateHtml),
        alt: `${rateTitle}. ${rateSummary}`,
        caption: rateTitle,
        html: rateHtml,
        legend: legendOf(rateHtml),
      });
    }
  }
  blocks.push(...(await spcBlocks(store, data, headline)));
  return blocks;
}

/** The worry questions with police.uk crime types, most worried about first, and an SPC chart of each one's crime type. */
async function spcBlocks(store: Store, data: WaveData, headline: Map<string, Estimate>): Promise<Block[]> {
  const worries = (data.metadata?.questions ?? [])
    .filter((q) => q.construct.startsWith('worry.') && q.crimeTypes?.length)
    .map((q) => ({ q, e: headline.get(q.name) }))
    .filter((w): w is { q: (typeof w)['q']; e: Estimate } => !!w.e && w.e.estimate !== null && !w.e.suppressed)
    .sort((a, b) => b.e.estimate! - a.e.estimate!);
  const types = [...new Set(worries.flatMap((w) => w.q.crimeTypes!))].slice(0, SPC_CHARTS);
  if (!types.length) return [];
  const blocks: Block[] = [
    { kind: 'heading', text: 'Recorded crime month by month' },
    {
      kind: 'paragraph',
      text: `The crime types residents worry about most are ${types.join(', ')}. A control chart shows each month's count against the usual range: a month outside the limits, or a run of months on one side of the mean, is a signal worth looking into; the rest is ordinary month-to-month variation.`,
    },
  ];
  let n = 0;
  for (const type of types) {
    try {
      const s = await crimeSpc(store, { crimeType: type });
      const title = `${type}: recorded crimes each month, with the mean and process limits`;
      const { svg, desc } = spcChartSvg(`spc-${++n}`, title, s);
      blocks.push({ kind: 'figure', svg, alt: `${title}. ${desc}`, caption: title });
    } catch (e) {
      // The same reason holds for every type (too few months): said once.
      blocks.push({ kind: 'paragraph', text: `The control charts cannot be drawn yet. ${refusal(e)}` });
      break;
    }
  }
  return blocks;
}
