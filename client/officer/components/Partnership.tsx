/**
 * The data part of the header's partnership: which one this session works in, and switching to
 * another. Every other officer route answers for the current partnership only, so after a switch
 * the workspace loads afresh from the home page (no survey or wave of the old one in the address).
 * It also tells the navigation whether the officer is a county reader (the County page).
 */
import { createSignal, onMount } from 'solid-js';
import { call, client, describeFailure } from '../api';
import { HOME } from '../pages';
import { setCountyReader, whenSignedIn } from '../session';
import type { OfficerPartnerships } from './partnership-types';
import { PartnershipView } from './PartnershipView';

const partnerships = client.api.officer.partnerships;

export function Partnership() {
  const [list, setList] = createSignal<OfficerPartnerships | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  onMount(async () => {
    const r = await whenSignedIn(call(partnerships.$get()));
    if (r.kind === 'ok') {
      setList(r.value);
      // The navigation shows the County page to county readers only.
      setCountyReader(r.value.countyReader);
    } else setError(`Your partnerships could not be loaded: ${describeFailure(r)}`);
  });

  async function switchTo(slug: string) {
    setBusy(true);
    setError(null);
    const r = await whenSignedIn(call(partnerships.current.$put({ json: { slug } })));
    if (r.kind !== 'ok') {
      setBusy(false);
      return setError(describeFailure(r));
    }
    // A full load: every page's data (surveys, wards, the role's menu) belongs to the partnership.
    location.assign(HOME);
  }

  return <PartnershipView partnerships={list()} busy={busy()} error={error()} onSwitch={(slug) => void switchTo(slug)} />;
}
