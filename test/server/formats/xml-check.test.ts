import { describe, expect, it } from 'vitest';
import { xmlProblems } from './xml-check.js';

// The checker the workbook tests rely on must itself catch broken XML.
describe('xmlProblems', () => {
  it('accepts well-formed XML', () => {
    expect(xmlProblems('<?xml version="1.0"?>\n<a x="1"><b/><c y="&amp;">t &lt; u</c></a>')).toEqual([]);
  });
  it.each([
    ['<a><b></a></b>', '</a> closes <b>'],
    ['<a><b></a>', '</a> closes <b>'],
    ['<a>x & y</a>', "bare '&'"],
    ['<a x=1></a>', 'malformed tag'],
    ['<a x="1" x="2"></a>', 'repeated attribute'],
    ['<a/><b/>', '2 root elements'],
    ['<a>\u0001</a>', 'forbids'],
    ['<a>', 'unclosed'],
  ])('rejects %s', (xml, problem) => {
    expect(xmlProblems(xml).join('; ')).toContain(problem);
  });
});
