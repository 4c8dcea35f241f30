/** Accounts and the audit log as a pure view: the accounts table, the new-account form, the log. */
import { createEffect, For, Show } from 'solid-js';
import { ROLES, type Role } from '../../../../server/accounts/roles';
import { ErrorAlert, PageHeading } from '../../components/feedback';
import { count, date, dateTime } from '../../format';
import { PASSWORD_RULE } from './password-rule';
import type { AccountAction, AccountOutcome, AuditEntry, OfficerAccount } from './types';
import { actionWords, detailWords, ROLE_NAMES, roleWords } from './words';

export interface AccountsViewProps {
  accounts: OfficerAccount[] | null;
  accountsError: string | null;
  entries: AuditEntry[] | null;
  auditError: string | null;
  canShowOlder: boolean;
  saving: boolean;
  formError: string | null;
  added: OfficerAccount | null;
  /** Resolves true when the account was added (the form is then cleared). */
  onAdd(input: { email: string; password: string; role: Role | '' }): Promise<boolean>;
  onShowOlder(): void;
  /** The account whose change is being sent, if any. */
  busyId: number | null;
  outcome: AccountOutcome | null;
  onAction(account: OfficerAccount, action: AccountAction): void;
}

function AccountRow(props: { a: OfficerAccount; busy: boolean; onAction: AccountsViewProps['onAction'] }) {
  let role!: HTMLSelectElement;
  const a = () => props.a;
  const id = () => `account-${a().id}`;
  return (
    <tr>
      <th scope="row" class="email" id={`${id()}-email`}>
        {a().email}
      </th>
      <td>{ROLE_NAMES[a().role]}</td>
      <td>{a().disabled ? <strong>Disabled</strong> : 'Enabled'}</td>
      <td class="when">{a().lastSignInAt ? <time datetime={a().lastSignInAt ?? ''}>{dateTime(a().lastSignInAt ?? '')}</time> : 'Never'}</td>
      <td>{a().twoFactor ? 'On' : 'Off'}</td>
      <td>
        <time datetime={a().createdAt}>{date(a().createdAt)}</time>
      </td>
      <td class="account-actions">
        <fieldset disabled={props.busy}>
          <legend class="visually-hidden">Change {a().email}</legend>
          <div class="role-change">
            <label for={`${id()}-role`}>Role</label>
            <select ref={role} id={`${id()}-role`} value={a().role}>
              <For each={[...ROLES]}>{(r) => <option value={r}>{ROLE_NAMES[r]}</option>}</For>
            </select>
            <button
              type="button"
              class="secondary"
              aria-describedby={`${id()}-email`}
              onClick={() => props.onAction(a(), { kind: 'role', role: role.value as Role })}
            >
              Change role
            </button>
          </div>
          <button
            type="button"
            class="secondary"
            aria-describedby={`${id()}-email`}
            onClick={() => props.onAction(a(), { kind: 'disable', disabled: !a().disabled })}
          >
            {a().disabled ? 'Enable' : 'Disable'}
          </button>
          <Show when={!a().disabled}>
            <button type="button" class="secondary" aria-describedby={`${id()}-email`} onClick={() => props.onAction(a(), { kind: 'reset' })}>
              Make a reset code
            </button>
            <button type="button" class="secondary" aria-describedby={`${id()}-email`} onClick={() => props.onAction(a(), { kind: 'sign-out' })}>
              Sign out everywhere
            </button>
          </Show>
          <Show when={a().twoFactor}>
            <button type="button" class="secondary" aria-describedby={`${id()}-email`} onClick={() => props.onAction(a(), { kind: 'remove-two-factor' })}>
              Remove two-factor
            </button>
          </Show>
        </fieldset>
      </td>
    </tr>
  );
}

function Accounts(props: { accounts: OfficerAccount[]; busyId: number | null; onAction: AccountsViewProps['onAction'] }) {
  return (
    <div class="table-scroll">
      <table class="data accounts">
        <caption>Officer accounts ({count(props.accounts.length)})</caption>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Two-factor</th>
            <th scope="col">Created</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.accounts}>{(a) => <AccountRow a={a} busy={props.busyId === a.id} onAction={props.onAction} />}</For>
        </tbody>
      </table>
    </div>
  );
}

/** The latest action's result, in a live region; a reset code is shown with its link to pass on. */
function Outcome(props: { outcome: AccountOutcome | null }) {
  return (
    <div class="account-outcome" role="status" aria-live="polite">
      <Show when={props.outcome}>
        {(o) => (
          <div class={o().ok ? 'status' : 'error'}>
            <p>{o().message}</p>
            <Show when={o().reset}>
              {(r) => (
                <dl class="reset-code">
                  <dt>Code</dt>
                  <dd>
                    <code>{r().code}</code>
                  </dd>
                  <dt>Link</dt>
                  <dd>
                    <code>{r().link}</code>
                  </dd>
                  <dt>Works until</dt>
                  <dd>
                    <time datetime={r().expiresAt}>{dateTime(r().expiresAt)}</time>
                  </dd>
                </dl>
              )}
            </Show>
          </div>
        )}
      </Show>
    </div>
  );
}

function AddAccount(props: Pick<AccountsViewProps, 'saving' | 'formError' | 'added' | 'onAdd'>) {
  let form!: HTMLFormElement;
  let email!: HTMLInputElement;
  let password!: HTMLInputElement;
  let errorBox!: HTMLDivElement;
  createEffect(() => {
    if (props.formError) errorBox?.focus();
  });
  const role = (): Role | '' => (form?.querySelector<HTMLInputElement>('input[name="role"]:checked')?.value as Role | undefined) ?? '';
  return (
    <form
      ref={form}
      class="card add-account"
      aria-labelledby="add-account-heading"
      novalidate
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await props.onAdd({ email: email.value.trim(), password: password.value, role: role() });
        if (ok) {
          form.reset();
          email.focus();
        }
      }}
    >
      <h3 id="add-account-heading">Add an account</h3>
      <div class="field">
        <label for="new-email">Email</label>
        <input ref={email} id="new-email" name="email" type="email" autocomplete="off" spellcheck={false} aria-describedby="new-email-hint" />
        <p id="new-email-hint" class="hint">
          The officer signs in with this address; it can't be changed later.
        </p>
      </div>
      <div class="field">
        <label for="new-password">Password</label>
        <input ref={password} id="new-password" name="password" type="password" autocomplete="new-password" aria-describedby="new-password-hint" />
        <p id="new-password-hint" class="hint">
          {PASSWORD_RULE} Give it to the officer in person or by phone, not in the same email as their address.
        </p>
      </div>
      <fieldset>
        <legend>Role</legend>
        <For each={[...ROLES]}>
          {(r) => (
            <div class="role-choice">
              <label class="choice" for={`role-${r}`}>
                <input id={`role-${r}`} type="radio" name="role" value={r} aria-describedby={`role-${r}-hint`} />
                {ROLE_NAMES[r]}
              </label>
              <p id={`role-${r}-hint`} class="hint">
                {roleWords(r)}
              </p>
            </div>
          )}
        </For>
      </fieldset>
      <div class="actions">
        <button type="submit" disabled={props.saving}>
          {props.saving ? 'Adding…' : 'Add account'}
        </button>
      </div>
      <div ref={errorBox} id="add-account-error" tabindex="-1">
        <ErrorAlert message={props.formError} />
      </div>
      <p role="status" class={props.added ? 'status' : 'visually-hidden'}>
        {props.added ? `Account added: ${props.added.email} (${ROLE_NAMES[props.added.role].toLowerCase()}). They can sign in now.` : ''}
      </p>
    </form>
  );
}

function AuditLog(props: { entries: AuditEntry[]; canShowOlder: boolean; onShowOlder(): void }) {
  return (
    <Show when={props.entries.length} fallback={<p>Nothing has been recorded yet.</p>}>
      <div class="table-scroll">
        <table class="data audit">
          <caption>Audit log, newest first ({count(props.entries.length)} entries shown)</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.entries}>
              {(e) => (
                <tr>
                  <td class="when">
                    <time datetime={e.at}>{dateTime(e.at)}</time>
                  </td>
                  <td class="email">{e.email ?? (e.officerId === null ? 'No account' : 'A deleted account')}</td>
                  <th scope="row">{actionWords(e.action)}</th>
                  <td>{detailWords(e.action, e.details)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={props.canShowOlder}>
        <div class="actions">
          <button type="button" class="secondary" onClick={() => props.onShowOlder()}>
            Show older entries
          </button>
        </div>
      </Show>
    </Show>
  );
}

export function AccountsView(props: AccountsViewProps) {
  return (
    <>
      <PageHeading intro="Who can sign in to the officer workspace, and what each account has done. Only admins see this page.">
        Accounts and audit log
      </PageHeading>
      <section aria-labelledby="accounts-heading">
        <h3 id="accounts-heading">Accounts</h3>
        <ErrorAlert message={props.accountsError} />
        <Show
          when={props.accounts}
          fallback={
            <Show when={!props.accountsError}>
              <p role="status">Loading the accounts…</p>
            </Show>
          }
        >
          {(a) => <Accounts accounts={a()} busyId={props.busyId} onAction={props.onAction} />}
        </Show>
        <Outcome outcome={props.outcome} />
        <AddAccount saving={props.saving} formError={props.formError} added={props.added} onAdd={props.onAdd} />
      </section>
      <section aria-labelledby="audit-heading" class="audit-section">
        <h3 id="audit-heading">Audit log</h3>
        <p class="hint">Every sign-in, download and change, with who made it. IP addresses are never recorded.</p>
        <ErrorAlert message={props.auditError} />
        <Show
          when={props.entries}
          fallback={
            <Show when={!props.auditError}>
              <p role="status">Loading the audit log…</p>
            </Show>
          }
        >
          {(e) => <AuditLog entries={e()} canShowOlder={props.canShowOlder} onShowOlder={props.onShowOlder} />}
        </Show>
      </section>
    </>
  );
}
