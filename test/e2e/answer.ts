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
  return page.locator(QUESTION).evaluateAll((els) =>
    els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getAttribute('data-name')!),
  );
}

async function fillEmptyTextBoxes(q: Locator, onlyRequired: boolean) {
  const boxes = q.locator('input.sd-input:visible, textarea:visible');
  for (const box of await boxes.all()) {
    if ((await box.inputValue()) !== '') continue;
    if (onlyRequired && (await box.getAttribute('aria-required')) !== 'true') continue;
    const type = await box.getAttribute('type');
    await box.fill(type === 'number' ? '1' : 'Test');
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
      .then(() => true, () => false);
    if (opened) break;
    if (attempt === 3) throw new Error(`The dropdown '${await q.getAttribute('data-name')}' did not open with the keyboard.`);
  }
  await page.keyboard.press('Enter');
  await q.locator('.sd-dropdown:not(.sd-dropdown--empty)').waitFor({ timeout: 5000 });
}

/** Whether the question on screen already has an answer (e.g. put back after a reload). */
function isAnswered(q: Locator): Promise<boolean> {
  return q.evaluate((el) => {
    if (el.querySelector('.sd-boolean')) return !el.querySelector('.sd-boolean--indeterminate');
    if (el.querySelector('.sd-dropdown')) return !el.querySelector('.sd-dropdown--empty');
    const rows = [...el.querySelectorAll('tr.sd-table__row')];
    if (rows.length && el.querySelector('label.sd-matrix__label')) return rows.every((r) => r.querySelector('input:checked'));
    if (el.querySelector('input[type=radio], input[type=checkbox]')) return !!el.querySelector('input:checked');
    const boxes = [...el.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input.sd-input, textarea')];
    return boxes.some((b) => b.value !== '');
  });
}

async function answerQuestion(page: Page, q: Locator, useKeyboard: boolean) {
  if (await isAnswered(q)) return;
  const cls = (await q.getAttribute('class')) ?? '';
  if (cls.includes('sd-question--boolean')) {
    await q.locator('.sd-boolean__label').first().click();
  } else if ((await q.locator('tr.sd-table__row label.sd-matrix__label').count()) > 0) {
    for (const row of await q.locator('tr.sd-table__row').all()) {
      await row.locator('label.sd-matrix__label').first().click();
    }
  } else if ((await q.locator(DROPDOWN).count()) > 0) {
    await chooseFirstInDropdown(page, q);
  } else if ((await q.locator('.sd-rating label').count()) > 0) {
    await q.locator('.sd-rating label').first().click();
  } else if ((await q.locator('input[type=radio]').count()) > 0) {
    if (useKeyboard) {
      // Focus the first option and select it with the space bar, as a keyboard user would.
      await q.locator('input[type=radio]').first().focus();
      await page.keyboard.press('Space');
    } else {
      await q.locator('.sd-selectbase__label').first().click();
    }
  } else if ((await q.locator('input[type=checkbox]').count()) > 0) {
    await q.locator('.sd-selectbase__label').first().click();
  }
  // Free text is filled only where required (and for "Other, please say" boxes opened above).
  await fillEmptyTextBoxes(q, !/sd-selectbase|sd-radio|sd-checkbox/.test(await q.innerHTML()));
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
