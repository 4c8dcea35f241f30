/**
 * Every officer page: its address, its name in the navigation, the permission it needs (from
 * server/accounts/roles.ts, so the menu shows exactly what the API allows), and its component,
 * loaded on first visit (each page is its own chunk; Chart.js and SurveyJS come only with the
 * pages that use them). The order is the order of the work: set up, collect, weight, read, share.
 */
import { lazy, type Component } from 'solid-js';
import type { Permission } from '../../server/accounts/roles';

export interface PageDef {
  path: string;
  /** Heading and document title. */
  title: string;
  /** Name in the navigation; pages without one are reached from other pages. */
  nav?: string;
  permission: Permission;
  /** In the navigation for county readers only (GET /partnerships); the server refuses anyone else. */
  countyOnly?: boolean;
  component: Component;
}

/** `lazy` for a named export. */
function page<K extends string>(load: () => Promise<Record<K, Component>>, name: K): Component {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

export const PAGES: PageDef[] = [
  {
    path: '/officer',
    title: 'Headline figures',
    nav: 'Home',
    permission: 'read-results',
    component: page(() => import('./pages/home/HomePage'), 'HomePage'),
  },
  {
    path: '/officer/surveys',
    title: 'Surveys and waves',
    nav: 'Surveys',
    permission: 'read-results',
    component: page(() => import('./pages/surveys/SurveysPage'), 'SurveysPage'),
  },
  {
    path: '/officer/surveys/preview',
    title: 'Questionnaire preview',
    permission: 'read-results',
    component: page(() => import('./pages/surveys/PreviewPage'), 'PreviewPage'),
  },
  {
    path: '/officer/links',
    title: 'Links and posters',
    nav: 'Links',
    permission: 'manage-links',
    component: page(() => import('./pages/links/LinksPage'), 'LinksPage'),
  },
  {
    path: '/officer/returns',
    title: 'Returns',
    nav: 'Returns',
    permission: 'read-results',
    component: page(() => import('./pages/returns/ReturnsPage'), 'ReturnsPage'),
  },
  {
    path: '/officer/paper',
    title: 'Paper returns',
    nav: 'Paper returns',
    permission: 'import',
    component: page(() => import('./pages/paper/PaperPage'), 'PaperPage'),
  },
  {
    path: '/officer/weighting',
    title: 'Weighting',
    nav: 'Weighting',
    permission: 'read-results',
    component: page(() => import('./pages/weighting/WeightingPage'), 'WeightingPage'),
  },
  {
    path: '/officer/results',
    title: 'Survey results',
    nav: 'Results',
    permission: 'read-results',
    component: page(() => import('./pages/results/ResultsPage'), 'ResultsPage'),
  },
  {
    path: '/officer/perception',
    title: 'Perception vs reality',
    nav: 'Perception vs reality',
    permission: 'read-results',
    component: page(() => import('./pages/perception/PerceptionPage'), 'PerceptionPage'),
  },
  {
    path: '/officer/crime',
    title: 'Recorded crime',
    nav: 'Recorded crime',
    permission: 'read-results',
    component: page(() => import('./pages/crime/CrimePage'), 'CrimePage'),
  },
  {
    path: '/officer/priorities',
    title: 'Priorities',
    nav: 'Priorities',
    permission: 'read-results',
    component: page(() => import('./pages/priorities/PrioritiesPage'), 'PrioritiesPage'),
  },
  {
    path: '/officer/county',
    title: 'Partnerships side by side',
    nav: 'County',
    permission: 'read-results',
    countyOnly: true,
    component: page(() => import('./pages/county/CountyPage'), 'CountyPage'),
  },
  {
    path: '/officer/exports',
    title: 'Downloads and committee report',
    nav: 'Downloads',
    permission: 'export',
    component: page(() => import('./pages/exports/ExportsPage'), 'ExportsPage'),
  },
  {
    path: '/officer/data',
    title: 'Crime and population data',
    nav: 'Data',
    permission: 'import',
    component: page(() => import('./pages/data/DataPage'), 'DataPage'),
  },
  {
    path: '/officer/accounts',
    title: 'Accounts and audit log',
    nav: 'Accounts',
    permission: 'manage-officers',
    component: page(() => import('./pages/accounts/AccountsPage'), 'AccountsPage'),
  },
  {
    // Every officer's own account: reached from the header's "My account" link, not the navigation.
    path: '/officer/account',
    title: 'My account',
    permission: 'read-results',
    component: page(() => import('./pages/account/AccountPage'), 'AccountPage'),
  },
];

/** Where signing in lands: the headline figures of each survey's open wave. */
export const HOME = '/officer';

export function pageAt(path: string): PageDef | undefined {
  const clean = path.replace(/\/+$/, '');
  return PAGES.find((p) => p.path === clean);
}
