/** The ward map as the server projects it (GET /api/officer/areas/map), typed through hc. */
import type { client, OkOf } from '../api';

export type WardMapData = OkOf<typeof client.api.officer.areas.map.$get>;

export type { MapClass } from '../../../server/areas/map-classes';

/** What a ward shows: its value (null: no figure, drawn as "no data") and the words of its tooltip. */
export interface WardValue {
  value: number | null;
  text: string;
  /** Hatched whatever its class, e.g. an estimate from a small base (the map's `flagLabel` says what). */
  flagged?: boolean;
}
