/** The accounts page's data part (admin): the accounts, adding one, and the audit log. */
import { createSignal, onMount } from 'solid-js';
import type { Role } from '../../../../server/accounts/roles';
import { call, client, describeFailure, type Result } from '../../api';
import { whenSignedIn } from '../../session';
import { Council } from './Council';
import { AccountsView } from './AccountsView';
import type { AccountAction, AccountOutcome, AuditEntry, OfficerAccount } from './types';
import './accounts.css';

const officerApi = client.api.officer;
const ROLE_WORDS: Record<Role, string> = { admin: 'an admin', analyst: 'an analyst', viewer: 'a viewer' };
/** Entries shown first, and after "Show older entries" (the server's maximum). */
const FIRST_PAGE = 200;
const MOST = 1000;

export function AccountsPage() {
  const [accounts, setAccounts] = createSignal<OfficerAccount[] | null>(null);
  const [accountsError, setAccountsError] = createSignal<string | null>(null);
  const [entries, setEntries] = createSignal<AuditEntry[] | null>(null);
  const [auditLimit, setAuditLimit] = createSignal(FIRST_PAGE);
  const [auditError, setAuditError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [formError, setFormError] = createSignal<string | null>(null);
  const [added, setAdded] = createSignal<OfficerAccount | null>(null);
  const [busyId, setBusyId] = createSignal<number | null>(null);
  const [outcome, setOutcome] = createSignal<AccountOutcome | null>(null);

  async function loadAccounts() {
    const r = await whenSignedIn(call(officerApi.officers.$get()));
    if (r.kind === 'ok') {
      setAccounts(r.value.officers);
      setAccountsError(null);
    } else setAccountsError(describeFailure(r));
  }

  async function loadAudit(limit = auditLimit()) {
    const r = await whenSignedIn(call(officerApi.audit.$get({ query: { limit: String(limit) } })));
    if (r.kind === 'ok') {
      setEntries(r.value.entries);
      setAuditLimit(limit);
      setAuditError(null);
    } else setAuditError(describeFailure(r));
  }

  onMount(() => void Promise.all([loadAccounts(), loadAudit()]));

  async function add(input: { email: string; password: string; role: Role | '' }): Promise<boolean> {
    setFormError(null);
    setAdded(null);
    if (!input.role) {
      setFormError('Choose a role for the new account.');
      return false;
    }
    setSaving(true);
    const r = await whenSignedIn(call(officerApi.officers.$post({ json: input })));
    setSaving(false);
    if (r.kind === 'signed-out') return false;
    if (r.kind !== 'ok') {
      setFormError(describeFailure(r));
      return false;
    }
    setAdded(r.value);
    await Promise.all([loadAccounts(), loadAudit()]);
    return true;
  }

  /** One change to one account; the outcome is announced and the list and log reloaded. */
  async function act(account: OfficerAccount, action: AccountAction) {
    const one = officerApi.officers[':id'];
    const param = { id: String(account.id) };
    setBusyId(account.id);
    setOutcome(null);
    const who = account.email;
    let r: Result<unknown>;
    let done = '';
    let reset: AccountOutcome['reset'];
    switch (action.kind) {
      case 'role':
        r = await whenSignedIn(call(one.$patch({ param, json: { role: action.role } })));
        done = `${who} is now ${ROLE_WORDS[action.role]}. It takes effect on their next request.`;
        break;
      case 'disable':
        r = await whenSignedIn(call(one.$patch({ param, json: { disabled: action.disabled } })));
        done = action.disabled ? `${who} is disabled: they are signed out and cannot sign in.` : `${who} is enabled: they can sign in again.`;
        break;
      case 'sign-out': {
        const s = await whenSignedIn(call(one['sign-out'].$post({ param })));
        r = s;
        if (s.kind === 'ok') done = `${who} is signed out everywhere (${s.value.sessionsEnded} ${s.value.sessionsEnded === 1 ? 'session' : 'sessions'} ended).`;
        break;
      }
      case 'reset': {
        const s = await whenSignedIn(call(one['password-reset'].$post({ param })));
        r = s;
        if (s.kind === 'ok') {
          done = `A reset code for ${who} is below. Pass it on by phone or in person; it works once.`;
          reset = { code: s.value.code, link: `${location.origin}${s.value.path}`, expiresAt: s.value.expiresAt };
        }
        break;
      }
      case 'remove-two-factor':
        r = await whenSignedIn(call(one['two-factor'].$delete({ param })));
        done = `Two-factor sign-in is removed from ${who}: they sign in with their password alone until they set it up again.`;
        break;
    }
    setBusyId(null);
    if (r.kind === 'signed-out') return;
    if (r.kind !== 'ok') setOutcome({ ok: false, message: `${who}: ${describeFailure(r)}` });
    else setOutcome({ ok: true, message: done, reset });
    await Promise.all([loadAccounts(), loadAudit()]);
  }

  return (
    <>
      <AccountsView
        accounts={accounts()}
        accountsError={accountsError()}
        entries={entries()}
        auditError={auditError()}
        canShowOlder={(entries()?.length ?? 0) >= auditLimit() && auditLimit() < MOST}
        saving={saving()}
        formError={formError()}
        added={added()}
        onAdd={add}
        busyId={busyId()}
        outcome={outcome()}
        onAction={(a, action) => void act(a, action)}
        onShowOlder={() => loadAudit(MOST)}
      />
      <Council />
    </>
  );
}
