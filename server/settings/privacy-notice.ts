/**
 * The privacy notice of a questionnaire (GET /s/<survey>/privacy), as one plain HTML page: who
 * holds the answers (the council in settings), why (the questionnaire's metadata `privacy.purpose`;
 * lawful basis public task), what is kept (what this product really stores: the answers, the
 * questionnaire version, when they arrived — for young people only the day — and the school or
 * channel of the link; never a name, IP address or device details), how long, who sees them,
 * the respondent's rights, the contacts and the data protection officer, and the ICO.
 * Every inserted text is escaped; no scripts, so it reads the same with JavaScript off.
 */
import { escapeHtml as esc } from '../formats/html.js';
import type { Store } from '../store/open.js';
import { findSurvey } from '../surveys/surveys.js';
import { inPartnership } from '../store/partnership-scope.js';
import type { PrivacyMeta } from '../../surveys/metadata.js';
import { councilSettings } from './settings.js';

/** Said when the questionnaire's metadata gives no retention period, rather than inventing one. */
export const NO_RETENTION = 'The council has not yet said how long it keeps the answers of this survey. Ask it using the contact details below.';
export const NO_COUNCIL = 'the council running this survey';

const STYLE = `
html { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; color: #1a1a1a; background: #fff; line-height: 1.5; }
body { margin: 0; }
main { max-width: 44rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
header { display: flex; align-items: center; gap: 1rem; border-bottom: 2px solid #1a1a1a; padding-bottom: .75rem; }
header img { max-height: 4rem; max-width: 12rem; }
h1 { font-size: 1.75rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .25rem; }
a { color: #0b4f9c; }
a:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.back { margin-top: 2rem; }
`;

const link = (href: string, text: string) => `<a href="${esc(href)}">${esc(text)}</a>`;
const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/** The notice as a complete HTML document; 404 for an unknown questionnaire. */
export async function privacyNoticeHtml(store: Store, slug: string): Promise<string> {
  const survey = await findSurvey(store.db, slug);
  const council = await inPartnership(survey.partnershipId, () => councilSettings(store));
  const privacy = (survey.metadata as { privacy?: PrivacyMeta } | null)?.privacy;
  const who = council.councilName ?? NO_COUNCIL;
  const youth = survey.audience === 'youth';
  const contacts = [
    council.contactEmail && `<li>E-mail: ${link(`mailto:${council.contactEmail}`, council.contactEmail)}</li>`,
    council.contactPhone && `<li>Phone: ${link(telHref(council.contactPhone), council.contactPhone)}</li>`,
    council.postalAddress && `<li>Post: ${esc(council.postalAddress)}</li>`,
  ].filter(Boolean);
  const dpo = council.dpoContact;
  const dpoHtml = dpo
    ? /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(dpo)
      ? link(`mailto:${dpo}`, dpo)
      : esc(dpo)
    : 'ask at the contact details above for the council’s data protection officer';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Privacy notice: ${esc(survey.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>${council.logo ? `<img src="${esc(council.logo)}" alt="${esc(who)}">` : ''}<p class="council">${esc(who)}</p></header>
<h1>Privacy notice</h1>
<p>For <strong>${esc(survey.title)}</strong>.</p>

<h2>Who holds your answers</h2>
<p>${esc(who[0].toUpperCase() + who.slice(1))} is responsible for your answers (the data controller).</p>

<h2>Why we ask</h2>
<p>${esc(privacy?.purpose ?? 'To understand how safe people feel and what worries them, so that the Community Safety Partnership can plan its work.')}</p>
<p>We use your answers because it is part of the council’s public task: its duties to reduce crime and disorder (Crime and Disorder Act 1998, section 17). Taking part is your choice, and you can skip any question.</p>

<h2>What we keep</h2>
<ul>
<li>Your answers, and which version of the questions you answered.</li>
<li>${youth ? 'The day your answers arrived (not the time), so a school’s replies cannot be matched to one pupil.' : 'When your answers arrived.'}</li>
<li>${youth ? 'The school or group whose link you used.' : 'If you used a link from a school or group, which one.'}</li>
</ul>
<p>The survey does not ask for your name, and we do not keep your IP address, your device or browser details, or any other way of telling who answered. Please do not write your name or other people’s names in the answer boxes.</p>
<p>While you answer, your progress is kept in your own browser so you can come back to it: ${youth ? 'through a school link only until the tab or browser is closed' : 'for 7 days on your own device'}. It is removed once you send your answers.</p>

<h2>How long we keep them</h2>
<p>${esc(privacy?.retention ?? NO_RETENTION)}</p>

<h2>Who sees them</h2>
<p>${esc(privacy?.sharing ?? 'Council officers who analyse the survey. Results are published as tables and charts only, never single answers.')}</p>

<h2>Your rights</h2>
<p>You have the right to ask what we hold about you, to have it corrected or deleted, and to object. Because we do not know who gave which answers, we usually cannot find yours once they have been sent.</p>

<h2>Contact us</h2>
${contacts.length ? `<ul>${contacts.join('')}</ul>` : '<p>The council has not yet added its contact details to this survey.</p>'}
<p>Data protection officer: ${dpoHtml}.</p>

<h2>Complaints</h2>
<p>If you are unhappy with how we use your information, you can complain to the Information Commissioner’s Office: ${link('https://ico.org.uk', 'ico.org.uk')}.</p>
</main>
</body>
</html>
`;
}
