/**
 * Deleting returns for good, as a pure view (admins): one return by its id (an erasure request, a
 * test entry), or every return of the wave with the wave's name typed to confirm; a reason is
 * required for both and kept in the audit log. The outcome, or the server's refusal, in words.
 */
import { ErrorAlert, Status } from '../../components/feedback';

export interface DeleteReturnsViewProps {
  wave: string;
  busy: boolean;
  status: string | null;
  error: string | null;
  onDeleteOne(id: string, reason: string): void;
  onDeleteAll(confirm: string, reason: string): void;
}

export function DeleteReturnsView(props: DeleteReturnsViewProps) {
  return (
    <section class="card delete-returns" aria-labelledby="delete-returns-heading">
      <h2 id="delete-returns-heading">Delete returns of wave {props.wave}</h2>
      <p class="hint">
        Deleted returns are gone for good (a backup keeps them until it is replaced). The reason is kept in the audit log. If the wave has been weighted, run
        the weighting again afterwards.
      </p>
      <div id="delete-returns-outcome" tabindex="-1">
        <Status message={props.status} />
        <ErrorAlert message={props.error} />
      </div>
      <div class="delete-forms">
        <form
          class="choose"
          aria-labelledby="delete-one-heading"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            props.onDeleteOne(String(f.get('id') ?? '').trim(), String(f.get('reason') ?? ''));
          }}
        >
          <h3 id="delete-one-heading">One return</h3>
          <div class="field">
            <label for="delete-one-id">Return id</label>
            <p class="hint" id="delete-one-id-hint">
              The first column (id) of every export.
            </p>
            <input id="delete-one-id" name="id" type="text" inputmode="numeric" autocomplete="off" aria-describedby="delete-one-id-hint" />
          </div>
          <div class="field">
            <label for="delete-one-reason">Reason</label>
            <p class="hint" id="delete-one-reason-hint">
              For example: erasure request from the respondent, or test entry.
            </p>
            <input id="delete-one-reason" name="reason" type="text" maxLength={500} autocomplete="off" aria-describedby="delete-one-reason-hint" />
          </div>
          <button type="submit" class="danger" disabled={props.busy}>
            {props.busy ? 'Deleting…' : 'Delete this return'}
          </button>
        </form>
        <form
          class="choose"
          aria-labelledby="delete-all-heading"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            props.onDeleteAll(String(f.get('confirm') ?? ''), String(f.get('reason') ?? ''));
          }}
        >
          <h3 id="delete-all-heading">Every return of the wave</h3>
          <p class="hint">For a test wave, or test returns entered before the survey opened: every return of wave {props.wave} is deleted.</p>
          <div class="field">
            <label for="delete-all-reason">Reason</label>
            <input id="delete-all-reason" name="reason" type="text" maxLength={500} autocomplete="off" />
          </div>
          <div class="field">
            <label for="delete-all-confirm">Type the wave's name, {props.wave}, to confirm</label>
            <input id="delete-all-confirm" name="confirm" type="text" autocomplete="off" />
          </div>
          <button type="submit" class="danger" disabled={props.busy}>
            {props.busy ? 'Deleting…' : `Delete every return of wave ${props.wave}`}
          </button>
        </form>
      </div>
    </section>
  );
}
