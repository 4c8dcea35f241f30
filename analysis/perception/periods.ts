/**
 * Which months of recorded crime stand beside a survey wave.
 *
 * Default: the 12 months up to and including the month of the wave's last response (a resident
 * answering "in the last year" looks back over about that period). When the crime table holds no
 * month of that window, the latest 12 months it does hold are used instead, and `note` says so —
 * the numbers are then not from the same time as the survey, which the report must show.
 * A period given by the caller is used as it is. A month the store does not hold is unknown, not
 * zero: the counts are over the months held, and the note says a period with months missing draws
 * no ward or trend finding (the server's `coverage` lists the months).
 * `opts.label` writes a period for the notes (the server passes its UK month-range formatter,
 * server/formats/dates.ts monthRange: 'February 2018 to January 2019'); default 'from to to'.
 *
 * @example
 * crimePeriod('2026-10', ['2019-01'])
 * // { from: '2018-02', to: '2019-01', months: 12, monthsWithData: 1, matchesWave: false, note: '…' }
 */
export const DEFAULT_PERIOD_MONTHS = 12;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface CrimePeriod {
  from: string;
  to: string;
  /** Calendar months in the period (the exposure of a rate comparison between periods). */
  months: number;
  /** Months of the period with any recorded crime in the store. */
  monthsWithData: number;
  /** False when the default window had no crime data and the latest months were used instead. */
  matchesWave: boolean;
  note?: string;
}

export function addMonths(month: string, k: number): string {
  checkMonth(month);
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + k;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function monthsBetween(from: string, to: string): number {
  checkMonth(from);
  checkMonth(to);
  const [y1, m1] = from.split('-').map(Number);
  const [y2, m2] = to.split('-').map(Number);
  return y2 * 12 + m2 - (y1 * 12 + m1) + 1;
}

export function checkMonth(month: string, what = 'month') {
  if (!MONTH.test(month)) throw new RangeError(`The ${what} must be written YYYY-MM, not '${month}'.`);
}

/**
 * @param lastResponseMonth YYYY-MM of the wave's last response
 * @param available months (YYYY-MM) that have any crime in the store
 * @param given the caller's period, if any
 */
export function crimePeriod(
  lastResponseMonth: string,
  available: readonly string[],
  given?: { from?: string; to?: string },
  opts: { label?: (from: string, to: string) => string } = {},
): CrimePeriod {
  const label = opts.label ?? ((from: string, to: string) => `${from} to ${to}`);
  const have = new Set(available);
  const count = (from: string, to: string) => [...have].filter((m) => m >= from && m <= to).length;
  if (given?.from || given?.to) {
    if (!given.from || !given.to) throw new RangeError('Give both ends of the crime period (from and to), or neither.');
    checkMonth(given.from, 'start of the crime period');
    checkMonth(given.to, 'end of the crime period');
    if (given.from > given.to) throw new RangeError(`The crime period is empty: ${given.from} is after ${given.to}.`);
    const months = monthsBetween(given.from, given.to);
    const withData = count(given.from, given.to);
    return {
      from: given.from,
      to: given.to,
      months,
      monthsWithData: withData,
      matchesWave: true,
      note: withData < months ? partial(withData, months) : undefined,
    };
  }
  const to = lastResponseMonth;
  const from = addMonths(to, -(DEFAULT_PERIOD_MONTHS - 1));
  const withData = count(from, to);
  if (withData > 0) {
    return {
      from,
      to,
      months: DEFAULT_PERIOD_MONTHS,
      monthsWithData: withData,
      matchesWave: true,
      note: withData < DEFAULT_PERIOD_MONTHS ? partial(withData, DEFAULT_PERIOD_MONTHS) : undefined,
    };
  }
  if (!have.size) throw new RangeError('No recorded crime has been imported.');
  const latest = [...have].sort().at(-1)!;
  const latestFrom = addMonths(latest, -(DEFAULT_PERIOD_MONTHS - 1));
  const latestWithData = count(latestFrom, latest);
  return {
    from: latestFrom,
    to: latest,
    months: DEFAULT_PERIOD_MONTHS,
    monthsWithData: latestWithData,
    matchesWave: false,
    note:
      `No recorded crime is imported for the 12 months of the wave (${label(from, to)}); ` +
      `the latest 12 months imported (${label(latestFrom, latest)}) are used instead, so crime and survey figures are not from the same time.` +
      (latestWithData < DEFAULT_PERIOD_MONTHS ? ` ${partial(latestWithData, DEFAULT_PERIOD_MONTHS)}` : ''),
  };
}

function partial(withData: number, months: number) {
  return (
    `Only ${withData} of the ${months} months have recorded crime in the store; the missing months are unknown (not counted as zero), ` +
    'so the crime figures cover only the months held and no ward or trend finding is drawn from this period.'
  );
}
