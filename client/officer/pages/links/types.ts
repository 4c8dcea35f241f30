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

type BulkEndpoint = WaveLinksEndpoint['bulk'];
/** What POST …/links/bulk answers: the links created. */
export type BulkResult = OkOf<BulkEndpoint['$post']>;
/** A row the server refused. */
export type BulkProblem = { row: number; label: string; field: string | null; error: string };

export interface BulkForm {
  /** The pasted list or the file's text. */
  csv: string;
  expires: string;
  max: string;
}
