/** A page error announced at once (role=alert), focused after an officer's own action, with a pointer to the Data page when data is missing. */
import { createEffect, on, Show } from 'solid-js';
import { followLink } from '../../router';
import type { PageError } from './types';

export type { PageError } from './types';

/** An error announced at once, and focused so keyboard users land on it. */
export function FocusedError(props: { error: PageError | null; canImport: boolean }) {
  let el: HTMLDivElement | undefined;
  createEffect(
    on(
      () => props.error,
      (e) => e?.focus && setTimeout(() => el?.focus(), 0),
    ),
  );
  return (
    <Show when={props.error}>
      {(e) => (
        <div class="error" role="alert" tabindex="-1" ref={el}>
          <p>{e().message}</p>
          <Show when={e().needsData}>
            <p>
              <Show
                when={props.canImport}
                fallback={
                  <>
                    Recorded crime and population figures are loaded on the{' '}
                    <a href="/officer/data" onClick={followLink}>
                      Data page
                    </a>{' '}
                    by an analyst or admin: ask one to load them.
                  </>
                }
              >
                Load recorded crime (police.uk files) and population figures on the{' '}
                <a href="/officer/data" onClick={followLink}>
                  Data page
                </a>
                .
              </Show>
            </p>
          </Show>
        </div>
      )}
    </Show>
  );
}
