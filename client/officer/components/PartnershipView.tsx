/**
 * The header's partnership, drawn: the one this session works in with the officer's role there,
 * and, for an officer of several (or a county reader), a labelled choice with a Switch button.
 * Choosing in the list alone changes nothing: the button does (WCAG 3.2.2, no change on input).
 */
import { For, Show } from 'solid-js';
import type { OfficerPartnership, OfficerPartnerships } from './partnership-types';
import './partnership.css';

export interface PartnershipViewProps {
  /** null until loaded. */
  partnerships: OfficerPartnerships | null;
  busy: boolean;
  error: string | null;
  onSwitch(slug: string): void;
}

const named = (p: OfficerPartnership) => `${p.name} (${p.role})`;

export function PartnershipView(props: PartnershipViewProps) {
  const current = () => props.partnerships?.partnerships.find((p) => p.current);
  const canSwitch = () => !!props.partnerships && (props.partnerships.partnerships.length > 1 || props.partnerships.countyReader);
  return (
    <div class="partnership">
      <Show when={current()}>
        {(c) => (
          <p class="partnership-now">
            Working in <strong>{named(c())}</strong>
          </p>
        )}
      </Show>
      <Show when={canSwitch()}>
        <form
          class="partnership-switch"
          onSubmit={(e) => {
            e.preventDefault();
            props.onSwitch(String(new FormData(e.currentTarget).get('slug') ?? ''));
          }}
        >
          <label for="partnership-choice">Partnership</label>
          <select id="partnership-choice" name="slug">
            <For each={props.partnerships?.partnerships ?? []}>
              {(p) => (
                <option value={p.slug} selected={p.current}>
                  {named(p)}
                </option>
              )}
            </For>
          </select>
          <button type="submit" disabled={props.busy}>
            {props.busy ? 'Switching…' : 'Switch'}
          </button>
        </form>
      </Show>
      <Show when={props.error}>
        <p class="error" role="alert">
          {props.error}
        </p>
      </Show>
    </div>
  );
}
