/** Roles, password rules and audit entries in words (pure functions, no DOM). */
import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '../../../../server/accounts/roles';
import { count } from '../../format';

/** What each permission lets an officer do (server/accounts/roles.ts holds which role has which). */
export const PERMISSION_WORDS: Record<Permission, string> = {
  'read-results': 'see the returns, results, recorded crime and perception vs reality',
  'run-weighting': 'run weighting',
  import: 'load paper and CSV responses, crime and population data',
  export: 'download spreadsheets and the committee report',
  'score-priorities': 'score the priority matrix and set its weights',
  'manage-surveys': 'upload questionnaires',
  'manage-waves': 'open and close waves',
  'manage-links': 'create school and channel links, QR codes and posters',
  'manage-officers': 'add accounts and read the audit log',
};

export const ROLE_NAMES: Record<Role, string> = { viewer: 'Viewer', analyst: 'Analyst', admin: 'Admin' };

function listWords(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "Can see the returns…" / "Everything a viewer can, and: run weighting, …". */
export function roleWords(role: Role): string {
  const i = ROLES.indexOf(role);
  const below = i > 0 ? ROLES[i - 1] : null;
  const extra = ROLE_PERMISSIONS[role].filter((p) => !below || !ROLE_PERMISSIONS[below].includes(p));
  const words = listWords(extra.map((p) => PERMISSION_WORDS[p]));
  return below ? `Everything ${/^[aeiou]/.test(below) ? 'an' : 'a'} ${below} can, and also ${words}.` : `Can ${words}; cannot change anything.`;
}

const EXPORTS: Record<string, string> = {
  'responses-csv': 'the anonymised responses (CSV)',
  'responses-xlsx': 'the anonymised responses (XLSX)',
  'responses-sav': 'the anonymised responses (SPSS)',
  'responses-r': 'the anonymised responses for R',
  'report-xlsx': 'the report tables (XLSX)',
  'report-crosstabs': 'the report as cross-tabs (XLSX)',
  'committee-report': 'the committee report',
  'committee-report-docx': 'the committee report (Word)',
  'committee-report-html': 'the committee report',
};

const ACTIONS: Record<string, string> = {
  login: 'Signed in',
  logout: 'Signed out',
  'login.failed': 'Sign-in refused',
  'officer.create': 'Added an account',
  'weighting.run': 'Weighted a wave',
  'crime.import': 'Imported recorded crime',
  'population.import': 'Replaced the population figures',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const shortMonth = (ym: string) => (/^\d{4}-\d{2}$/.test(ym) ? `${MONTHS[Number(ym.slice(5)) - 1]} ${ym.slice(0, 4)}` : ym);

type Details = Record<string, unknown>;
const asDetails = (d: unknown): Details | null => (d && typeof d === 'object' && !Array.isArray(d) ? (d as Details) : null);
const str = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number'
      ? count(v)
      : Array.isArray(v)
        ? v.map(str).join(', ')
        : v === null || v === undefined
          ? ''
          : JSON.stringify(v);
const num = (v: unknown) => (typeof v === 'number' ? count(v) : str(v));

/** "wave.open" → "Wave open"; an export → "Downloaded …". */
export function actionWords(action: string): string {
  if (ACTIONS[action]) return ACTIONS[action];
  if (action.startsWith('export.')) {
    const kind = action.slice('export.'.length);
    return `Downloaded ${EXPORTS[kind] ?? kind.replace(/[-_.]/g, ' ')}`;
  }
  const words = action.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function surveyWave(d: Details): string {
  return [d.survey, d.wave].filter(Boolean).map(str).join(' ');
}

/** The details of an entry in words ('' when there are none). */
export function detailWords(action: string, details: unknown): string {
  const d = asDetails(details);
  if (!d) return details === null || details === undefined ? '' : str(details);
  switch (action) {
    case 'login.failed':
      return d.reason === 'unknown email' ? 'No account has that email (the email typed is not recorded)' : str(d.reason);
    case 'officer.create':
      return `${str(d.email)} as ${str(d.role)}`;
    case 'weighting.run':
      return `${surveyWave(d)}: ${str(d.method)} on ${str(d.variables)} (targets from ${d.source === 'population' ? 'the population' : 'an uploaded file'}); ${num(d.n)} responses${d.excluded ? `, ${num(d.excluded)} without a target left out` : ''}`;
    case 'crime.import': {
      const months = Array.isArray(d.months) ? d.months.map((m) => shortMonth(String(m))).join(', ') : str(d.months);
      return `${months} from ${str(d.files)}: ${num(d.rows)} rows read, ${num(d.imported)} counted in a ward, ${num(d.outsideArea)} outside the borough`;
    }
    case 'population.import':
      return `${num(d.rows)} figures for ${num(d.areas)} wards${d.file ? ` from ${str(d.file)}` : ''}${d.illustrative ? ', marked ILLUSTRATIVE (made up)' : ''}`;
  }
  if (action.startsWith('export.')) {
    const parts = [surveyWave(d)];
    if (d.by) parts.push(`by ${str(d.by)}`);
    if (d.compareWave) parts.push(`compared with ${str(d.compareWave)}`);
    const known = new Set(['survey', 'wave', 'by', 'compareWave']);
    for (const [k, v] of Object.entries(d)) if (!known.has(k)) parts.push(`${k}: ${str(v)}`);
    return parts.filter(Boolean).join(', ');
  }
  return Object.entries(d)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}: ${str(v)}`)
    .join('; ');
}
