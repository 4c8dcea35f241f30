/** The data part of "many links at once": sends the list, keeps what the server answered. */
import { createSignal } from 'solid-js';
import { call, client, describeFailure, downloadUrl } from '../../api';
import { whenSignedIn } from '../../session';
import { BulkLinksView } from './BulkLinksView';
import type { BulkForm, BulkProblem, BulkResult } from './types';

const bulk = client.api.officer.surveys[':slug'].waves[':wave'].links.bulk;
const posters = client.api.officer.surveys[':slug'].waves[':wave']['posters.pdf'];

export function BulkLinks(props: { slug: string; wave: string; hasLinks: boolean; onCreated(): void }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [problems, setProblems] = createSignal<BulkProblem[]>([]);
  const [created, setCreated] = createSignal<BulkResult | null>(null);

  async function submit(form: BulkForm) {
    setBusy(true);
    setError(null);
    setProblems([]);
    setCreated(null);
    const json: { csv: string; expires?: string; max?: number } = { csv: form.csv };
    if (form.expires) json.expires = form.expires;
    if (form.max.trim()) json.max = Number(form.max);
    const r = await whenSignedIn(call(bulk.$post({ param: { slug: props.slug, wave: props.wave }, json })));
    setBusy(false);
    if (r.kind !== 'ok') {
      const body = r.kind === 'failed' && r.body && typeof r.body === 'object' ? (r.body as { rows?: BulkProblem[] }) : {};
      setProblems(Array.isArray(body.rows) ? body.rows : []);
      return setError(describeFailure(r));
    }
    setCreated(r.value);
    props.onCreated();
  }

  return (
    <BulkLinksView
      busy={busy()}
      error={error()}
      problems={problems()}
      created={created()}
      postersUrl={props.hasLinks ? downloadUrl(posters, { param: { slug: props.slug, wave: props.wave } }) : null}
      onSubmit={(f) => void submit(f)}
    />
  );
}
