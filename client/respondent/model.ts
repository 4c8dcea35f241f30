/**
 * The SurveyJS model for one respondent visit, wired to save-and-resume and to submission.
 * No rendering here: the view (SurveyView.tsx) only mounts what this returns.
 */
import { Model, type SurveyModel } from 'survey-core';
import { submitAnswers, type PublicSurvey } from './api';
import { saveEachPage } from './partial-save';
import { installPlainErrorsFor, usePlainErrors } from './plain-errors';
import { clearSaved, newIdempotencyKey, readSaved, storageKey, writeSaved } from './saved-state';
import type { Target } from './where';
import { applySurveyTheme } from '../common/survey-theme';
import { browserLanguages, loadSurveyCoreLocale, preferredLocale } from './messages';

export interface Problem {
  question: string;
  /** The question's wording, so the person can find it; the name if the question is unknown. */
  title: string;
  message: string;
}

export type SubmitState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'refused'; message: string; problems: Problem[] }
  | { kind: 'offline' }
  | { kind: 'done' };

export interface RespondentModel {
  model: SurveyModel;
  /** True when answers from an earlier visit were put back. */
  resumed: boolean;
  /** Send again after a failure (re-runs the questionnaire's own completion). */
  retry(): void;
  /** Show the question at fault (switching page if needed). */
  goTo(question: string): void;
  /** The language to start in (saved, else the browser's if offered, else English). */
  initialLocale: string;
  /** Switches the questionnaire and survey-core's own texts to a language, loading them first. */
  setLocale(locale: string): Promise<void>;
}

export function createRespondentModel(survey: PublicSurvey, target: Target, onSubmitState: (s: SubmitState) => void): RespondentModel {
  const model = new Model(survey.definition);
  model.locale = 'en';
  let locale = 'en';
  // Values of questions that become hidden are dropped at once, so what is saved and sent
  // matches what the person can see (the server validates the same conditions).
  model.clearInvisibleValues = 'onHidden';
  applySurveyTheme(model);
  usePlainErrors(model);

  const key = storageKey(target.kind, target.id, survey.wave.name, survey.version);
  const saved = readSaved(key);
  let idempotencyKey = saved?.idempotencyKey ?? newIdempotencyKey();
  if (saved) {
    model.data = saved.data;
    const lastPage = Math.max(0, model.visiblePageCount - 1);
    model.currentPageNo = Math.min(saved.currentPageNo, lastPage);
  }

  const save = () => writeSaved(key, { data: model.data, currentPageNo: model.currentPageNo, idempotencyKey, locale });
  model.onValueChanged.add(save);
  model.onCurrentPageChanged.add(save);
  saveEachPage(
    model,
    target,
    () => idempotencyKey,
    () => locale,
  );
  const offered = (survey.languages ?? []).map((l) => l.code);
  const initialLocale = preferredLocale(offered, browserLanguages(), saved?.locale);

  let sending = false;
  model.onCompleting.add(async (_, options) => {
    if (sending) {
      options.allow = false;
      return;
    }
    sending = true;
    save();
    onSubmitState({ kind: 'sending' });
    try {
      const result = await submitAnswers(target, model.data, idempotencyKey, offered.length > 1 ? locale : undefined);
      if (result.kind === 'stored') {
        clearSaved(key);
        // A later visit in this browser is a new attempt with a new key.
        idempotencyKey = newIdempotencyKey();
        onSubmitState({ kind: 'done' });
        return;
      }
      options.allow = false;
      if (result.kind === 'offline') {
        onSubmitState({ kind: 'offline' });
        return;
      }
      const problems = result.errors.map((e) => {
        // A problem with the return as a whole has no question (null).
        const name = e.question ?? '';
        const q = name ? model.getQuestionByName(name) : null;
        if (q) q.addError(e.message);
        return { question: name, title: q?.processedTitle || q?.title || name, message: e.message };
      });
      onSubmitState({ kind: 'refused', message: result.message, problems });
    } finally {
      sending = false;
    }
  });

  return {
    model,
    resumed: saved !== null && Object.keys(saved.data).length > 0,
    retry: () => model.tryComplete(),
    goTo: (question) => {
      model.focusQuestion(question);
    },
    initialLocale,
    setLocale: async (next) => {
      await loadSurveyCoreLocale(next);
      installPlainErrorsFor(next);
      locale = next;
      model.locale = next;
      save();
    },
  };
}
