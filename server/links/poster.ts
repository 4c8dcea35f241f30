/**
 * The printable A4 poster for a school or channel link: one page, print CSS, system fonts, no
 * external requests (inline CSS, inline SVG QR code). It says what the survey is and for whom,
 * carries a large QR code and the address written out to type, when it closes, that it is
 * anonymous, roughly how long it takes, and for youth surveys where to get help (the contacts the
 * questionnaire itself shows at its end, never others). Every inserted text is escaped.
 */
import { escapeHtml as esc } from '../formats/html.js';
import { dayText, lastDayText } from './days.js';
import type { OfficerLinkContext } from './schemas.js';
import { flatten } from '../validation/flatten.js';
import { textOf } from '../surveys/wording.js';
import { inlineQrSvg } from './qr.js';
import { supportContacts } from './support.js';

/** Reading and answering one question takes about this long (youth survey: 17 → "about 5 minutes"). */
const SECONDS_PER_QUESTION = 15;

export function questionCount(definition: unknown): number {
  return flatten(definition).questions.filter((q) => q.answerable).length;
}

/** "about 5 minutes": questions × 15 s, rounded up to whole minutes, at least 2. */
export function minutesText(questions: number): string {
  const minutes = Math.max(2, Math.ceil((questions * SECONDS_PER_QUESTION) / 60));
  return `about ${minutes} minutes`;
}

/** The first sentence of the questionnaire's own description, if it has one. */
export function firstSentence(definition: Record<string, unknown>): string | null {
  const text = textOf(definition.description);
  if (!text) return null;
  const m = /^.+?[.!?](\s|$)/.exec(text);
  return (m ? m[0] : text).trim();
}

/** When answers through this link stop: the earlier of the link's expiry and the wave's close. */
export function closingText(ctx: Pick<OfficerLinkContext, 'link' | 'wave'>, now: Date): string {
  const ends = [ctx.link.expiresAt, ctx.wave.closesAt].filter((d): d is string => !!d).sort();
  const opens = ctx.wave.opensAt && new Date(ctx.wave.opensAt) > now ? ctx.wave.opensAt : null;
  const from = opens ? `Opens on ${dayText(opens)}. ` : '';
  if (!ends.length) return `${from}You can take part until the survey closes.`;
  return `${from}Open until ${lastDayText(ends[0])}.`;
}

const STYLE = `
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; color: #000; background: #d9d9d9; }
body { margin: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.sheet { width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 12mm; background: #fff; display: flex; flex-direction: column; gap: 5mm; }
.screen-only { width: 210mm; margin: 8mm auto 0; font-size: 11pt; background: #fff4d6; border: 2px solid #8a5a00; padding: 3mm 5mm; }
.screen-only p { margin: 1mm 0; }
h1 { font-size: 30pt; line-height: 1.1; margin: 0; }
.for { font-size: 20pt; font-weight: 600; margin: 0; overflow-wrap: anywhere; }
/* Long titles and labels (up to 120 characters) in smaller type, so the poster stays one page. */
h1.long { font-size: 24pt; }
.for.long { font-size: 16pt; }
.for.longer { font-size: 13pt; }
.about { font-size: 13pt; margin: 0; }
.scan { border: 1.2mm solid #000; padding: 5mm; display: grid; grid-template-columns: auto 1fr; gap: 4mm 8mm; align-items: center; }
.qr { width: 80mm; height: 80mm; display: block; }
.scan .lead { font-size: 20pt; font-weight: 700; line-height: 1.2; margin: 0; }
.type { grid-column: 1 / -1; border-top: 0.6mm solid #000; padding-top: 3mm; }
.type .or { font-size: 13pt; margin: 0 0 1mm; }
.address { font-family: ui-monospace, 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace; font-size: 18pt; font-weight: 700; line-height: 1.3; margin: 0; overflow-wrap: anywhere; }
.facts { list-style: none; margin: 0; padding: 0; font-size: 14pt; display: grid; gap: 2.5mm; }
.facts li { border-left: 2mm solid #000; padding-left: 3mm; }
.help { border: 0.6mm solid #000; padding: 3mm 5mm; font-size: 10.5pt; break-inside: avoid; }
.help h2 { font-size: 13pt; margin: 0 0 1.5mm; }
.help ul { margin: 0; padding: 0; list-style: none; columns: 2; column-gap: 6mm; }
.help li { margin: 0 0 1mm; break-inside: avoid; }
.help p { margin: 1.5mm 0 0; }
@media print {
  html { background: #fff; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; }
  .screen-only { display: none; }
}
`;

/** The poster as a complete HTML document. */
export async function posterHtml(ctx: OfficerLinkContext, now: Date): Promise<string> {
  const { link, survey, view } = ctx;
  const definition = survey.definition;
  const questions = questionCount(definition);
  const forWhom = link.kind === 'school' ? `for pupils of ${link.label}` : `Taking part through: ${link.label}`;
  const qr = await inlineQrSvg(view.url, `QR code for ${view.url}`, esc);
  const about = firstSentence(definition);
  const help = survey.audience === 'youth' ? supportContacts(definition) : { contacts: [], after: [] };
  const warning =
    view.state === 'active'
      ? ''
      : `<div class="screen-only" role="note"><p><strong>This link does not work at the moment.</strong> ${esc(view.stateReason)}</p><p>This note is not printed.</p></div>`;
  const helpHtml = help.contacts.length
    ? `<section class="help" aria-labelledby="help-heading">
  <h2 id="help-heading">Need help or someone to talk to?</h2>
  <ul>${help.contacts.map((c) => `<li>${c.parts.map((p) => (p.strong ? `<strong>${esc(p.text)}</strong>` : esc(p.text))).join('')}</li>`).join('')}</ul>
  ${help.after.map((p) => `<p>${esc(p)}</p>`).join('')}
</section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Poster: ${esc(survey.title)} – ${esc(link.label)}</title>
<style>${STYLE}</style>
</head>
<body>
${warning}
<div class="screen-only" role="note"><p>A4 poster: print it with your browser's Print command (Ctrl+P or ⌘P), on A4, portrait. This note is not printed.</p></div>
<main class="sheet">
  <h1${survey.title.length > 45 ? ' class="long"' : ''}>${esc(survey.title)}</h1>
  <p class="for${forWhom.length > 90 ? ' longer' : forWhom.length > 55 ? ' long' : ''}">${esc(forWhom)}</p>
  ${about ? `<p class="about">${esc(about)}</p>` : ''}
  <section class="scan" aria-label="How to open the survey">
    ${qr}
    <p class="lead">Scan the code with a phone camera to open the survey</p>
    <div class="type">
      <p class="or">or type this address into a web browser:</p>
      <p class="address">${esc(view.url)}</p>
    </div>
  </section>
  <ul class="facts">
    <li><strong>${esc(closingText(ctx, now))}</strong></li>
    <li><strong>Anonymous:</strong> it does not ask for your name or record who you are. Please do not write your name in it.</li>
    <li><strong>It takes ${esc(minutesText(questions))}</strong> (${questions} questions).</li>
  </ul>
  ${helpHtml}
</main>
</body>
</html>
`;
}
