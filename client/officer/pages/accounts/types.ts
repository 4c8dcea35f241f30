/** The accounts page's data, as the server answers it (typed from hc). */
import type { client, OkOf } from '../../api';

export type OfficerList = OkOf<typeof client.api.officer.officers.$get>;
export type OfficerAccount = OfficerList['officers'][number];
export type AuditList = OkOf<typeof client.api.officer.audit.$get>;
export type AuditEntry = AuditList['entries'][number];

/** What an admin does to one account from its row. */
export type AccountAction =
  | { kind: 'role'; role: OfficerAccount['role'] }
  | { kind: 'disable'; disabled: boolean }
  | { kind: 'sign-out' }
  | { kind: 'reset' }
  | { kind: 'remove-two-factor' };

/** The result of the latest action, announced; a reset carries the code and link to pass on. */
export interface AccountOutcome {
  ok: boolean;
  message: string;
  reset?: { code: string; link: string; expiresAt: string };
}

/** The council's details (GET /settings). */
export type CouncilDetails = OkOf<typeof client.api.officer.settings.$get>;
/** The form's text fields, as typed. */
export interface CouncilForm {
  councilName: string;
  contactEmail: string;
  contactPhone: string;
  postalAddress: string;
  dpoContact: string;
}
