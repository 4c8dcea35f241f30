/**
 * The paper page's types, from the server's routes through `hc` (success bodies) and the
 * refusal schemas (422 bodies), in their own module so the views need not import the page.
 */
import type { ImportRefusal, PaperRefusal } from '../../../../server/responses/schemas';
import { client, type OkOf } from '../../api';

export const paperEndpoint = () => client.api.officer.surveys[':slug'].waves[':wave'].paper;
export const importsEndpoint = () => client.api.officer.surveys[':slug'].waves[':wave'].imports;

export type PaperForm = OkOf<ReturnType<typeof paperEndpoint>['$get']>;
export type KeyedIn = OkOf<ReturnType<typeof paperEndpoint>['$post']>;
export type ImportStored = OkOf<ReturnType<typeof importsEndpoint>['$post']>;
export type { ImportRefusal, PaperRefusal };

/** One form keyed in this session, newest first in the list. */
export interface SessionEntry {
  at: Date;
  reference: string | null;
  id: number;
  outcome: 'saved' | 'already keyed in';
}

export type ImportOutcome = { kind: 'stored'; fileName: string; report: ImportStored } | { kind: 'refused'; fileName: string; refusal: ImportRefusal };

export type Mode = 'key-in' | 'import';

/** The CSV columns declaring a complex sample (stratum, PSU, fpc); empty when not declared. */
export interface DesignColumns {
  stratum: string;
  psu: string;
  fpc: string;
}
