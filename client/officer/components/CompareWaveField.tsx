/** "Compare with" another wave of the chosen survey (results, perception, downloads): one field, one wording. */
import { For, Show } from 'solid-js';
import type { OfficerSurvey } from '../api';
import { count } from '../format';

export interface CompareWaveFieldProps {
  id: string;
  survey: OfficerSurvey | undefined;
  /** The wave being reported (left out of the choice). */
  wave: string;
  value: string;
  hint?: string;
  onChange(wave: string): void;
}

export function CompareWaveField(props: CompareWaveFieldProps) {
  const otherWaves = () => (props.survey?.waves ?? []).filter((w) => w.name !== props.wave);
  const hintId = () => `${props.id}-hint`;
  return (
    <div class="field">
      <label for={props.id}>Compare with</label>
      <Show when={props.hint}>
        <p class="hint" id={hintId()}>
          {props.hint}
        </p>
      </Show>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        disabled={!otherWaves().length}
        aria-describedby={props.hint ? hintId() : undefined}
      >
        <option value="">{otherWaves().length ? 'No comparison' : 'No other wave to compare with'}</option>
        <For each={otherWaves()}>
          {(w) => (
            // A wave without replies has nothing to compare with; `selected` keeps the choice when options arrive late.
            <option value={w.name} disabled={w.responses === 0} selected={w.name === props.value}>
              {w.name} – {w.status}, {count(w.responses)} responses
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
