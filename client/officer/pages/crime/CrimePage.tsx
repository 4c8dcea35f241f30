/**
 * The recorded crime page's data part: what is stored (months, crime types, wards), the rates for
 * a period and crime type, and the SPC chart for a crime type, area and baseline. Both are shown
 * on arrival for the latest stored month and the whole borough, and again on their buttons.
 */
import { createSignal, onMount } from 'solid-js';
import { call, client, describeFailure, type Failure } from '../../api';
import { can, whenSignedIn } from '../../session';
import type { WardMapData } from '../../components/ward-map-types';
import type { PageError } from '../perception/FocusedError';
import { CrimeView } from './CrimeView';
import type { CrimeAvailable, CrimeRates, CrimeSpc } from './format';

const crimeApi = client.api.officer.crime;

const failure = (r: Failure, focus: boolean): PageError => ({ message: describeFailure(r), needsData: r.kind === 'failed' && r.status === 409, focus });

export function CrimePage() {
  const [available, setAvailable] = createSignal<CrimeAvailable | null>(null);
  const [error, setError] = createSignal<PageError | null>(null);
  const [wardMap, setWardMap] = createSignal<WardMapData | null>(null);

  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [rateType, setRateType] = createSignal('');
  const [rates, setRates] = createSignal<CrimeRates | null>(null);
  const [ratesLoading, setRatesLoading] = createSignal(false);
  const [ratesError, setRatesError] = createSignal<PageError | null>(null);

  const [spcType, setSpcType] = createSignal('');
  const [ward, setWard] = createSignal('');
  const [baselineFrom, setBaselineFrom] = createSignal('');
  const [baselineTo, setBaselineTo] = createSignal('');
  const [spc, setSpc] = createSignal<CrimeSpc | null>(null);
  const [spcLoading, setSpcLoading] = createSignal(false);
  const [spcError, setSpcError] = createSignal<PageError | null>(null);

  let ratesRequest = 0;
  let spcRequest = 0;

  async function showRates(byOfficer: boolean) {
    const n = ++ratesRequest;
    setRatesLoading(true);
    setRatesError(null);
    const r = await whenSignedIn(call(crimeApi.rates.$get({ query: { from: from(), to: to(), crimeType: rateType() } })));
    if (n !== ratesRequest) return;
    setRatesLoading(false);
    if (r.kind !== 'ok') {
      setRates(null);
      return setRatesError(failure(r, byOfficer));
    }
    setRates(r.value);
  }

  async function showSpc(byOfficer: boolean) {
    const n = ++spcRequest;
    setSpcLoading(true);
    setSpcError(null);
    const r = await whenSignedIn(
      call(crimeApi.spc.$get({ query: { crimeType: spcType(), ward: ward(), baselineFrom: baselineFrom(), baselineTo: baselineTo() } })),
    );
    if (n !== spcRequest) return;
    setSpcLoading(false);
    if (r.kind !== 'ok') {
      setSpc(null);
      return setSpcError(failure(r, byOfficer));
    }
    setSpc(r.value);
  }

  onMount(async () => {
    // The boundaries change rarely: fetched once; without them (409) the page shows no map.
    void whenSignedIn(call(client.api.officer.areas.map.$get())).then((m) => {
      if (m.kind === 'ok') setWardMap(m.value);
    });
    const r = await whenSignedIn(call(crimeApi.available.$get()));
    if (r.kind !== 'ok') return setError(failure(r, false));
    setAvailable(r.value);
    const last = r.value.months.at(-1);
    if (!last) return;
    setFrom(last);
    setTo(last);
    void showRates(false);
    void showSpc(false);
  });

  const canImport = () => can('import');
  return (
    <CrimeView
      available={available()}
      error={error()}
      canImport={canImport()}
      rates={{
        get from() {
          return from();
        },
        get to() {
          return to();
        },
        get crimeType() {
          return rateType();
        },
        get rates() {
          return rates();
        },
        get wardMap() {
          return wardMap();
        },
        get loading() {
          return ratesLoading();
        },
        get error() {
          return ratesError();
        },
        onFrom: setFrom,
        onTo: setTo,
        onCrimeType: setRateType,
        onShow: () => showRates(true),
      }}
      spc={{
        get crimeType() {
          return spcType();
        },
        get ward() {
          return ward();
        },
        get baselineFrom() {
          return baselineFrom();
        },
        get baselineTo() {
          return baselineTo();
        },
        get spc() {
          return spc();
        },
        get loading() {
          return spcLoading();
        },
        get error() {
          return spcError();
        },
        onCrimeType: setSpcType,
        onWard: setWard,
        onBaselineFrom: setBaselineFrom,
        onBaselineTo: setBaselineTo,
        onShow: () => showSpc(true),
      }}
    />
  );
}
