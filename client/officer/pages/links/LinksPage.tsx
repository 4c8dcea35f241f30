/**
 * The links page's data part: the chosen wave's links (fetched again after every change),
 * creating a link, changing a link's expiry or cap (or ending it now, or deleting one without
 * answers), copying an address.
 */
import { createEffect, createSignal, on, Show } from 'solid-js';
import { call, client, describeFailure, downloadUrl, type Failure } from '../../api';
import { selectedSlug, selectedSurvey, selectedWave } from '../../selection';
import { whenSignedIn } from '../../session';
import { BulkLinks } from './BulkLinks';
import { LinksView } from './LinksView';
import type { CreateForm, EditForm, FormError, LinkChange, NewLink, OfficerLink, WaveLinks } from './types';
import './links.css';

const waveLinks = client.api.officer.surveys[':slug'].waves[':wave'].links;
const oneLink = client.api.officer.links[':token'];

/** The message and, for a 422, the field the server named. */
function formError(r: Failure): FormError {
  const body = r.kind === 'failed' && r.body && typeof r.body === 'object' ? (r.body as { field?: unknown }) : {};
  return { message: describeFailure(r), field: typeof body.field === 'string' ? body.field : undefined };
}

export function LinksPage() {
  const [data, setData] = createSignal<WaveLinks | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [loadError, setLoadError] = createSignal<string | null>(null);
  const [creating, setCreating] = createSignal(false);
  const [createError, setCreateError] = createSignal<FormError | null>(null);
  const [editing, setEditing] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [editError, setEditError] = createSignal<FormError | null>(null);
  const [status, setStatus] = createSignal<string | null>(null);
  /** The link whose "Change" button gets the focus back once its form has closed. */
  const [returnFocus, setReturnFocus] = createSignal<{ token: string } | null>(null);

  async function load(slug: string, wave: string) {
    setLoading(true);
    setLoadError(null);
    const r = await whenSignedIn(call(waveLinks.$get({ param: { slug, wave } })));
    // A slower answer for a wave the officer has since left is dropped.
    if (slug !== selectedSlug() || wave !== selectedWave()) return;
    setLoading(false);
    if (r.kind !== 'ok') {
      setData(null);
      return setLoadError(`The links could not be loaded: ${describeFailure(r)}`);
    }
    setData(r.value);
  }

  createEffect(
    on([selectedSlug, selectedWave], ([slug, wave]) => {
      setData(null);
      setEditing(null);
      setCreateError(null);
      setStatus(null);
      if (slug && wave) void load(slug, wave);
    }),
  );

  async function create(form: CreateForm): Promise<boolean> {
    const slug = selectedSlug();
    const wave = selectedWave();
    setCreating(true);
    setCreateError(null);
    setStatus(null);
    const body: NewLink = { label: form.label, kind: form.kind };
    if (form.expires) body.expires = form.expires;
    if (form.max.trim()) body.max = Number(form.max);
    const r = await whenSignedIn(call(waveLinks.$post({ param: { slug, wave }, json: body })));
    setCreating(false);
    if (r.kind !== 'ok') {
      setCreateError(formError(r));
      return false;
    }
    setStatus(`Created the link for ${r.value.label}. Its address, QR code and poster are in the table.`);
    await load(slug, wave);
    return true;
  }

  async function change(link: OfficerLink, form: EditForm | 'end'): Promise<void> {
    const body: LinkChange = {};
    if (form === 'end') body.expires = 'now';
    else {
      if (form.expires !== (link.expiresAt?.slice(0, 10) ?? '')) body.expires = form.expires || null;
      const max = form.max.trim() ? Number(form.max) : null;
      if (max !== link.maxResponses) body.max = max;
      if (!Object.keys(body).length) {
        setEditError({ message: 'Nothing was changed: give a new expiry date or cap, or press Cancel.' });
        return;
      }
    }
    setSaving(true);
    setEditError(null);
    setCreateError(null);
    setStatus(null);
    const r = await whenSignedIn(call(oneLink.$patch({ param: { token: link.token }, json: body })));
    setSaving(false);
    if (r.kind !== 'ok') {
      setEditError(formError(r));
      return;
    }
    setEditing(null);
    setStatus(
      form === 'end'
        ? `The link for ${r.value.label} has been ended: it takes no more answers.`
        : `Saved the link for ${r.value.label}: ${r.value.stateReason}`,
    );
    await load(selectedSlug(), selectedWave());
    setReturnFocus({ token: link.token });
  }

  async function remove(link: OfficerLink): Promise<void> {
    setSaving(true);
    setEditError(null);
    setStatus(null);
    const r = await whenSignedIn(call(oneLink.$delete({ param: { token: link.token } })));
    setSaving(false);
    if (r.kind !== 'ok') {
      setEditError(formError(r));
      return;
    }
    setEditing(null);
    setStatus(r.value.message);
    await load(selectedSlug(), selectedWave());
  }

  async function copy(link: OfficerLink, select: () => void) {
    try {
      await navigator.clipboard.writeText(link.url);
      setStatus(`Copied the address for ${link.label}.`);
    } catch {
      select();
      setStatus(`The address for ${link.label} is selected: press Ctrl+C (or ⌘C) to copy it.`);
    }
  }

  return (
    <>
      <LinksView
        survey={selectedSurvey()}
        wave={selectedWave()}
        data={data()}
        loading={loading()}
        loadError={loadError()}
        status={status()}
        creating={creating()}
        createError={createError()}
        editing={editing()}
        saving={saving()}
        editError={editError()}
        qrUrl={(token) => downloadUrl(oneLink['qr.svg'], { param: { token } })}
        posterUrl={(token) => downloadUrl(oneLink['poster.html'], { param: { token } })}
        onCreate={create}
        returnFocus={returnFocus()}
        onEdit={(token) => {
          const was = editing();
          setEditError(null);
          setEditing(token);
          if (!token && was) setReturnFocus({ token: was });
        }}
        onSave={(link, form) => void change(link, form)}
        onEnd={(link) => void change(link, 'end')}
        onDelete={(link) => void remove(link)}
        onCopy={(link, select) => void copy(link, select)}
      />
      <Show when={data()}>
        {(d) => (
          <BulkLinks
            slug={d().survey.slug}
            wave={d().wave.name}
            hasLinks={d().links.some((l) => l.kind !== 'single')}
            onCreated={() => void load(d().survey.slug, d().wave.name)}
          />
        )}
      </Show>
    </>
  );
}
