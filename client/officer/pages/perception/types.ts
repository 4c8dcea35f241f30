/** The perception page's types: the report as the API gives it (through hc), and the page's error. */
import type { client, OkOf } from '../../api';

type PerceptionGet = (typeof client)['api']['officer']['surveys'][':slug']['waves'][':wave']['perception']['$get'];
export type Perception = OkOf<PerceptionGet>;
export type PerceptionItem = Perception['items'][number];
export type WardRow = PerceptionItem['wards'][number];
export type CrimePeriod = Perception['periods']['wave'];

/** A page error announced at once, with a pointer to the Data page when data is missing. */
export interface PageError {
  message: string;
  /** 409: no crime or population loaded yet (the Data page loads them). */
  needsData: boolean;
  /** Move focus to the message (after a button press; not on arrival, when the heading has it). */
  focus?: boolean;
}
