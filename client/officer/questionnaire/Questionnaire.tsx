/**
 * A questionnaire shown in the officer workspace exactly as respondents see it (survey-js-ui),
 * for previews and for keying in paper returns. SurveyJS is loaded only when this component is
 * first shown (its own chunk), so the other officer pages never download it.
 *
 * - mode 'preview': answers stay in the page; "Complete" shows the thank-you page and nothing is sent.
 * - mode 'entry': "Complete" calls `onComplete(answers)`; a refusal puts the server's messages
 *   on the questions and keeps the answers; success starts a fresh, empty form (`onStored`).
 */
import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import type { SurveyModel } from 'survey-core';
import { applySurveyTheme } from '../../common/survey-theme';

export interface QuestionProblem {
  question: string;
  message: string;
}

export type EntryOutcome = { ok: true } | { ok: false; message: string; problems: QuestionProblem[] };

export interface QuestionnaireProps {
  definition: Record<string, unknown>;
  mode: 'preview' | 'entry';
  /** The language to show a translated questionnaire in (default English). */
  locale?: string;
  /** entry: sends the answers; resolves to what happened. */
  onComplete?(answers: Record<string, unknown>): Promise<EntryOutcome>;
  /** Called with the model once it is shown (tests and pages may read its state). */
  onReady?(model: SurveyModel): void;
}

type Runtime = {
  Model: typeof import('survey-core').Model;
  renderSurvey: typeof import('survey-js-ui').renderSurvey;
  unmount: typeof import('survey-js-ui').unmountComponentAtNode;
};

let runtime: Promise<Runtime> | undefined;

/** survey-core, survey-js-ui and their stylesheet, fetched once. */
export function loadSurveyRuntime(): Promise<Runtime> {
  runtime ??= Promise.all([import('survey-core'), import('survey-js-ui'), import('survey-core/survey-core.fontless.min.css')]).then(([core, ui]) => {
    // Titles as headings (SurveyJS draws divs), below the workspace's h1 and the page's h2.
    Object.assign(core.settings.titleTags, { survey: 'h3', page: 'h4', panel: 'h5', question: 'h5' });
    return { Model: core.Model, renderSurvey: ui.renderSurvey, unmount: ui.unmountComponentAtNode };
  });
  return runtime;
}

export function Questionnaire(props: QuestionnaireProps) {
  let container!: HTMLDivElement;
  const [failed, setFailed] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(true);

  onMount(async () => {
    let rt: Runtime;
    try {
      rt = await loadSurveyRuntime();
    } catch {
      setLoading(false);
      setFailed('The questionnaire viewer could not be loaded. Check your connection and reload the page.');
      return;
    }
    let model: SurveyModel;
    let disposed = false;
    const mount = () => {
      model = new rt.Model(props.definition);
      model.locale = props.locale ?? 'en';
      // As on the respondent page: answers to questions that become hidden are dropped.
      model.clearInvisibleValues = 'onHidden';
      applySurveyTheme(model);
      if (props.mode === 'entry') wireEntry(model, remount);
      rt.renderSurvey(model, container);
      props.onReady?.(model);
    };
    const unmount = () => {
      rt.unmount(container);
      model?.dispose();
    };
    const remount = () => {
      if (disposed) return;
      unmount();
      mount();
    };
    mount();
    setLoading(false);
    onCleanup(() => {
      disposed = true;
      unmount();
    });
  });

  function wireEntry(model: SurveyModel, remount: () => void) {
    let sending = false;
    model.onCompleting.add(async (_, options) => {
      options.allow = false;
      if (sending || !props.onComplete) return;
      sending = true;
      try {
        const outcome = await props.onComplete(model.data);
        if (outcome.ok) return remount();
        for (const p of outcome.problems) model.getQuestionByName(p.question)?.addError(p.message);
        const first = outcome.problems[0];
        if (first) model.focusQuestion(first.question);
      } finally {
        sending = false;
      }
    });
  }

  return (
    <>
      <Show when={loading()}>
        <p role="status">Loading the questionnaire…</p>
      </Show>
      <Show when={failed()}>
        <p class="error" role="alert">
          {failed()}
        </p>
      </Show>
      <div ref={container} class="questionnaire" />
    </>
  );
}
