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

type WardEstimatesGet = (typeof client)['api']['officer']['surveys'][':slug']['waves'][':wave']['ward-estimates']['$get'];
/** Model-based (Fay–Herriot) ward estimates of one item, as the API gives them. */
export type WardEstimates = OkOf<WardEstimatesGet>;

/** Which ward estimate the table and map show: the survey's own (direct) or the model-based one. */
export type EstimateKind = 'direct' | 'model';

/** One item's model-based estimates: fetching, fetched, or refused (the API's message). */
/** `withoutCrime`: recorded crime did not cover the period, so the model was fitted with no covariate; the server's reason. */
export type ModelEstimates = { state: 'loading' } | { state: 'ok'; value: WardEstimates; withoutCrime?: string } | { state: 'failed'; message: string };
