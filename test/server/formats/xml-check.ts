/**
 * A small well-formedness check for the XML parts the exports write (there is no XML parser in
 * the dependencies): one root element, tags closed in order, quoted and unique attributes,
 * only the five predefined or numeric entities, no characters XML 1.0 forbids.
 * Returns the problems found; an empty list means well-formed as far as this can tell.
 */
const NAME = '[A-Za-z_][\\w.:-]*';
const TAG = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"<]*")*)\\s*(/?)>$`);
const ATTR = new RegExp(`(${NAME})\\s*=`, 'g');
const ENTITY = /&(?!(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)/;
const FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  if (FORBIDDEN.test(xml)) problems.push('contains a character XML 1.0 forbids');
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  let last = 0;
  for (const m of body.matchAll(/<[^>]*>/g)) {
    const text = body.slice(last, m.index);
    last = m.index! + m[0].length;
    if (text.includes('<')) problems.push(`stray '<' before ${m[0]}`);
    if (ENTITY.test(text)) problems.push(`bare '&' before ${m[0]}`);
    if (!stack.length && text.trim()) problems.push(`text outside the root: '${text.trim()}'`);
    const t = TAG.exec(m[0]);
    if (!t) {
      problems.push(`malformed tag ${m[0]}`);
      continue;
    }
    const [, closing, name, attrs, selfClosing] = t;
    const names = [...attrs.matchAll(ATTR)].map((a) => a[1]);
    if (new Set(names).size !== names.length) problems.push(`repeated attribute in ${m[0]}`);
    if (attrs && ENTITY.test(attrs)) problems.push(`bare '&' in ${m[0]}`);
    if (closing) {
      if (selfClosing || attrs) problems.push(`malformed closing tag ${m[0]}`);
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else {
      if (!stack.length) roots++;
      if (!selfClosing) stack.push(name);
    }
  }
  if (body.slice(last).trim()) problems.push('text after the root element');
  if (stack.length) problems.push(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
