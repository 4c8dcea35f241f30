/** Mounts a SurveyJS model into a div for as long as this component lives. */
import { onCleanup, onMount } from 'solid-js';
import type { SurveyModel } from 'survey-core';
import { renderSurvey, unmountComponentAtNode } from 'survey-js-ui';
import { focusEachNewPage } from './page-focus';

export function SurveyView(props: { model: SurveyModel }) {
  let container!: HTMLDivElement;
  let live!: HTMLParagraphElement;
  onMount(() => {
    const { model } = props;
    renderSurvey(model, container);
    const stopFocus = focusEachNewPage(model, container, live);
    onCleanup(() => {
      stopFocus();
      // survey-js-ui renders with its bundled Preact: unmount it there, then free the model.
      unmountComponentAtNode(container);
      model.dispose();
    });
  });
  return (
    <>
      <div ref={container} class="survey-container" />
      <p ref={live} class="visually-hidden" role="status" aria-live="polite" data-testid="page-announcement" />
    </>
  );
}
