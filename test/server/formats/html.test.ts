import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../server/formats/html.js';

describe('escapeHtml', () => {
  it('escapes markup and both quotes, so text and attribute values are safe', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;');
  });
  it('writes null and undefined as nothing, numbers as text', () => {
    expect([escapeHtml(null), escapeHtml(undefined), escapeHtml(12.5)]).toEqual(['', '', '12.5']);
  });
});
