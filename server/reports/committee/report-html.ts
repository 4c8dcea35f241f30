import type { Store } from '../../store/open.js';
import type { CommitteeReportOptions } from '../committee-report.js';
import { committeeReportModel } from './build-model.js';
import { committeeReportPage } from './render-html.js';

/** The print copy: the document model as one self-contained HTML page. */
export async function committeeReportHtml(store: Store, opts: CommitteeReportOptions): Promise<string> {
  return committeeReportPage(await committeeReportModel(store, opts));
}
