/**
 * Checks the browser tests make on any page: nothing wider than the window, a chart actually
 * drawn, and what a printed PDF holds. Shared so every page is held to the same standard.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/**
 * The page itself never scrolls sideways at this width (tables may scroll inside their own box).
 * Polled: after the window is resized, Chart.js resizes its canvases on the next frames, not at once.
 */
export async function noSidewaysScroll(page: Page, width: number, what = ''): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: what || undefined, timeout: 15_000 })
    .toBeLessThanOrEqual(width);
}

/** How many pixels of a chart's canvas are painted (0 for a chart that drew nothing), and the canvas width. */
export function inkedPixels(canvas: Locator): Promise<{ n: number; width: number }> {
  return canvas.first().evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return { n, width: c.width };
  });
}

/** The A4-or-not page boxes of a PDF Chromium printed ([width, height] in points, one per page). */
export function pdfPageBoxes(pdf: Buffer): [number, number][] {
  const text = pdf.toString('latin1');
  expect(text.slice(0, 5)).toBe('%PDF-');
  return [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
}

/** A4 in PDF points. */
export const A4: [number, number] = [595, 842];
