/**
 * axe-core in the real browser, held to WCAG 2.2 AA: every rule tagged A or AA in WCAG 2.0, 2.1
 * and 2.2. On failure the message lists each violation's rule, what it asks for and the elements
 * at fault, so the fix can start from the test output.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The violations on the page as it is now, one line per element at fault. */
export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`),
  );
}

/** Fails with every violation listed when axe finds any on the page. `context` names the page. */
export async function expectNoAxeViolations(page: Page, context: string): Promise<void> {
  expect(await axeViolations(page), `axe-core violations on ${context}`).toEqual([]);
}
