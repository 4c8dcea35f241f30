/** Survey and wave choice shared by the pages (the choice is kept in the address). */
import { For, Show } from 'solid-js';
import { count } from '../format';
import { chooseSurvey, chooseWave, selectedSlug, selectedSurvey, selectedWave, surveys, surveysError } from '../selection';

export function WavePicker(props: { /** Hide the wave choice (pages about a whole survey). */ surveyOnly?: boolean }) {
  return (
    <div class="picker" role="group" aria-label="Working on">
      <div class="field">
        <label for="pick-survey">Survey</label>
        <select id="pick-survey" value={selectedSlug()} onChange={(e) => chooseSurvey(e.currentTarget.value)}>
          <For each={surveys()}>
            {(s) => (
              // `selected` as well as the select's value: options that arrive after the value was set must still show it.
              <option value={s.slug} selected={s.slug === selectedSlug()}>
                {s.title}
              </option>
            )}
          </For>
        </select>
      </div>
      <Show when={!props.surveyOnly}>
        <div class="field">
          <label for="pick-wave">Wave</label>
          <select id="pick-wave" value={selectedWave()} onChange={(e) => chooseWave(e.currentTarget.value)} disabled={!selectedSurvey()?.waves.length}>
            <Show when={!selectedSurvey()?.waves.length}>
              <option value="">No waves yet</option>
            </Show>
            <For each={selectedSurvey()?.waves ?? []}>
              {(w) => (
                <option value={w.name} selected={w.name === selectedWave()}>
                  {w.name} – {w.status}, {count(w.responses)} responses
                </option>
              )}
            </For>
          </select>
        </div>
      </Show>
      <Show when={surveysError()}>
        <p class="error" role="alert">
          The surveys could not be loaded: {surveysError()}
        </p>
      </Show>
    </div>
  );
}
