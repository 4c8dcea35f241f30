/**
 * The language the respondent page is shown in, for the parts outside the questionnaire (the
 * footer): the questionnaire page sets it when a language is chosen.
 */
import { createSignal } from 'solid-js';

export const [pageLocale, setPageLocale] = createSignal('en');
