/**
 * After Next or Previous, focus moves to the new page's heading and a polite live region says
 * where the person is ("Page 2 of 4: Worries about crime"), so keyboard and screen-reader users
 * start at the top of the new page and hear that it changed (WCAG 2.4.3, 4.1.3); the thank-you
 * text takes focus the same way. The first page is left alone: focus there starts at the top of
 * the document as usual.
 */
import type { SurveyModel } from 'survey-core';

/** What the live region says on arriving at a page (1-based number). */
export function pageAnnouncement(number: number, count: number, title: string): string {
  return title ? `Page ${number} of ${count}: ${title}` : `Page ${number} of ${count}`;
}

/** Wires `model` (rendered into `container`) to move focus and to announce into `live`. */
export function focusEachNewPage(model: SurveyModel, container: HTMLElement, live: HTMLElement): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onChanged = () => {
    const page = model.currentPage;
    if (!page) return;
    const title = page.processedTitle || '';
    const text = pageAnnouncement(model.visiblePages.indexOf(page) + 1, model.visiblePageCount, title);
    // SurveyJS renders the new page a moment later: wait until its heading is the new one.
    let tries = 0;
    clearTimeout(timer);
    const attempt = () => {
      const heading = container.querySelector<HTMLElement>('.sd-body__page .sd-page__title');
      const target = heading && heading.textContent?.trim() === title.trim() ? heading : null;
      if (!target && tries++ < 40) {
        timer = setTimeout(attempt, 25);
        return;
      }
      const focusable = target ?? container.querySelector<HTMLElement>('.sd-body__page');
      if (focusable) {
        focusable.setAttribute('tabindex', '-1');
        focusable.focus({ preventScroll: true });
      }
      // A change of text is what screen readers announce: clear it first so a repeat is read too.
      live.textContent = '';
      timer = setTimeout(() => {
        live.textContent = text;
      }, 50);
    };
    attempt();
  };
  // Once the answers are stored, the thank-you text takes focus so it is read out at once.
  const onComplete = () => {
    let tries = 0;
    clearTimeout(timer);
    const attempt = () => {
      const done = container.querySelector<HTMLElement>('.sd-completedpage');
      if (!done && tries++ < 40) {
        timer = setTimeout(attempt, 25);
        return;
      }
      const target = done?.querySelector<HTMLElement>('h1, h2, h3, h4, h5, h6') ?? done;
      if (target) {
        target.setAttribute('tabindex', '-1');
        target.focus({ preventScroll: true });
      }
    };
    attempt();
  };
  model.onCurrentPageChanged.add(onChanged);
  model.onComplete.add(onComplete);
  return () => {
    clearTimeout(timer);
    model.onCurrentPageChanged.remove(onChanged);
    model.onComplete.remove(onComplete);
  };
}
