/**
 * Transactions over the asynchronous query functions, on a real SQLite file: all of the work is
 * stored or none; another request's queries arriving while one is open wait for it rather than
 * joining it (so they are not undone with it); nested calls join; the batched submission commit
 * never lands inside another caller's open transaction.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { storeResponseSoon } from '../../../server/responses/queries.js';
import { inTransaction, insideTransaction } from '../../../server/store/transaction.js';
import { findSurvey, findWave } from '../../../server/surveys/surveys.js';
import { validResident } from '../../helpers/respondent-fixtures.js';
import { tempStore, withOpenWave } from '../../helpers/store.js';
import { insertAudit } from '../../../server/accounts/queries.js';

const t = tempStore();
afterAll(() => t.cleanup());
const { store } = t;
await withOpenWave(store, 'resident-safety', '2026');
const wave = await findWave(store.db, await findSurvey(store.db, 'resident-safety'), '2026');

const actions = () => (store.sqlite.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]).map((r) => r.action);
const responses = () => (store.sqlite.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
const tick = () => new Promise((r) => setTimeout(r, 20));

describe('inTransaction', () => {
  it('stores all of the work, or none of it when it throws', async () => {
    const before = actions();
    await inTransaction(store, async () => {
      await insertAudit(store.db, { officerId: null, action: 'tx.kept.1', detail: null });
      await tick();
      await insertAudit(store.db, { officerId: null, action: 'tx.kept.2', detail: null });
    });
    await expect(
      inTransaction(store, async () => {
        await insertAudit(store.db, { officerId: null, action: 'tx.undone', detail: null });
        await tick();
        throw new Error('refused half way');
      }),
    ).rejects.toThrow('refused half way');
    expect(actions()).toEqual([...before, 'tx.kept.1', 'tx.kept.2']);
    expect(store.sqlite.inTransaction).toBe(false);
  });

  it('makes another caller’s query wait until the open transaction ends, so it is not undone with it', async () => {
    const before = actions();
    let outsideDone = false;
    // Another request (its own async context, not this transaction's) writes while it is open…
    const outside = tick().then(() => insertAudit(store.db, { officerId: null, action: 'outside', detail: null }).then(() => (outsideDone = true)));
    const failing = inTransaction(store, async () => {
      await insertAudit(store.db, { officerId: null, action: 'inside', detail: null });
      await tick();
      await tick();
      // …and waits: its row is not in the store yet, inside or out.
      expect(outsideDone).toBe(false);
      expect(actions()).toEqual([...before, 'inside']);
      throw new Error('undo');
    });
    await expect(failing).rejects.toThrow('undo');
    await outside;
    expect(outsideDone).toBe(true);
    expect(actions()).toEqual([...before, 'outside']);
  });

  it('joins an outer transaction when nested, and knows whether the caller is inside one', async () => {
    const before = actions();
    expect(insideTransaction(store)).toBe(false);
    await expect(
      inTransaction(store, async () => {
        expect(insideTransaction(store)).toBe(true);
        await inTransaction(store, () => insertAudit(store.db, { officerId: null, action: 'nested', detail: null }));
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(actions()).toEqual(before);
  });

  it('takes transactions in turn', async () => {
    const before = actions();
    const order: string[] = [];
    const one = (name: string) =>
      inTransaction(store, async () => {
        order.push(`${name} begins`);
        await tick();
        await insertAudit(store.db, { officerId: null, action: name, detail: null });
        order.push(`${name} ends`);
      });
    await Promise.all([one('first'), one('second')]);
    expect(order).toEqual(['first begins', 'first ends', 'second begins', 'second ends']);
    expect(actions()).toEqual([...before, 'first', 'second']);
  });

  it('commits a batched web submission after the open transaction ends, not inside it', async () => {
    const before = responses();
    let stored = false;
    // A resident's return arrives from outside while an officer's transaction is open.
    const submission = tick().then(() =>
      storeResponseSoon(store, { waveId: wave.id, status: 'complete', answers: validResident(), surveyVersion: 1 }).then(() => (stored = true)),
    );
    await expect(
      inTransaction(store, async () => {
        await insertAudit(store.db, { officerId: null, action: 'before submission', detail: null });
        await tick();
        await tick();
        expect(stored).toBe(false);
        throw new Error('the officer’s change is refused');
      }),
    ).rejects.toThrow('refused');
    await submission;
    expect(stored).toBe(true);
    expect(responses()).toBe(before + 1);
    expect(actions()).not.toContain('before submission');
  });
});
