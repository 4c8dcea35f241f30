/**
 * The respondent page's own words (not the questionnaire's, not survey-core's) in each language
 * the page speaks, and the choice of language: the one saved, else the browser's first that the
 * questionnaire offers, else English. A language with no dictionary here falls back to English
 * words around its translated questionnaire. Maps keyed by survey-core string name (plain-English
 * error overrides) can be kept per locale beside these, in the same shape.
 */

export interface Messages {
  loading: string;
  chooseLanguage: string;
  demoTranslation: string;
  resumed: string;
  startAgain: string;
  via: string;
  sending: string;
  notSentHeading: string;
  notSentText: string;
  tryAgain: string;
  checkAnswers: string;
  notStored: string;
  changeAndComplete: string;
  notFoundHeading: string;
  notFoundText: string;
  loadFailedHeading: string;
  loadFailedText: string;
  linkUnknown: string;
  linkOnly: string;
  linkExpired: string;
  linkFull: string;
  closed: string;
  cannotShow: string;
  thanksForTrying: string;
  privacyLink: string;
  accessibilityStatement: string;
}

const en: Messages = {
  loading: 'Loading the survey…',
  chooseLanguage: 'Language',
  demoTranslation: 'Demonstration translation — not reviewed by a translator.',
  resumed: 'Welcome back: your earlier answers on this device have been kept.',
  startAgain: 'Start again',
  via: 'Taking part through:',
  sending: 'Sending your answers…',
  notSentHeading: 'Your answers have not been sent yet',
  notSentText: 'We could not reach the survey server. Your answers are kept on this device. Check your connection, then try again.',
  tryAgain: 'Try again',
  checkAnswers: 'Please check these answers',
  notStored: 'Your answers could not be stored',
  changeAndComplete: 'Change the answers above, then press Complete again.',
  notFoundHeading: 'We cannot find this survey',
  notFoundText: 'This address does not point to a survey. Check that the link was copied in full.',
  loadFailedHeading: 'The survey could not be loaded',
  loadFailedText: 'We could not reach the survey server. Check your connection and try again.',
  linkUnknown: 'This link is not recognised',
  linkOnly: 'This survey is answered through a link',
  linkExpired: 'This link has expired',
  linkFull: 'This link is no longer taking answers',
  closed: 'This survey is closed',
  cannotShow: 'This survey cannot be shown',
  thanksForTrying: 'Thank you for wanting to take part. If you think this is a mistake, contact whoever sent you the link.',
  privacyLink: 'How we use your answers: privacy notice (opens in a new tab)',
  accessibilityStatement: 'Accessibility statement',
};

/** Welsh: written for the demo, not reviewed by a translator (the page says so beside it). */
const cy: Messages = {
  loading: 'Wrthi’n llwytho’r arolwg…',
  chooseLanguage: 'Iaith',
  demoTranslation: 'Cyfieithiad arddangos — heb ei adolygu gan gyfieithydd.',
  resumed: 'Croeso’n ôl: mae eich atebion cynharach ar y ddyfais hon wedi’u cadw.',
  startAgain: 'Dechrau eto',
  via: 'Yn cymryd rhan drwy:',
  sending: 'Wrthi’n anfon eich atebion…',
  notSentHeading: 'Nid yw eich atebion wedi’u hanfon eto',
  notSentText:
    'Nid oeddem yn gallu cyrraedd gweinydd yr arolwg. Mae eich atebion wedi’u cadw ar y ddyfais hon. Gwiriwch eich cysylltiad, yna rhowch gynnig arall arni.',
  tryAgain: 'Rhowch gynnig arall arni',
  checkAnswers: 'Gwiriwch yr atebion hyn',
  notStored: 'Nid oedd modd cadw eich atebion',
  changeAndComplete: 'Newidiwch yr atebion uchod, yna pwyswch Cwblhau eto.',
  notFoundHeading: 'Ni allwn ddod o hyd i’r arolwg hwn',
  notFoundText: 'Nid yw’r cyfeiriad hwn yn arwain at arolwg. Gwiriwch fod y ddolen wedi’i chopïo’n llawn.',
  loadFailedHeading: 'Nid oedd modd llwytho’r arolwg',
  loadFailedText: 'Nid oeddem yn gallu cyrraedd gweinydd yr arolwg. Gwiriwch eich cysylltiad a rhowch gynnig arall arni.',
  linkUnknown: 'Nid ydym yn adnabod y ddolen hon',
  linkOnly: 'Caiff yr arolwg hwn ei ateb drwy ddolen',
  linkExpired: 'Mae’r ddolen hon wedi dod i ben',
  linkFull: 'Nid yw’r ddolen hon yn derbyn atebion mwyach',
  closed: 'Mae’r arolwg hwn wedi cau',
  cannotShow: 'Nid oes modd dangos yr arolwg hwn',
  thanksForTrying: 'Diolch am fod eisiau cymryd rhan. Os ydych chi’n meddwl bod hyn yn gamgymeriad, cysylltwch â phwy bynnag a anfonodd y ddolen atoch.',
  privacyLink: 'Sut rydym yn defnyddio eich atebion: hysbysiad preifatrwydd (yn agor mewn tab newydd)',
  accessibilityStatement: 'Datganiad hygyrchedd',
};

/**
 * The plain error messages (client/respondent/plain-errors.ts, same keys) in each language but
 * English. Welsh: written for the demo, not reviewed by a translator, like the words above.
 */
export const PLAIN_ERRORS_BY_LOCALE: Record<string, Record<string, string>> = {
  cy: {
    requiredError: 'Rhowch eich ateb',
    requiredErrorChooseOne: 'Dewiswch un ateb',
    requiredErrorChooseAny: 'Dewiswch o leiaf un ateb',
    numberBetweenError: 'Rhowch rif rhwng {0} a {1}',
    requiredErrorInPanel: 'Atebwch o leiaf un o’r cwestiynau hyn',
    requiredInAllRowsError: 'Dewiswch ateb ym mhob rhes',
    numericError: 'Rhowch rif, fel 3',
    minError: 'Rhowch rif o {0} neu fwy',
    maxError: 'Rhowch rif o {0} neu lai',
    textMinLength: 'Rhowch o leiaf {0} nod',
    textMaxLength: 'Rhowch {0} nod neu lai',
    minSelectError: 'Dewiswch o leiaf {0} ateb',
    maxSelectError: 'Dewiswch ddim mwy na {0} ateb',
    otherRequiredError: 'Dywedwch beth yw eich ateb arall yn y blwch',
    invalidEmail: 'Rhowch gyfeiriad e-bost, fel enw@example.com',
  },
};

const DICTIONARIES: Record<string, Messages> = { en, cy };

export function messagesFor(locale: string): Messages {
  return DICTIONARIES[locale] ?? en;
}

/** survey-core's own texts (Next, Complete, its error messages), loaded only when chosen. */
const SURVEY_CORE_LOCALES: Record<string, () => Promise<unknown>> = {
  cy: () => import('survey-core/i18n/welsh'),
  pl: () => import('survey-core/i18n/polish'),
  ro: () => import('survey-core/i18n/romanian'),
  ur: () => import('survey-core/i18n/urdu'),
  ar: () => import('survey-core/i18n/arabic'),
  pt: () => import('survey-core/i18n/portuguese'),
  lt: () => import('survey-core/i18n/lithuanian'),
  bg: () => import('survey-core/i18n/bulgarian'),
};

/** Loads survey-core's strings for a locale (a no-op for English or a locale it lacks). */
export async function loadSurveyCoreLocale(locale: string): Promise<void> {
  await SURVEY_CORE_LOCALES[locale]?.().catch(() => undefined);
}

/** The language to start in: `saved` if offered, else the first browser language offered ('cy-GB' → 'cy'), else English. */
export function preferredLocale(offered: readonly string[], browser: readonly string[], saved?: string | null): string {
  if (saved && offered.includes(saved)) return saved;
  for (const tag of browser) {
    const lower = tag.toLowerCase();
    const hit = offered.find((o) => o === lower) ?? offered.find((o) => o === lower.split('-')[0]);
    if (hit) return hit;
  }
  return 'en';
}

/** The browser's languages, most wanted first. */
export function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en'];
}
