/**
 * Non-text contrast (WCAG 1.4.11) measured in the browser: each control's computed border colour
 * against the colour behind it (the nearest ancestor with an opaque background), by the WCAG
 * definition of contrast ratio, (L1 + 0.05) / (L2 + 0.05) with L the relative luminance.
 */
import type { Page } from 'playwright-core';

export interface Edge {
  /** The control, as tag.class (and its name or id where it has one). */
  what: string;
  border: string;
  borderWidth: string;
  background: string;
  ratio: number;
}

/** The edge of every visible element matching `selector`. */
export function controlEdges(page: Page, selector: string): Promise<Edge[]> {
  return page.evaluate((sel) => {
    const rgb = (c: string) => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
      return m ? { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] } : null;
    };
    const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
    };
    const behind = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const c = rgb(getComputedStyle(p).backgroundColor);
        if (c && c.a === 1) return c;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    return [...document.querySelectorAll<HTMLElement>(sel)]
      .filter((el) => el.offsetParent !== null)
      .map((el) => {
        const style = getComputedStyle(el);
        const border = rgb(style.borderTopColor)!;
        const bg = behind(el);
        const [hi, lo] = [lum(border), lum(bg)].sort((a, b) => b - a);
        const name = el.closest('[data-name]')?.getAttribute('data-name') || el.getAttribute('name') || el.id || '';
        return {
          what: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}${name ? ` (${name})` : ''}`,
          border: style.borderTopColor,
          borderWidth: style.borderTopWidth,
          background: `rgb(${bg.r}, ${bg.g}, ${bg.b})`,
          ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100,
        };
      });
  }, selector);
}

/** Contrast ratio of two hex colours (#rrggbb), for the expected values. */
export function contrastRatio(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b2] = [1, 3, 5].map((i) => {
      const s = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
}
