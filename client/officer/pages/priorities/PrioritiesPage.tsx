/**
 * The priorities page's data part: the chosen assessment year's matrix (kept in the address as
 * ?year=, this year by default), saving a theme's scores or the criteria weights. Each save
 * answers with the whole matrix, so the ranked list shown is always the server's.
 */
import { createEffect, createSignal, on } from 'solid-js';
import { call, client, describeFailure } from '../../api';
import { queryParam, setQuery } from '../../router';
import { can, whenSignedIn } from '../../session';
import { PrioritiesView } from './PrioritiesView';
import type { FormError, Matrix, ScoresChange, WeightsChange } from './types';
import './priorities.css';

const priorities = client.api.officer.priorities[':year'];

export function PrioritiesPage() {
  const year = () => queryParam('year') ?? String(new Date().getFullYear());
  const [data, setData] = createSignal<Matrix | null>(null);
  const [loadError, setLoadError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal<string | null>(null);
  const [formError, setFormError] = createSignal<FormError | null>(null);
  const [status, setStatus] = createSignal<string | null>(null);

  async function load(y: string) {
    setLoadError(null);
    const r = await whenSignedIn(call(priorities.$get({ param: { year: y } })));
    // A slower answer for a year the officer has since left is dropped.
    if (y !== year()) return;
    if (r.kind !== 'ok') return setLoadError(`The priority matrix could not be loaded: ${describeFailure(r)}`);
    setData(r.value);
  }

  createEffect(
    on(year, (y) => {
      setData(null);
      setFormError(null);
      setStatus(null);
      void load(y);
    }),
  );

  async function saveScores(body: ScoresChange, label: string) {
    const y = year();
    setSaving(body.theme);
    setFormError(null);
    setStatus(null);
    const r = await whenSignedIn(call(priorities.scores.$put({ param: { year: y }, json: body })));
    setSaving(null);
    if (r.kind !== 'ok') return setFormError({ form: body.theme, message: `The scores for ${label} were not saved: ${describeFailure(r)}` });
    setData(r.value);
    const row = r.value.rows.find((x) => x.theme === body.theme);
    setStatus(
      row?.rank
        ? `Saved the scores for ${label}: it is ranked ${row.rank} of ${r.value.rows.length}.`
        : `Saved the scores for ${label}. It is ranked once every criterion is scored.`,
    );
  }

  async function saveWeights(body: WeightsChange) {
    const y = year();
    setSaving('weights');
    setFormError(null);
    setStatus(null);
    const r = await whenSignedIn(call(priorities.weights.$put({ param: { year: y }, json: body })));
    setSaving(null);
    if (r.kind !== 'ok') return setFormError({ form: 'weights', message: `The weights were not saved: ${describeFailure(r)}` });
    setData(r.value);
    setStatus('Saved the weights: the ranked list below uses them.');
  }

  return (
    <PrioritiesView
      year={year()}
      data={data()}
      loadError={loadError()}
      canScore={can('score-priorities')}
      saving={saving()}
      formError={formError()}
      status={status()}
      onYear={(y) => setQuery({ year: y })}
      onScores={(body, label) => void saveScores(body, label)}
      onWeights={(body) => void saveWeights(body)}
      onFormError={setFormError}
    />
  );
}
