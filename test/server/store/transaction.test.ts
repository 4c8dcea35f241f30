/**
 * Transactions over the asynchronous query functions: all of the work is stored or none; another
 * request's write made while one is open is not undone with it; nested calls join (on either
 * store). On the one SQLite connection, another request's queries arriving while one is open wait
 * for it rather than joining it; transactions take turns; the batched submission commit never
 * lands inside another caller's open transaction (a real SQLite file: Postgres gives each
 * transaction a connection of its own and runs the others beside it).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { storeResponseSoon } from '../../../server/responses/queries.js';
import { inTransaction, insideTransaction } from '../../../server/store/transaction.js';
import { findSurvey, findWave } from '../../../server/surveys/surveys.js';
import { validResident } from '../../helpers/respondent-fixtures.js';
import { tempStore, testStore, withOpenWave } from '../../helpers/store.js';
import { insertAudit } from '../../../server/accounts/queries.js';

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('inTransaction, on either store', async () => {
  const t = await testStore();
  afterAll(() => t.cleanup());
  const { store } = t;
  const actions = async () => (await t.sql.all<{ action: string }>('SELECT action FROM audit_log ORDER BY id')).map((r) => r.action);
  /** The transaction's connection is given back: SQLite's is out of its transaction, Postgres's returned to the pool. */
  const closed = () => (store.kind === 'sqlite' ? !store.sqlite.inTransaction : store.pool.idleCount === store.pool.totalCount);

  it('stores all of the work, or none of it when it throws', async () => {
    const before = await actions();
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
    expect(await actions()).toEqual([...before, 'tx.kept.1', 'tx.kept.2']);
    expect(closed()).toBe(true);
  });

  it('does not undo another caller’s write made while it is open', async () => {
    const before = await actions();
    // Another request (its own async context, not this transaction's) writes while it is open.
    const outside = tick().then(() => insertAudit(store.db, { officerId: null, action: 'outside', detail: null }));
    const failing = inTransaction(store, async () => {
      await insertAudit(store.db, { officerId: null, action: 'inside', detail: null });
      await tick();
      await tick();
      throw new Error('undo');
    });
    await expect(failing).rejects.toThrow('undo');
    await outside;
    expect(await actions()).toEqual([...before, 'outside']);
  });

  it('joins an outer transaction when nested, and knows whether the caller is inside one', async () => {
    const before = await actions();
    expect(insideTransaction(store)).toBe(false);
    await expect(
      inTransaction(store, async () => {
        expect(insideTransaction(store)).toBe(true);
        await inTransaction(store, () => insertAudit(store.db, { officerId: null, action: 'nested', detail: null }));
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await actions()).toEqual(before);
    expect(insideTransaction(store)).toBe(false);
  });

  it('keeps a web submission that arrives while it is open, and undoes only the transaction’s own work', async () => {
    await withOpenWave(store, 'resident-safety', '2026');
    const wave = await findWave(store.db, await findSurvey(store.db, 'resident-safety'), '2026');
    const responses = async () => (await t.sql.get<{ n: number }>('SELECT count(*) AS n FROM responses'))!.n;
    const before = await responses();
    const submission = tick().then(() => storeResponseSoon(store, { waveId: wave.id, status: 'complete', answers: validResident(), surveyVersion: 1 }));
    await expect(
      inTransaction(store, async () => {
        await insertAudit(store.db, { officerId: null, action: 'before submission', detail: null });
        await tick();
        await tick();
        throw new Error('the officer’s change is refused');
      }),
    ).rejects.toThrow('refused');
    await submission;
    expect(await responses()).toBe(before + 1);
    expect(await actions()).not.toContain('before submission');
  });
});

describe('inTransaction on the one SQLite connection', async () => {
  const t = tempStore();
  afterAll(() => t.cleanup());
  const { store } = t;
  await withOpenWave(store, 'resident-safety', '2026');
  const wave = await findWave(store.db, await findSurvey(store.db, 'resident-safety'), '2026');
  const actions = () => (store.sqlite.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]).map((r) => r.action);
  const responses = () => (store.sqlite.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;

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
