/**
 * The returns page's data part: fetches the chosen wave's returns (again on Refresh), remembers
 * when they were fetched and the officer's choice of ward order; for admins, the form to delete
 * returns (DeleteReturns), after which they are fetched again.
 */
import { createEffect, createSignal, on, Show } from 'solid-js';
import { call, client, describeFailure } from '../../api';
import { selectedSlug, selectedWave } from '../../selection';
import { can, whenSignedIn } from '../../session';
import { DeleteReturns } from './DeleteReturns';
import type { WardMapData } from '../../components/ward-map-types';
import type { WardOrder } from './returns-format';
import { ReturnsView } from './ReturnsView';
import type { Returns } from './types';
import './returns.css';

const returnsEndpoint = client.api.officer.surveys[':slug'].waves[':wave'].returns;

export function ReturnsPage() {
  const [returns, setReturns] = createSignal<Returns | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [updated, setUpdated] = createSignal<Date | null>(null);
  const [order, setOrder] = createSignal<WardOrder>('gap');
  const [wardMap, setWardMap] = createSignal<WardMapData | null>(null);
  let latest = 0;

  // The boundaries change rarely: fetched once; without them (409) the page shows no map.
  void whenSignedIn(call(client.api.officer.areas.map.$get())).then((r) => {
    if (r.kind === 'ok') setWardMap(r.value);
  });

  async function load() {
    const slug = selectedSlug();
    const wave = selectedWave();
    if (!slug || !wave) return;
    const ticket = ++latest;
    setLoading(true);
    setError(null);
    const r = await whenSignedIn(call(returnsEndpoint.$get({ param: { slug, wave } })));
    // A newer request (another wave chosen meanwhile) wins.
    if (ticket !== latest) return;
    setLoading(false);
    if (r.kind !== 'ok') {
      setReturns(null);
      return setError(describeFailure(r));
    }
    setReturns(r.value);
    setUpdated(new Date());
  }

  createEffect(
    on([selectedSlug, selectedWave], () => {
      setReturns(null);
      setUpdated(null);
      void load();
    }),
  );

  return (
    <>
      <ReturnsView
        returns={returns()}
        wardMap={wardMap()}
        loading={loading()}
        error={error()}
        updated={updated()}
        order={order()}
        onOrder={setOrder}
        onRefresh={() => void load()}
      />
      <Show when={can('manage-waves') && selectedSlug() && selectedWave()}>
        <DeleteReturns slug={selectedSlug()} wave={selectedWave()} onDeleted={() => void load()} />
      </Show>
    </>
  );
}
