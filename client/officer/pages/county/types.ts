/**
 * The county page's types: GET /county's answer through the typed client (`OkOf`, so it follows
 * the server's schema), and the page state the view is given. Here, not in the Page, so the View
 * never imports its Page.
 */
import type { client, OkOf } from '../../api';

export type CountyOverview = OkOf<typeof client.api.officer.county.$get>;
export type CountyPartnership = CountyOverview['partnerships'][number];
export type CountySurvey = CountyPartnership['surveys'][number];
export type CountyWave = CountySurvey['waves'][number];
