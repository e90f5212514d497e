import { expect } from 'chai';
import { pino } from 'pino';
import { z } from 'zod';
import { retryRefused } from '../../bot/jobs/failurePolicies.js';
import { Outbox, OUTBOX_STATUSES, topLevelItems } from '../../bot/jobs/outbox.js';
import type { CollectionSpec, Repository } from '../../bot/storage/collection.js';
import type { Stores } from '../../bot/storage/stores.js';
import { storeUnderTest, type StoreUnderTest } from '../helpers/storeUnderTest.js';
import { describeOn, TEST_STORAGE } from '../helpers/testStorage.js';

const messageSchema = z.object({
  id: z.string(),
  text: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int().optional(),
  claimedBy: z.string().optional(),
  claimedAt: z.string().optional(),
  leaseUntil: z.string().optional(),
  sentAt: z.string().optional(),
  lastError: z.string().optional(),
});
type Message = z.infer<typeof messageSchema>;
const MESSAGES: CollectionSpec<Message, 'status'> = {
  name: 'outboxMessages',
  schema: messageSchema,
  indexes: { status: (m) => m.status },
};
const silent = pino({ level: 'silent' });
const refused = () => Object.assign(new Error('connector said 503'), { statusCode: 503 });

function outboxOn(
  stores: Stores,
  repo: Repository<Message, 'status'>,
  now?: () => Date,
  owner = stores.claims.owner,
): Outbox<Message> {
  return new Outbox<Message>({
    name: 'test',
    items: topLevelItems<Message>((id, change) => repo.update(id, change)),
    claims: { ...stores.claims, owner },
    onFailure: retryRefused(2),
    logger: silent,
    unitOfWork: stores,
    ...(now ? { now } : {}),
  });
}

describe(`Outbox claims (${TEST_STORAGE})`, function () {
  this.timeout(30_000);
  let store: StoreUnderTest;
  let stores: Stores;
  let repo: Repository<Message, 'status'>;
  beforeEach(async () => {
    store = await storeUnderTest();
    stores = await store.withTables(await store.open(), ['outboxMessages']);
    repo = await stores.open(MESSAGES);
  });
  afterEach(() => store.cleanup());

  it('claims only a pending item, settles only its own claim, and cancels only what nobody claimed', async () => {
    const outbox = outboxOn(stores, repo);
    await repo.put({ id: 'm1', text: 'hi', status: 'pending' });
    const claimed = await outbox.claim('m1');
    expect(claimed).to.deep.include({ status: 'sending', attempts: 1, claimedBy: stores.claims.owner });
    expect(String(claimed?.leaseUntil) > String(claimed?.claimedAt)).to.equal(true);
    expect(await outbox.claim('m1'), 'claimed once').to.equal(undefined);
    expect(await outbox.cancel('m1'), 'a claimed item is not cancelled').to.equal(undefined);
    const other = outboxOn(stores, repo, undefined, 'someone-else');
    expect(await other.settle('m1', 'sent'), 'another owner cannot settle this claim').to.equal(undefined);
    const settled = await outbox.settle('m1', 'sent', { sentAt: '2030-01-01T00:00:00.000Z' });
    expect(settled).to.deep.include({ status: 'sent', sentAt: '2030-01-01T00:00:00.000Z' });
    expect(settled?.claimedBy).to.equal(undefined);
    expect(await outbox.claim('missing')).to.equal(undefined);
    await repo.put({ id: 'm2', text: 'hi', status: 'pending' });
    expect((await outbox.cancel('m2'))?.status).to.equal('cancelled');
  });

  it('sends once; a refusal is retried until the limit, any other failure is unknown and never resent', async () => {
    const outbox = outboxOn(stores, repo);
    const delivered: string[] = [];
    for (const id of ['ok', 'refused', 'lost']) await repo.put({ id, text: id, status: 'pending' });
    expect(await outbox.send('ok', async (m) => void delivered.push(m.id))).to.equal('sent');
    expect(await outbox.send('ok', async (m) => void delivered.push(m.id))).to.equal('skipped');
    expect(await outbox.send('refused', () => Promise.reject(refused()))).to.equal('pending');
    expect(repo.get('refused')).to.deep.include({
      status: 'pending',
      attempts: 1,
      lastError: 'connector said 503',
    });
    expect(await outbox.send('refused', () => Promise.reject(refused()))).to.equal('failed');
    const timeout = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const marks: string[] = [];
    expect(
      await outbox.send(
        'lost',
        () => Promise.reject(timeout),
        async (item, outcome) => void marks.push(`${item.id}:${outcome}`),
      ),
    ).to.equal('unknown');
    expect(marks).to.deep.equal(['lost:unknown']);
    expect(delivered).to.deep.equal(['ok']);
    expect(repo.get('ok')?.sentAt).to.be.a('string');
  });

  it('commits the settle together with the caller’s bookkeeping, or neither', async () => {
    const outbox = outboxOn(stores, repo);
    await repo.put({ id: 'm', text: 'x', status: 'pending' });
    let error: Error | undefined;
    try {
      await outbox.send(
        'm',
        async () => undefined,
        async (item) => {
          await repo.put({ id: 'bookkeeping', text: item.id, status: 'sent' });
          throw new Error('bookkeeping failed');
        },
      );
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).to.equal('bookkeeping failed');
    expect(repo.get('bookkeeping')).to.equal(undefined);
    expect(repo.get('m')?.status, 'still claimed: recovered later as unknown, never resent').to.equal(
      'sending',
    );
  });

  it('takes over a claim of a process that is gone as unknown (lowdb: at once; PostgreSQL: after its lease)', async () => {
    const clock = { now: Date.now() };
    const outbox = outboxOn(stores, repo, () => new Date(clock.now));
    const leaseUntil = new Date(clock.now + 60_000).toISOString();
    await repo.put({ id: 'm', text: 'x', status: 'sending', attempts: 1, claimedBy: 'dead#1', leaseUntil });
    await repo.put({ id: 'mine', text: 'x', status: 'pending' });
    await outbox.claim('mine');
    const first = await outbox.recoverStale(repo.findBy('status', 'sending'), (m) => m.id);
    if (TEST_STORAGE === 'lowdb') {
      expect(
        first.map((m) => m.id),
        'one process per data directory: any other claim is stale',
      ).to.deep.equal(['m']);
    } else {
      expect(first, 'within its lease the claim stands').to.deep.equal([]);
      clock.now += 60_001;
      const later = await outbox.recoverStale(repo.findBy('status', 'sending'), (m) => m.id);
      expect(later.map((m) => m.id)).to.deep.equal(['m']);
    }
    expect(repo.get('m')?.status).to.equal('unknown');
    expect(repo.get('mine')?.status, 'its own claim is never taken over').to.equal('sending');
  });
});

describeOn('postgres', 'claims across instances')('Outbox claims across instances (PostgreSQL)', function () {
  this.timeout(60_000);
  let store: StoreUnderTest;
  afterEach(() => store.cleanup());

  it('sends each of many due items exactly once while two instances send all of them at once', async () => {
    store = await storeUnderTest('postgres');
    const a = await store.withTables(await store.open({ instanceId: 'a' }), ['outboxMessages']);
    const b = await store.open({ instanceId: 'b' });
    const repoA = await a.open(MESSAGES);
    const repoB = await b.open(MESSAGES);
    const ids = Array.from({ length: 40 }, (_, i) => `m${i}`);
    for (const id of ids) await repoA.put({ id, text: id, status: 'pending' });
    const delivered: string[] = [];
    const deliver = async (m: Message) => {
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      delivered.push(m.id);
    };
    const run = (outbox: Outbox<Message>) => Promise.all(ids.map((id) => outbox.send(id, deliver)));
    const [fromA, fromB] = await Promise.all([run(outboxOn(a, repoA)), run(outboxOn(b, repoB))]);
    expect(delivered.sort()).to.deep.equal([...ids].sort());
    expect(fromA.filter((o) => o === 'sent').length + fromB.filter((o) => o === 'sent').length).to.equal(40);
    expect(fromA.includes('sent') && fromB.includes('sent'), 'both instances did part of the work').to.equal(
      true,
    );
  });

  it('lets another instance take over a dead instance’s claim after its lease, never resending it', async () => {
    // Long enough that the check within the lease is made within it on a loaded machine too (closing a pool,
    // opening another, can take a while there); the wait past it is a fixed sleep, which only errs long.
    const LEASE_MS = 2000;
    store = await storeUnderTest('postgres');
    const dying = await store.withTables(await store.open({ instanceId: 'dying', leaseMs: LEASE_MS }), [
      'outboxMessages',
    ]);
    const survivor = await store.open({ instanceId: 'survivor', leaseMs: LEASE_MS });
    const repoDying = await dying.open(MESSAGES);
    const repoSurvivor = await survivor.open(MESSAGES);
    await repoDying.put({ id: 'm', text: 'x', status: 'pending' });
    await repoDying.put({ id: 'later', text: 'y', status: 'pending' });
    expect(await outboxOn(dying, repoDying).claim('m')).to.not.equal(undefined);
    await dying.close();
    const outbox = outboxOn(survivor, repoSurvivor);
    await new Promise((r) => setTimeout(r, 50));
    expect(await outbox.recoverStale(repoSurvivor.findBy('status', 'sending'), (m) => m.id)).to.deep.equal(
      [],
    );
    await new Promise((r) => setTimeout(r, LEASE_MS));
    const taken = await outbox.recoverStale(repoSurvivor.findBy('status', 'sending'), (m) => m.id);
    expect(taken.map((m) => m.id)).to.deep.equal(['m']);
    expect(repoSurvivor.get('m')?.status).to.equal('unknown');
    expect(await outbox.send('m', async () => undefined), 'never sent again').to.equal('skipped');
    expect(await outbox.send('later', async () => undefined), 'what it had not claimed is sent').to.equal(
      'sent',
    );
  });
});
