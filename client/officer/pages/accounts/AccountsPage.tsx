/** The accounts page's data part (admin): the accounts, adding one, and the audit log. */
import { createSignal, onMount } from 'solid-js';
import type { Role } from '../../../../server/accounts/roles';
import { call, client, describeFailure } from '../../api';
import { whenSignedIn } from '../../session';
import { Council } from './Council';
import { AccountsView } from './AccountsView';
import type { AuditEntry, OfficerAccount } from './types';
import './accounts.css';

const officerApi = client.api.officer;
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
        onShowOlder={() => loadAudit(MOST)}
      />
      <Council />
    </>
  );
}
