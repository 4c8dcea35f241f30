/**
 * The priorities page's types, from the server's own routes through hc, in a module of their own
 * so the view and the page both import them (and the view never imports the page).
 */
import type { InferRequestType } from 'hono/client';
import type { client, OkOf } from '../../api';

type YearEndpoint = (typeof client)['api']['officer']['priorities'][':year'];

/** GET /priorities/{year}: criteria with weights and guidance, the themes in rank order. */
export type Matrix = OkOf<YearEndpoint['$get']>;
export type MatrixRow = Matrix['rows'][number];
export type MatrixCriterion = Matrix['criteria'][number];
/** What PUT …/scores takes. */
export type ScoresChange = InferRequestType<YearEndpoint['scores']['$put']>['json'];
/** What PUT …/weights takes. */
export type WeightsChange = InferRequestType<YearEndpoint['weights']['$put']>['json'];

/** An error of one form: the weights, or a theme's scores. */
export interface FormError {
  /** 'weights' or the theme's key. */
  form: string;
  message: string;
}
