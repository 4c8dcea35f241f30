/** The recorded crime page as a pure view: rates by ward, then the SPC chart; or what to load first. */
import { Show } from 'solid-js';
import { PageHeading } from '../../components/feedback';
import { FocusedError, type PageError } from '../perception/FocusedError';
import { monthName, type CrimeAvailable } from './format';
import { RatesView, type RatesViewProps } from './RatesView';
import { SpcView, type SpcViewProps } from './SpcView';
import './crime.css';

export interface CrimeViewProps {
  available: CrimeAvailable | null;
  /** Loading what is stored failed. */
  error: PageError | null;
  canImport: boolean;
  rates: Omit<RatesViewProps, 'available' | 'canImport'>;
  spc: Omit<SpcViewProps, 'available' | 'canImport'>;
}

const NOTHING_STORED: PageError = {
  message: 'No recorded crime has been imported yet, so there are no rates or charts to show.',
  needsData: true,
};

export function CrimeView(props: CrimeViewProps) {
  return (
    <>
      <PageHeading intro="Crime recorded by the police (police.uk street-level data) by ward: rates per 1,000 residents with exact confidence intervals, and month-by-month control charts that tell a real change from the usual ups and downs.">
        Recorded crime
      </PageHeading>
      <FocusedError error={props.error} canImport={props.canImport} />
      <Show when={props.available && !props.available.months.length}>
        <FocusedError error={NOTHING_STORED} canImport={props.canImport} />
      </Show>
      <Show when={props.available?.months.at(-1)}>{(m) => <p class="latest-month">Latest month of recorded crime held: {monthName(m())}.</p>}</Show>
      <Show when={props.available?.months.length}>
        <RatesView {...props.rates} available={props.available} canImport={props.canImport} />
        <SpcView {...props.spc} available={props.available} canImport={props.canImport} />
      </Show>
    </>
  );
}
