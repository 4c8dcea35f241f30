/** The data part of the council's details: loads them, saves the form, uploads the logo. */
import { createSignal, onMount } from 'solid-js';
import { call, client, describeFailure, upload } from '../../api';
import { whenSignedIn } from '../../session';
import { CouncilView } from './CouncilView';
import type { CouncilDetails, CouncilForm } from './types';

const settings = client.api.officer.settings;

export function Council() {
  const [details, setDetails] = createSignal<CouncilDetails | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal<string | null>(null);

  onMount(async () => {
    const r = await whenSignedIn(call(settings.$get()));
    if (r.kind === 'ok') setDetails(r.value);
    else setError(`The council's details could not be loaded: ${describeFailure(r)}`);
  });

  async function save(form: CouncilForm) {
    setSaving(true);
    setError(null);
    setStatus(null);
    const r = await whenSignedIn(call(settings.$put({ json: form })));
    setSaving(false);
    if (r.kind !== 'ok') return setError(describeFailure(r));
    setDetails(r.value);
    setStatus(`Saved. The privacy notices now name ${r.value.councilName}.`);
  }

  async function logo(file: File) {
    setError(null);
    setStatus(null);
    const r = await whenSignedIn(upload(settings.logo, {}, file, { contentType: file.type || 'image/png', method: 'PUT' }));
    if (r.kind !== 'ok') return setError(describeFailure(r));
    setDetails(r.value as CouncilDetails);
    setStatus('Saved the logo.');
  }

  return <CouncilView details={details()} saving={saving()} error={error()} status={status()} onSave={(f) => void save(f)} onLogo={(f) => void logo(f)} />;
}
