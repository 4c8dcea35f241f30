/** The partnerships the signed-in officer may work in (GET /partnerships), typed through hc. */
import type { client, OkOf } from '../api';

export type OfficerPartnerships = OkOf<typeof client.api.officer.partnerships.$get>;
export type OfficerPartnership = OfficerPartnerships['partnerships'][number];
