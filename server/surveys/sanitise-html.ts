/**
 * Questionnaire HTML through an allow-list (sanitize-html): the respondent page renders `html`
 * questions and the completed/loading texts as markup, so a questionnaire file could otherwise put
 * a script, a `<meta http-equiv=refresh>` or an `onerror` handler in front of every respondent.
 * Allowed: text formatting, lists, headings, tables, images over https, and links to http, https,
 * mailto and tel only. Applied when a questionnaire is added and again when one is served, so a
 * questionnaire stored before this check is served clean too.
 */
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'a',
    'abbr',
    'b',
    'blockquote',
    'br',
    'caption',
    'code',
    'dd',
    'div',
    'dl',
    'dt',
    'em',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'i',
    'img',
    'li',
    'ol',
    'p',
    'pre',
    's',
    'small',
    'span',
    'strong',
    'sub',
    'sup',
    'table',
    'tbody',
    'td',
    'tfoot',
    'th',
    'thead',
    'tr',
    'u',
    'ul',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    '*': ['lang', 'dir'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  // Dropped with their content, not just their tags (the text of a script is not for respondents).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'iframe', 'object', 'embed'],
  transformTags: {
    // A link opening a new tab must not hand the questionnaire page to the site it opens.
    a: (tagName, attribs) => (attribs.target ? { tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } } : { tagName, attribs }),
  },
};

/** The HTML with everything outside the allow-list removed. */
export function sanitiseHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/** Properties SurveyJS renders as HTML: on the survey, on `html` questions, and in completedHtmlOnCondition. */
const SURVEY_HTML = ['completedHtml', 'completedBeforeHtml', 'loadingHtml'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string, or a localised {default, cy, …} object, sanitised; `where` collects what changed. */
function cleanText(value: unknown, where: string, changed: string[]): unknown {
  if (typeof value === 'string') {
    const clean = sanitiseHtml(value);
    if (clean !== value) changed.push(where);
    return clean;
  }
  if (isObject(value)) {
    const out: Json = {};
    let any = false;
    for (const [locale, text] of Object.entries(value)) {
      out[locale] = typeof text === 'string' ? sanitiseHtml(text) : text;
      any ||= out[locale] !== text;
    }
    if (any) changed.push(where);
    return out;
  }
  return value;
}

const CHILDREN = ['pages', 'elements', 'questions', 'templateElements'];

/** A page, panel or question (or the survey) with its html questions sanitised, at any depth. */
function cleanContainer(el: Json, changed: string[]): Json {
  const out: Json = { ...el };
  if (el.type === 'html' && 'html' in el) out.html = cleanText(el.html, `question '${String(el.name ?? '')}'`, changed);
  for (const key of CHILDREN) {
    const children = el[key];
    if (Array.isArray(children)) out[key] = children.map((c) => (isObject(c) ? cleanContainer(c, changed) : c));
  }
  return out;
}

/**
 * A copy of the questionnaire with its HTML sanitised, and where anything was removed (for the
 * upload's warnings). The input is not changed.
 */
export function sanitiseDefinition(definition: unknown): { definition: unknown; changed: string[] } {
  if (!isObject(definition)) return { definition, changed: [] };
  const changed: string[] = [];
  const out = cleanContainer(definition, changed);
  for (const key of SURVEY_HTML) if (key in definition) out[key] = cleanText(definition[key], key, changed);
  if (Array.isArray(definition.completedHtmlOnCondition)) {
    out.completedHtmlOnCondition = definition.completedHtmlOnCondition.map((c, i) =>
      isObject(c) && 'html' in c ? { ...c, html: cleanText(c.html, `completedHtmlOnCondition ${i + 1}`, changed) } : c,
    );
  }
  return { definition: out, changed };
}

const served = new WeakMap<object, unknown>();

/**
 * sanitiseDefinition for serving: the respondent routes share one parsed definition object per
 * questionnaire version, so its clean copy is made once and reused.
 */
export function servedDefinition<T>(definition: T): T {
  if (!isObject(definition)) return definition;
  let clean = served.get(definition);
  if (clean === undefined) {
    clean = sanitiseDefinition(definition).definition;
    served.set(definition, clean);
  }
  return clean as T;
}
