/**
 * The links page's types, from the server's own routes through hc, in a module of their own so
 * the view and the page both import them (and the view never imports the page).
 */
import type { InferRequestType } from 'hono/client';
import type { client, OkOf } from '../../api';

type WaveLinksEndpoint = (typeof client)['api']['officer']['surveys'][':slug']['waves'][':wave']['links'];
type LinkEndpoint = (typeof client)['api']['officer']['links'][':token'];

export type WaveLinks = OkOf<WaveLinksEndpoint['$get']>;
export type OfficerLink = WaveLinks['links'][number];
export type LinkKind = OfficerLink['kind'];
/** What POST …/links takes. */
export type NewLink = InferRequestType<WaveLinksEndpoint['$post']>['json'];
/** What PATCH /links/:token takes. */
export type LinkChange = InferRequestType<LinkEndpoint['$patch']>['json'];

export interface CreateForm {
  label: string;
  kind: LinkKind;
  /** YYYY-MM-DD or ''. */
  expires: string;
  /** As typed; '' for no cap. */
  max: string;
}

export interface EditForm {
  expires: string;
  max: string;
}

export interface FormError {
  message: string;
  /** The field the server named (label, kind, expires, max). */
  field?: string;
}
