/**
 * Many links at once, drawn: paste a list of school names (or a CSV with school, expires, max)
 * or choose a CSV file, with the expiry and cap for rows that give none; the rows the server
 * refused, each with its reason; the links created with their addresses; and the one PDF of
 * every poster of the wave.
 */
import { For, Show } from 'solid-js';
import type { BulkForm, BulkProblem, BulkResult } from './types';

export interface BulkLinksViewProps {
  busy: boolean;
  error: string | null;
  problems: BulkProblem[];
  created: BulkResult | null;
  postersUrl: string | null;
  onSubmit(form: BulkForm): void;
}

export function BulkLinksView(props: BulkLinksViewProps) {
  return (
    <section class="card bulk-links" aria-labelledby="bulk-heading">
      <h3 id="bulk-heading">Create links for many schools</h3>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const file = f.get('file');
          const csv = file instanceof File && file.size ? await file.text() : String(f.get('list') ?? '');
          props.onSubmit({ csv, expires: String(f.get('expires') ?? ''), max: String(f.get('max') ?? '') });
        }}
      >
        <div class="field wide">
          <label for="bulk-list">School names, one a line</label>
          <p class="hint" id="bulk-list-hint">
            Or a CSV with a header row: school, expires (YYYY-MM-DD) and max, e.g. <code>school,expires,max</code>. Every row is created, or none is.
          </p>
          <textarea id="bulk-list" name="list" rows={5} aria-describedby="bulk-list-hint" />
        </div>
        <div class="field wide">
          <label for="bulk-file">Or choose a CSV file</label>
          <input id="bulk-file" name="file" type="file" accept=".csv,text/csv" />
        </div>
        <div class="create-fields">
          <div class="field">
            <label for="bulk-expires">Expiry for rows without one (optional)</label>
            <input id="bulk-expires" name="expires" type="date" />
          </div>
          <div class="field">
            <label for="bulk-max">Cap for rows without one (optional)</label>
            <input id="bulk-max" name="max" type="number" min="1" inputmode="numeric" />
          </div>
        </div>
        <button type="submit" class="primary" disabled={props.busy}>
          {props.busy ? 'Creating…' : 'Create the links'}
        </button>
      </form>
      <Show when={props.error}>
        <div class="error" role="alert" id="bulk-error">
          <p>{props.error!.split('\n')[0]}</p>
          <Show when={props.problems.length}>
            <table class="bulk-problems">
              <caption>Rows that cannot be used</caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Name</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.problems}>
                  {(p) => (
                    <tr>
                      <td>{p.row}</td>
                      <td>{p.label || '(empty)'}</td>
                      <td>{p.error}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        </div>
      </Show>
      <Show when={props.created}>
        {(r) => (
          <div role="status">
            <p>Created {r().created.length} links:</p>
            <ul class="bulk-created">
              <For each={r().created}>
                {(l) => (
                  <li>
                    {l.label}: <code>{l.url}</code>
                  </li>
                )}
              </For>
            </ul>
          </div>
        )}
      </Show>
      <Show when={props.postersUrl}>
        <p>
          <a href={props.postersUrl!} download="">
            Download every poster of this wave (one A4 PDF, a page per school or channel)
          </a>
        </p>
      </Show>
    </section>
  );
}
