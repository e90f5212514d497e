import { expect } from 'chai';
import { z } from 'zod';
import { BusMessageTooLargeError, type ClusterBus } from '../../../bot/storage/clusterBus.js';
import type { CollectionSpec } from '../../../bot/storage/collection.js';
import type { Stores } from '../../../bot/storage/stores.js';
import { storeUnderTest, type StoreUnderTest } from '../../helpers/storeUnderTest.js';
import { describeOn } from '../../helpers/testStorage.js';

const caseSchema = z.object({ id: z.string(), status: z.string(), agent: z.string().optional() });
type Item = z.infer<typeof caseSchema>;
const ITEMS: CollectionSpec<Item, 'status'> = {
  name: 'clusterItems',
  schema: caseSchema,
  indexes: { status: (r) => r.status },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * Resolve once every bus listens on every channel subscribed so far: a probe channel subscribed last on each is
 * published on until all hear it (each LISTEN is issued in turn on the bus's one connection, so the earlier ones
 * are in effect then). A fixed pause instead may be outrun on a loaded machine, and a message published before a
 * LISTEN took effect is never heard.
 */
async function listening(...buses: ClusterBus[]): Promise<void> {
  const heard = new Set<ClusterBus>();
  const stops = buses.map((bus) => bus.subscribe('test.probe', () => heard.add(bus)));
  try {
    await eventually(async () => {
      await buses[0]?.publish('test.probe', {});
      await sleep(20);
      return heard.size === buses.length;
    }, 'the buses to listen');
  } finally {
    for (const stop of stops) stop();
  }
}

describeOn('postgres', 'several instances on one database')(
  'PostgreSQL: several instances on one database',
  function () {
    this.timeout(30_000);
    let store: StoreUnderTest;
    let a: Stores;
    let b: Stores;
    beforeEach(async () => {
      store = await storeUnderTest('postgres');
      a = await store.withTables(await store.open({ instanceId: 'a' }), ['clusterItems']);
      b = await store.open({ instanceId: 'b' });
    });
    afterEach(() => store.cleanup());

    it("keeps every instance's view current: changes, removals and their onChange events reach the others", async () => {
      const repoA = await a.open(ITEMS);
      const repoB = await b.open(ITEMS);
      const seenByB: Array<[string, string | undefined, string | undefined]> = [];
      repoB.onChange((id, next, previous) => seenByB.push([id, next?.status, previous?.status]));

      await repoA.put({ id: 'CS-1', status: 'queued' });
      await eventually(() => repoB.get('CS-1')?.status === 'queued', 'the insert in B');
      expect(repoB.findBy('status', 'queued').map((r) => r.id)).to.deep.equal(['CS-1']);
      await repoA.update('CS-1', (c) => ({ ...(c as Item), status: 'with_agent' }));
      await eventually(() => repoB.get('CS-1')?.status === 'with_agent', 'the update in B');
      expect(repoB.findBy('status', 'queued')).to.deep.equal([]);
      await repoA.remove('CS-1');
      await eventually(() => repoB.get('CS-1') === undefined, 'the removal in B');
      expect(seenByB).to.deep.equal([
        ['CS-1', 'queued', undefined],
        ['CS-1', 'with_agent', 'queued'],
        ['CS-1', undefined, 'with_agent'],
      ]);
      // A third instance started now loads what the others left.
      await repoA.put({ id: 'CS-2', status: 'open' });
      const repoC = await (await store.open({ instanceId: 'c' })).open(ITEMS);
      expect(repoC.list().map((r) => r.id)).to.deep.equal(['CS-2']);
    });

    it('gives change() the database row, so two instances picking one case at once cannot both win', async () => {
      const repoA = await a.open(ITEMS);
      const repoB = await b.open(ITEMS);
      await repoA.put({ id: 'CS-1', status: 'queued' });
      await eventually(() => repoB.get('CS-1') !== undefined, 'the case in B');
      for (let round = 0; round < 10; round += 1) {
        await repoA.put({ id: 'CS-1', status: 'queued' });
        await eventually(() => repoB.get('CS-1')?.status === 'queued', 'queued again in B');
        const pick = (repo: typeof repoA, agent: string) =>
          repo
            .update('CS-1', (c) => {
              // Checked on the row under its lock (the view of the loser still says "queued").
              if (c?.status !== 'queued') throw new Error(`already with ${c?.agent}`);
              return { id: 'CS-1', status: 'with_agent', agent };
            })
            .then(
              () => agent,
              () => undefined,
            );
        const winners = (await Promise.all([pick(repoA, 'agent-a'), pick(repoB, 'agent-b')])).filter(Boolean);
        expect(winners, `round ${round}`).to.have.length(1);
        const stored = await repoB.fresh('CS-1');
        expect(stored?.agent).to.equal(winners[0]);
      }
    });

    it('reads through with fresh(): a decision can use the row before the announcement arrived', async () => {
      const repoA = await a.open(ITEMS);
      const repoB = await b.open(ITEMS);
      await repoA.put({ id: 'CS-9', status: 'open' });
      const read = await repoB.fresh('CS-9');
      expect(read?.status).to.equal('open');
      expect(repoB.get('CS-9')?.status, 'the view learnt it too').to.equal('open');
    });

    it('carries bus messages between instances, refuses oversized ones, and resyncs views after a lost connection', async () => {
      const got: Array<{ m: unknown; local: boolean }> = [];
      b.bus.subscribe('desk.events', (m, meta) => got.push({ m, local: meta.local }));
      a.bus.subscribe('desk.events', (m, meta) => got.push({ m, local: meta.local }));
      await listening(a.bus, b.bus);
      await a.bus.publish('desk.events', { kind: 'joined', caseId: 'CS-1' });
      await eventually(() => got.length === 2, 'delivery to both instances');
      expect(got.map((g) => g.local).sort()).to.deep.equal([false, true]);
      expect(got[0]?.m).to.deep.equal({ kind: 'joined', caseId: 'CS-1' });
      let error: unknown;
      try {
        await a.bus.publish('desk.events', { text: 'x'.repeat(9000) });
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(BusMessageTooLargeError);
      // A message published inside a transaction that rolls back is never delivered.
      await a
        .transaction(async () => {
          await a.bus.publish('desk.events', { kind: 'rolled-back' });
          throw new Error('abort');
        })
        .catch(() => undefined);

      // B's listening connection is cut; changes made meanwhile reach B's view after it reconnects.
      const repoA = await a.open(ITEMS);
      const repoB = await b.open(ITEMS);
      let resynced = 0;
      b.bus.onResync(() => (resynced += 1));
      await a.pool?.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'firstline-bus' AND datname = current_database() AND pid <> pg_backend_pid()",
      );
      await repoA.put({ id: 'CS-7', status: 'queued' });
      await eventually(() => resynced > 0, 'the bus to reconnect', 10_000);
      await eventually(() => repoB.get('CS-7')?.status === 'queued', 'the missed change in B');
      expect(b.ready()).to.equal(true);
      expect(got.some((g) => (g.m as { kind?: string }).kind === 'rolled-back')).to.equal(false);
    });

    it('serialises one conversation across instances, and survives losing a turn lock’s connection mid-turn', async () => {
      const order: string[] = [];
      const turn = (stores: Stores, name: string) =>
        stores.turnLocks.run('test/conv-1', async () => {
          order.push(`${name}:start`);
          await sleep(60);
          order.push(`${name}:end`);
        });
      await Promise.all([turn(a, 'a1'), turn(b, 'b1'), turn(a, 'a2'), turn(b, 'b2')]);
      for (let i = 0; i < order.length; i += 2)
        expect(order[i + 1], `no turn started inside another: ${order.join(' ')}`).to.equal(
          order[i]?.replace(':start', ':end'),
        );
      // The lock's connection is cut while the turn runs: the turn finishes, the process lives on.
      const result = await a.turnLocks.run('test/conv-2', async () => {
        await b.pool?.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'firstline-turns%' AND datname = current_database()",
        );
        await sleep(100);
        return 'finished';
      });
      expect(result).to.equal('finished');
      expect(await a.turnLocks.run('test/conv-2', async () => 'again')).to.equal('again');
    });

    it('commits a transaction across repositories for every instance at once, and a rolled-back one for none', async () => {
      const counters = z.object({ id: z.string(), n: z.number() });
      const COUNTERS: CollectionSpec<z.infer<typeof counters>> = { name: 'counters', schema: counters };
      const itemsA = await a.open(ITEMS);
      const countersA = await a.open(COUNTERS);
      const itemsB = await b.open(ITEMS);
      const countersB = await b.open(COUNTERS);
      await a.transaction(async () => {
        await itemsA.put({ id: 'CS-3', status: 'open' });
        await countersA.put({ id: 'cases', n: 3 });
      });
      await eventually(
        () => itemsB.get('CS-3') !== undefined && countersB.get('cases')?.n === 3,
        'both in B',
      );
      await a
        .transaction(async () => {
          await itemsA.put({ id: 'CS-4', status: 'open' });
          await countersA.put({ id: 'cases', n: 4 });
          throw new Error('abort');
        })
        .catch(() => undefined);
      await sleep(100);
      expect(itemsB.get('CS-4')).to.equal(undefined);
      expect(countersB.get('cases')?.n).to.equal(3);
      expect(await itemsB.fresh('CS-4')).to.equal(undefined);
    });
  },
);
