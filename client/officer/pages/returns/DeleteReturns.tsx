/**
 * Deleting returns, the data part (admins): the existing DELETE …/responses/{id} and DELETE
 * …/responses, then the returns fetched again. The server checks the reason and the typed name;
 * its refusal is shown as it says it.
 */
import { createSignal } from 'solid-js';
import { call, client, describeFailure, type Result } from '../../api';
import { whenSignedIn } from '../../session';
import { DeleteReturnsView } from './DeleteReturnsView';

const responsesEndpoint = client.api.officer.surveys[':slug'].waves[':wave'].responses;

export function DeleteReturns(props: { slug: string; wave: string; onDeleted(): void }) {
  const [busy, setBusy] = createSignal(false);
  const [status, setStatus] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);

  async function finish(request: Promise<Result<{ message: string }>>) {
    setBusy(true);
    setStatus(null);
    setError(null);
    const r = await whenSignedIn(request);
    setBusy(false);
    if (r.kind !== 'ok') setError(describeFailure(r));
    else {
      setStatus(r.value.message);
      props.onDeleted();
    }
    setTimeout(() => document.getElementById('delete-returns-outcome')?.focus(), 0);
  }

  return (
    <DeleteReturnsView
      wave={props.wave}
      busy={busy()}
      status={status()}
      error={error()}
      onDeleteOne={(id, reason) => {
        if (!/^[1-9]\d*$/.test(id)) {
          setStatus(null);
          setError(`Enter the return's id, a whole number from the first column of an export${id ? `, not '${id}'` : ''}. Nothing was deleted.`);
          setTimeout(() => document.getElementById('delete-returns-outcome')?.focus(), 0);
          return;
        }
        void finish(call(responsesEndpoint[':id'].$delete({ param: { slug: props.slug, wave: props.wave, id }, json: { reason } })));
      }}
      onDeleteAll={(confirm, reason) =>
        void finish(call(responsesEndpoint.$delete({ param: { slug: props.slug, wave: props.wave }, json: { reason, confirm } })))
      }
    />
  );
}
