/**
 * The questionnaire's titles as real headings (WCAG 1.3.1): the survey's title is the page's h1,
 * each page's title an h2 and each question's an h3, so a screen reader can list and jump
 * between them. SurveyJS draws them as plain divs unless told otherwise.
 */
import { settings } from 'survey-core';

export function useHeadingTitles(): void {
  settings.titleTags.survey = 'h1';
  settings.titleTags.page = 'h2';
  settings.titleTags.panel = 'h3';
  settings.titleTags.question = 'h3';
}
