/**
 * The accessibility statement at GET /accessibility, in the form of the GOV.UK model statement
 * for public sector websites (the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
 * Accessibility Regulations 2018). Plain HTML from the server, no script, so it works for
 * everyone, including people whose browser cannot run the questionnaire.
 *
 * Who runs the service and how to reach them come from the environment (README): the
 * organisation's name, an email address and a phone number for problems and for other formats.
 */
import { settings } from '../config.js';

export interface StatementSettings {
  organisation: string;
  email: string | null;
  phone: string | null;
  /** ISO dates (YYYY-MM-DD). */
  prepared: string;
  reviewed: string;
}

/** When this statement (and the testing it describes) was written; deployments set their own review date. */
export const STATEMENT_PREPARED = '2026-12-02';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the settings; a date that is not YYYY-MM-DD stops the server with a message saying which. */
export function statementSettings(env: Record<string, string | undefined> = settings().text): StatementSettings {
  const date = (name: string, fallback: string) => {
    const v = env[name]?.trim();
    if (!v) return fallback;
    if (!ISO_DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
      throw new Error(`${name} must be a date written YYYY-MM-DD (for example 2026-12-02), not '${v}'.`);
    }
    return v;
  };
  const prepared = date('ACCESSIBILITY_STATEMENT_PREPARED', STATEMENT_PREPARED);
  return {
    organisation: env.ACCESSIBILITY_ORGANISATION?.trim() || 'the Community Safety Partnership that runs this survey',
    email: env.ACCESSIBILITY_CONTACT_EMAIL?.trim() || null,
    phone: env.ACCESSIBILITY_CONTACT_PHONE?.trim() || null,
    prepared,
    reviewed: date('ACCESSIBILITY_STATEMENT_REVIEWED', prepared),
  };
}

/** 2 December 2026. */
export function ukDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The ways to get in touch, as a list (or what to do when none is set). */
function contactList(s: StatementSettings): string {
  const items: string[] = [];
  if (s.email) items.push(`<li>email <a href="mailto:${esc(s.email)}">${esc(s.email)}</a></li>`);
  if (s.phone) items.push(`<li>call <a href="tel:${esc(s.phone.replace(/[^\d+]/g, ''))}">${esc(s.phone)}</a></li>`);
  if (!items.length) items.push('<li>contact whoever sent you the link to the survey (your council, school or police team)</li>');
  return `<ul>${items.join('')}</ul>`;
}

const STYLE = `
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5; color: #161616; background: #fff; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; }
h2 { font-size: 1.4rem; margin-top: 2rem; }
h3 { font-size: 1.15rem; }
a { color: #1a56c4; }
a:focus-visible { outline: 3px solid #1a56c4; outline-offset: 2px; }
li + li { margin-top: 0.35rem; }
`;

export function statementHtml(s: StatementSettings): string {
  const org = esc(s.organisation);
  const Org = org.charAt(0).toUpperCase() + org.slice(1);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Accessibility statement – community safety surveys</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Accessibility statement for the community safety surveys</h1>
<p>This accessibility statement applies to the community safety survey pages: the questionnaires residents and young people answer (addresses starting <code>/s/</code> and <code>/y/</code>) and the officer workspace (<code>/officer</code>).</p>
<p>This website is run by ${org}. We want as many people as possible to be able to use it. For example, that means you should be able to:</p>
<ul>
<li>change colours, contrast levels and fonts using browser or device settings</li>
<li>zoom in up to 400% without the text spilling off the screen</li>
<li>answer every question using just a keyboard, on a computer or a phone</li>
<li>listen to the questionnaire using a screen reader</li>
</ul>
<p>We’ve also made the text as simple as possible to understand.</p>
<p><a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making your device easier to use if you have a disability.</p>

<h2>How accessible this website is</h2>
<p>We know some parts of this website are not fully accessible:</p>
<ul>
<li>on the officer pages, charts and ward maps are pictures: the same figures are in a table and in words beside each one, but the pictures themselves cannot be read by a screen reader</li>
<li>the committee report saved as a PDF from the browser’s Print dialog has not been checked as an accessible PDF</li>
<li>questionnaires are written by the organisation that runs the survey: their wording and anything added to them is checked for structure, not for plain English</li>
</ul>

<h2>Feedback and contact information</h2>
<p>If you need the survey in a different format, like large print, easy read, audio, braille or on paper, or need help answering it:</p>
${contactList(s)}
<p>We’ll consider your request and get back to you within 10 working days.</p>

<h2>Reporting accessibility problems with this website</h2>
<p>We’re always looking to improve the accessibility of this website. If you find any problems not listed on this page or think we’re not meeting accessibility requirements, contact us:</p>
${contactList(s)}

<h2>Enforcement procedure</h2>
<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the ‘accessibility regulations’). If you’re not happy with how we respond to your complaint, <a href="https://www.equalityadvisoryservice.com/">contact the Equality Advisory and Support Service (EASS)</a>.</p>
<p>If you are in Northern Ireland and are not happy with how we respond to your complaint, you can contact the <a href="https://www.equalityni.org/Home">Equality Commission for Northern Ireland (ECNI)</a>, who are responsible for enforcing the accessibility regulations in Northern Ireland.</p>

<h2>Technical information about this website’s accessibility</h2>
<p>${Org} is committed to making its website accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.</p>

<h3>Compliance status</h3>
<p>This website is partially compliant with the <a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines version 2.2</a> AA standard, due to the non-compliances listed below.</p>

<h2>Non-accessible content</h2>
<p>The content listed below is non-accessible for the following reasons.</p>
<h3>Non-compliance with the accessibility regulations</h3>
<ul>
<li>Charts and ward maps on the officer pages are drawn as pictures; a screen reader cannot explore them (WCAG 1.1.1 non-text content). Each one has the same figures in a table and a caption in words.</li>
<li>The committee report saved as PDF has not been tested with assistive technology. The report can be read as a web page instead.</li>
</ul>
<h3>Disproportionate burden</h3>
<p>We are not claiming disproportionate burden for any content.</p>
<h3>Content that’s not within the scope of the accessibility regulations</h3>
<p>Spreadsheets (XLSX and CSV) offered to officers for download are data for analysis, not information needed to use the service.</p>

<h2>What we’re doing to improve accessibility</h2>
<p>Every change to this website is checked automatically, as described below, before it is released. We will review this statement when the website changes and at least once a year.</p>

<h2>Preparation of this accessibility statement</h2>
<p>This statement was prepared on ${ukDate(s.prepared)}. It was last reviewed on ${ukDate(s.reviewed)}.</p>
<p>This website was last tested on ${ukDate(s.prepared)}. The test was carried out by the website’s developers. Every respondent page (each kind of questionnaire page, error messages, the thank-you page, the closed and unknown survey pages) and every officer page was checked in the Chromium browser with axe-core against the WCAG 2.0, 2.1 and 2.2 level A and AA rules, and tested for control borders of at least 3:1 contrast, headings, where focus goes after moving between pages, choosing answers with a keyboard on a phone-sized touch screen, and error messages in plain English. It has not yet been tested by disabled users or with each screen reader.</p>
</main>
</body>
</html>`;
}
