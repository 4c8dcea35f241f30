/**
 * How a SurveyJS questionnaire looks wherever it is shown (respondent page, officer preview and
 * paper entry): system fonts only, and colours darker than SurveyJS's defaults so text and
 * buttons meet WCAG AA contrast, and control borders 3:1 (survey-controls.css).
 */
import type { SurveyModel } from 'survey-core';
import './survey-controls.css';

/** System fonts only: the page must not fetch web fonts (and cannot, on many council networks). */
export const SYSTEM_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif';

export function applySurveyTheme(model: SurveyModel): void {
  model.applyTheme({
    cssVariables: {
      '--sjs-font-family': SYSTEM_FONTS,
      '--sjs-primary-backcolor': '#0b6b56',
      '--sjs-primary-backcolor-dark': '#08503f',
      '--sjs-primary-backcolor-light': 'rgba(11, 107, 86, 0.1)',
      '--sjs-general-forecolor-light': '#555555',
      // Page descriptions and the progress bar's page names (SurveyJS: 45% black, 3.3:1 on grey).
      '--sjs-general-dim-forecolor-light': '#555555',
      '--sjs-special-red': '#b3261e',
    },
  });
}
