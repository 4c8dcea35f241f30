/**
 * The county page's data part: every partnership side by side (GET /county), for county readers.
 * Anyone else is refused by the server (403), and the page says why in the server's words.
 */
import { createSignal, onMount } from 'solid-js';
import { call, client, describeFailure } from '../../api';
import { whenSignedIn } from '../../session';
import { CountyView } from './CountyView';
import type { CountyOverview } from './types';
import './county.css';

export function CountyPage() {
  const [overview, setOverview] = createSignal<CountyOverview | null>(null);
  const [error, setError] = createSignal<string | null>(null);

  onMount(async () => {
    const r = await whenSignedIn(call(client.api.officer.county.$get()));
    if (r.kind === 'ok') setOverview(r.value);
    else setError(describeFailure(r));
  });

  return <CountyView overview={overview()} error={error()} />;
}
