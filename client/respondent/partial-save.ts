/**
 * Page-by-page saving to the server: each time the respondent moves on to a later page, the answers
 * so far are stored as a partial return under the key the completed return will be sent with, so
 * the server keeps one return per attempt and officers can see where people stop. Best effort: a
 * save that fails (offline, link full) changes nothing for the respondent, whose progress is also
 * kept in the browser and who submits as usual at the end.
 */
import type { SurveyModel } from 'survey-core';
import { savePartial } from './api';
import type { Target } from './where';

/**
 * Saves on every move to a later page. Saves are sent one at a time, in order, so an earlier page's
 * answers can never arrive after (and overwrite) a later page's.
 */
export function saveEachPage(model: SurveyModel, target: Target, idempotencyKey: () => string, locale: () => string = () => 'en'): void {
  let queue: Promise<unknown> = Promise.resolve();
  model.onCurrentPageChanged.add((sender, options) => {
    if (!options.isNextPage) return;
    // The page reached among all of the questionnaire's pages (hidden ones too), as the server numbers them.
    const page = sender.pages.indexOf(sender.currentPage) + 1;
    if (page < 1) return;
    const answers = sender.data as Record<string, unknown>;
    const key = idempotencyKey();
    const lang = locale();
    queue = queue.then(() => savePartial(target, answers, key, page, lang)).catch(() => undefined);
  });
}
