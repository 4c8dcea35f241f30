/**
 * Answers whatever questionnaire is on screen, as a person would: for each visible question on
 * the current page, choose its first option (the first column in each matrix row), with real
 * clicks and key presses. Questions revealed by an answer are answered too. Knows SurveyJS
 * markup, not question names, so it keeps working when the questionnaires change.
 */
import type { Locator, Page } from 'playwright-core';

const QUESTION = '.sd-body__page .sd-question[data-name]';
/** The focusable part of a SurveyJS dropdown (it names the list it opens). */
const DROPDOWN = '.sd-dropdown[aria-controls], .sd-dropdown [aria-controls]';

export async function visibleQuestionNames(page: Page): Promise<string[]> {
  return page.locator(QUESTION).evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getAttribute('data-name')!));
}

async function fillEmptyTextBoxes(q: Locator, onlyRequired: boolean) {
  const empty = await q.evaluate(
    (el, onlyReq) =>
      [...el.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input.sd-input, textarea')]
        .map((b, i) => ({ i, b }))
        .filter(({ b }) => b.offsetParent !== null && b.value === '' && (!onlyReq || b.getAttribute('aria-required') === 'true'))
        .map(({ i, b }) => ({ i, number: b.getAttribute('type') === 'number' })),
    onlyRequired,
  );
  for (const { i, number } of empty) {
    await q
      .locator('input.sd-input, textarea')
      .nth(i)
      .fill(number ? '1' : 'Test');
  }
}

/**
 * Picks the first item of a SurveyJS dropdown with the keyboard: focus, ArrowDown (opens the
 * list on its first item), Enter. Clicking is flaky here: the list closes when the page scrolls.
 */
async function chooseFirstInDropdown(page: Page, q: Locator) {
  const box = q.locator(DROPDOWN).first();
  // Scrolling closes an open list, so bring the control into view first and let it settle.
  await box.scrollIntoViewIfNeeded();
  await box.focus();
  const handle = await box.elementHandle();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('ArrowDown');
    // The list opens a moment later; Enter before an item is highlighted selects nothing.
    const opened = await page
      .waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true' && !!el.getAttribute('aria-activedescendant'), handle, { timeout: 1500 })
      .then(
        () => true,
        () => false,
      );
    if (opened) break;
    if (attempt === 3) throw new Error(`The dropdown '${await q.getAttribute('data-name')}' did not open with the keyboard.`);
  }
  await page.keyboard.press('Enter');
  await q.locator('.sd-dropdown:not(.sd-dropdown--empty)').waitFor({ timeout: 5000 });
}

type Kind = 'answered' | 'boolean' | 'matrix' | 'dropdown' | 'rating' | 'radio' | 'checkbox' | 'text' | 'other';

/** What kind of control a question shows, or 'answered' if it already has an answer (one round trip). */
function kindOf(q: Locator): Promise<Kind> {
  return q.evaluate((el): Kind => {
    const has = (sel: string) => !!el.querySelector(sel);
    if (has('.sd-boolean')) return has('.sd-boolean--indeterminate') ? 'boolean' : 'answered';
    if (has('.sd-dropdown')) return has('.sd-dropdown--empty') ? 'dropdown' : 'answered';
    const rows = [...el.querySelectorAll('tr.sd-table__row')];
    if (rows.length && has('label.sd-matrix__label')) return rows.every((r) => r.querySelector('input:checked')) ? 'answered' : 'matrix';
    if (has('input[type=radio], input[type=checkbox]')) {
      if (has('input:checked')) return 'answered';
      return has('.sd-rating label') ? 'rating' : has('input[type=radio]') ? 'radio' : 'checkbox';
    }
    const boxes = [...el.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input.sd-input, textarea')];
    if (boxes.length) return boxes.some((b) => b.value !== '') ? 'answered' : 'text';
    return 'other';
  });
}

async function answerQuestion(page: Page, q: Locator, useKeyboard: boolean) {
  const kind = await kindOf(q);
  switch (kind) {
    case 'answered':
    case 'other':
      return;
    case 'boolean':
      await q.locator('.sd-boolean__label').first().click();
      return;
    case 'matrix':
      for (const row of await q.locator('tr.sd-table__row').all()) {
        await row.locator('label.sd-matrix__label').first().click();
      }
      return;
    case 'dropdown':
      await chooseFirstInDropdown(page, q);
      break;
    case 'rating':
      await q.locator('.sd-rating label').first().click();
      return;
    case 'radio':
      if (useKeyboard) {
        // Focus the first option and select it with the space bar, as a keyboard user would.
        await q.locator('input[type=radio]').first().focus();
        await page.keyboard.press('Space');
      } else {
        await q.locator('.sd-selectbase__label').first().click();
      }
      break;
    case 'checkbox':
      await q.locator('.sd-selectbase__label').first().click();
      break;
    case 'text':
      // Free text is filled only where required.
      await fillEmptyTextBoxes(q, true);
      return;
  }
  // A first choice of "Other" opens a box to describe it.
  await fillEmptyTextBoxes(q, false);
}

/** Answers every visible question on the current page once; returns their names. */
export async function answerCurrentPage(page: Page, { useKeyboard = false } = {}): Promise<string[]> {
  const done: string[] = [];
  for (let pass = 0; pass < 10; pass++) {
    const todo = (await visibleQuestionNames(page)).filter((n) => !done.includes(n));
    if (!todo.length) return done;
    for (const name of todo) {
      const q = page.locator(`${QUESTION}[data-name="${name}"]`);
      if (!(await q.isVisible())) continue;
      await answerQuestion(page, q, useKeyboard);
      done.push(name);
    }
  }
  return done;
}

export function nextButton(page: Page) {
  return page.locator('input.sd-navigation__next-btn:visible');
}

export function completeButton(page: Page) {
  return page.locator('input.sd-navigation__complete-btn:visible');
}

/** Goes to the next page; waits until the questions on screen have changed. */
export async function goNext(page: Page): Promise<void> {
  const before = (await visibleQuestionNames(page)).join(',');
  await nextButton(page).click();
  await page.waitForFunction(
    ([sel, prev]) =>
      [...document.querySelectorAll(sel)]
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => e.getAttribute('data-name'))
        .join(',') !== prev,
    [QUESTION, before] as const,
    { timeout: 10_000 },
  );
}

/** Answers pages until the Complete button is on screen (answering that last page too). */
export async function answerToTheEnd(page: Page, { useKeyboard = false } = {}): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await answerCurrentPage(page, { useKeyboard });
    if (await completeButton(page).isVisible()) return;
    await goNext(page);
  }
  throw new Error('The questionnaire did not reach a Complete button within 50 pages.');
}

/** Opens a questionnaire at `url` with nothing saved on the device from an earlier test. */
export async function openFresh(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.locator('.sd-body__page .sd-question').first().waitFor({ timeout: 15_000 });
}
