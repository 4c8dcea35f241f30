/** The returns page's types, typed from the server's route through hc (shared by Page and View). */
import type { client, OkOf } from '../../api';

export type Returns = OkOf<(typeof client.api.officer.surveys)[':slug']['waves'][':wave']['returns']['$get']>;
