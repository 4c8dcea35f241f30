/** The results page's types, all the API's own (through hc): the report and its rows. */
import type { client, OkOf } from '../../api';

type ReportGet = (typeof client)['api']['officer']['surveys'][':slug']['waves'][':wave']['report']['$get'];
/** The report in full (`detail=full`), as the page asks for it: every row an object. */
export type SurveyReport = Extract<OkOf<ReportGet>, { detail: 'full' }>;
export type Estimate = SurveyReport['estimates'][number];
export type Comparison = SurveyReport['comparisons'][number];
export type Association = SurveyReport['associations'][number];
export type Change = NonNullable<SurveyReport['changes']>[number];
export type CiMethod = SurveyReport['ciMethod'];
type ContentsGet = (typeof client)['api']['officer']['surveys'][':slug']['waves'][':wave']['report']['contents']['$get'];
/** What a wave's report holds (questions with stems, breakdowns, filters), fetched before any result. */
export type ReportContents = OkOf<ContentsGet>;
export type ReportFilter = SurveyReport['filters'][number];
