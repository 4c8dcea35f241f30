/**
 * "How the survey was done": fieldwork dates, how people were reached (returns by channel, school
 * links) and, when anyone could answer through an open link, that the replies are a self-selected
 * sample. Counts are of the complete returns the report uses.
 */
import type { Store } from '../../store/open.js';
import { completeReturnsByChannel, linkKindCounts } from '../queries.js';
import type { ReturnsSummary } from '../returns.js';
import type { WaveData } from '../wave-data.js';
import type { Block } from './model.js';

/** "2 December 2026". */
export const ukDate = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const int = (n: number) => n.toLocaleString('en-GB');

const CHANNEL: Record<string, string> = {
  school: 'through a link given to a school',
  channel: 'through a link for one channel (such as a newsletter or social media post)',
  single: 'through a single-use invitation link',
  open: 'through the survey’s open web link',
  paper: 'on paper (entered by officers)',
  import: 'imported from another system',
  demo: 'made-up demo returns (no real person)',
};

export const SELF_SELECTED =
  'Anyone who had the link could reply, so the people who replied chose themselves: this is a self-selected sample, not a random one. Weighting makes the replies match the population by the weighting variables, but those who chose to reply may still differ from those who did not in ways weighting cannot correct.';

export async function howReachedBlocks(store: Store, data: WaveData, returns: ReturnsSummary, used: number): Promise<Block[]> {
  const { wave } = data;
  const days = returns.byDay.filter((d) => d.complete > 0).map((d) => d.date);
  const dates: string[] = [];
  if (wave.opensAt && wave.closesAt) dates.push(`The survey was open from ${ukDate(wave.opensAt)} to ${ukDate(wave.closesAt)}.`);
  else if (wave.opensAt) dates.push(`The survey opened on ${ukDate(wave.opensAt)}.`);
  if (days.length)
    dates.push(
      ukDate(days[0]) === ukDate(days.at(-1)!)
        ? `Complete replies arrived on ${ukDate(days[0])}.`
        : `Complete replies arrived between ${ukDate(days[0])} and ${ukDate(days.at(-1)!)}.`,
    );
  if (!dates.length) dates.push('No fieldwork dates are recorded for this wave.');

  const byChannel = new Map<string, number>();
  for (const r of await completeReturnsByChannel(store, wave.id)) {
    const key = r.source === 'web' ? (r.linkKind ?? 'open') : r.source;
    byChannel.set(key, (byChannel.get(key) ?? 0) + r.n);
  }
  const complete = [...byChannel.values()].reduce((a, b) => a + b, 0);
  const links = new Map((await linkKindCounts(store, wave.id)).map((l) => [l.kind, l.n]));
  const schools = links.get('school') ?? 0;
  const blocks: Block[] = [
    { kind: 'paragraph', text: dates.join(' ') },
    {
      kind: 'paragraph',
      text: `${int(complete)} complete ${complete === 1 ? 'reply was' : 'replies were'} received; ${int(used)} ${used === 1 ? 'is' : 'are'} used in this report (those the weighting could use).${
        returns.partial ? ` A further ${int(returns.partial)} unfinished ${returns.partial === 1 ? 'reply is' : 'replies are'} left out.` : ''
      }`,
    },
  ];
  if (byChannel.size)
    blocks.push({
      kind: 'table',
      caption: 'How the complete replies arrived',
      head: ['How people replied', 'Replies', 'Share'],
      rows: [...byChannel.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => [{ text: CHANNEL[k] ?? k, header: true }, { text: int(n) }, { text: `${((n / complete) * 100).toFixed(1)}%` }]),
    });
  blocks.push({
    kind: 'paragraph',
    text: schools
      ? `${int(schools)} school ${schools === 1 ? 'link was' : 'links were'} given out for this wave.`
      : 'No school links were given out for this wave.',
  });
  const selfSelected = (byChannel.get('open') ?? 0) + (byChannel.get('channel') ?? 0) + (byChannel.get('school') ?? 0) > 0 || (byChannel.get('demo') ?? 0) > 0;
  if (selfSelected) blocks.push({ kind: 'paragraph', text: SELF_SELECTED });
  return blocks;
}
