import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { EmbeddedDirectLineStore } from '../../bot/directline/embeddedStore.js';
import { PostgresDirectLineStore } from '../../bot/directline/postgresStore.js';
import {
  ConversationNotFoundError,
  type DirectLineStore,
  type StreamSignal,
} from '../../bot/directline/store.js';
import { createTestDatabase, postgresSkipReason, type TestDatabase } from './pgDatabase.js';

/** A store under test, a second one on the same data (a restart or another instance), and a clock. */
interface Subject {
  store: DirectLineStore;
  reopen(): Promise<DirectLineStore>;
  clock: { now: number };
}

const page = { maxBytes: 1 << 20, maxCount: 1000 };
const message = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'message', text, ...extra });

async function expectRejects(
  promise: Promise<unknown>,
  type: new (...args: never[]) => Error,
): Promise<void> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(type);
    return;
  }
  expect.fail(`expected a ${type.name}`);
}

/** The behaviour every Direct Line store must have, whatever it runs on. */
function storeContract(start: (historyBytes: number) => Promise<Subject>, stop: () => Promise<void>): void {
  let subject: Subject;
  let n = 0;
  const cid = () => `conv-${process.pid}-${(n += 1)}`;

  afterEach(async () => {
    await stop();
  });

  it('creates a conversation once: the first writer keeps it', async () => {
    subject = await start(256 * 1024);
    const id = cid();
    const first = await subject.store.ensureConversation({
      id,
      userId: 'u-1',
      userName: 'Ada',
      locale: 'es-ES',
    });
    const second = await subject.store.ensureConversation({ id, userId: 'u-2' });
    expect(first).to.deep.include({ id, userId: 'u-1', userName: 'Ada', locale: 'es-ES' });
    expect(second).to.deep.equal(first);
    expect(await subject.store.conversation(id)).to.deep.equal(first);
    expect(await subject.store.conversation('nobody')).to.equal(undefined);
  });

  it('starts a conversation exactly once, and knows no unknown one', async () => {
    subject = await start(256 * 1024);
    const id = cid();
    await subject.store.ensureConversation({ id, userId: 'u' });
    const results = await Promise.all([1, 2, 3].map(() => subject.store.markStarted(id)));
    expect(results.filter(Boolean)).to.have.length(1);
    expect(await subject.store.markStarted(id)).to.equal(false);
    await expectRejects(subject.store.markStarted('missing'), ConversationNotFoundError);
    await expectRejects(subject.store.append('missing', message('x')), ConversationNotFoundError);
    await expectRejects(subject.store.read('missing', undefined, page), ConversationNotFoundError);
  });

  it('numbers activities itself (a client-chosen id is replaced) and reads them after a watermark', async () => {
    subject = await start(256 * 1024);
    const id = cid();
    await subject.store.ensureConversation({ id, userId: 'u' });
    const a = await subject.store.append(id, message('one', { id: 'client-chosen' }));
    const b = await subject.store.append(id, message('two'));
    expect(a.id).to.equal(`${id}|0000000`);
    expect(b.id).to.equal(`${id}|0000001`);
    const all = await subject.store.read(id, undefined, page);
    expect(all.activities.map((x) => x.text)).to.deep.equal(['one', 'two']);
    expect(all).to.deep.include({ watermark: 1, more: false });
    const after = await subject.store.read(id, 0, page);
    expect(after.activities.map((x) => x.id)).to.deep.equal([b.id]);
    const none = await subject.store.read(id, 1, page);
    expect(none).to.deep.equal({ activities: [], watermark: 1, more: false });
    const empty = await subject.store.ensureConversation({ id: cid(), userId: 'u' });
    expect(await subject.store.read(empty.id, undefined, page)).to.deep.equal({
      activities: [],
      watermark: -1,
      more: false,
    });
  });

  it('keeps a replyToId only when it names an activity the stream still holds', async () => {
    subject = await start(256 * 1024);
    const id = cid();
    await subject.store.ensureConversation({ id, userId: 'u' });
    const user = await subject.store.append(id, message('hi'));
    const reply = await subject.store.append(id, message('hello', { replyToId: user.id }));
    const stray = await subject.store.append(id, message('relay', { replyToId: 'x|never-seen' }));
    const welcome = await subject.store.append(id, message('welcome', { replyToId: `${id}|update` }));
    const future = await subject.store.append(id, message('future', { replyToId: `${id}|0000099` }));
    expect(reply.replyToId).to.equal(user.id);
    for (const a of [stray, welcome, future]) expect(a).to.not.have.property('replyToId');
    expect(await subject.store.holds(id, user.id)).to.equal(true);
    expect(await subject.store.holds(id, `${id}|0000099`)).to.equal(false);
    expect(await subject.store.holds(id, 'x|never-seen')).to.equal(false);
  });

  it('bounds a conversation by bytes: the oldest go, watermarks stay absolute', async () => {
    subject = await start(8 * 1024);
    const id = cid();
    await subject.store.ensureConversation({ id, userId: 'u' });
    const filler = 'x'.repeat(900);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await subject.store.append(id, message(`${i} ${filler}`))).id);
    const kept = await subject.store.read(id, undefined, page);
    const bytes = kept.activities.reduce((sum, a) => sum + Buffer.byteLength(JSON.stringify(a)), 0);
    expect(bytes, 'history within budget (plus at most one sealed page)').to.be.at.most(8 * 1024 + 16 * 1024);
    expect(kept.activities.length).to.be.within(5, 59);
    expect(kept.watermark).to.equal(59);
    expect(kept.activities.at(-1)?.id).to.equal(ids[59]);
    const firstKept = Number(String(kept.activities[0]?.text).split(' ')[0]);
    expect(firstKept).to.be.greaterThan(0);
    expect(await subject.store.holds(id, ids[0] ?? '')).to.equal(false);
    // A client whose watermark is older than what is kept gets what is kept, not an error.
    const stale = await subject.store.read(id, 3, page);
    expect(stale.activities[0]?.id).to.equal(kept.activities[0]?.id);
    const next = await subject.store.append(id, message('after trim'));
    expect(next.id).to.equal(`${id}|0000060`);
  });

  it('pages reads by count and by bytes; the next page starts at the returned watermark', async () => {
    subject = await start(256 * 1024);
    const id = cid();
    await subject.store.ensureConversation({ id, userId: 'u' });
    for (let i = 0; i < 7; i++) await subject.store.append(id, message(`m${i}`));
    await subject.store.append(id, message('big '.repeat(5000)));
    const first = await subject.store.read(id, undefined, { maxBytes: 1 << 20, maxCount: 3 });
    expect(first.activities.map((a) => a.text)).to.deep.equal(['m0', 'm1', 'm2']);
    expect(first).to.deep.include({ watermark: 2, more: true });
    const second = await subject.store.read(id, first.watermark, { maxBytes: 1 << 20, maxCount: 3 });
    expect(second.activities.map((a) => a.text)).to.deep.equal(['m3', 'm4', 'm5']);
    const byBytes = await subject.store.read(id, second.watermark, { maxBytes: 1000, maxCount: 100 });
    expect(byBytes.activities.map((a) => a.text)).to.deep.equal(['m6']);
    expect(byBytes.more).to.equal(true);
    const oversize = await subject.store.read(id, byBytes.watermark, { maxBytes: 1000, maxCount: 100 });
    expect(oversize.activities).to.have.length(1);
    expect(oversize).to.deep.include({ watermark: 7, more: false });
  });

  it('numbers concurrent appends without gaps or duplicates', async () => {
    subject = await start(256 * 1024);
    const id = cid();
    await subject.store.ensureConversation({ id, userId: 'u' });
    const appended = await Promise.all(
      Array.from({ length: 25 }, (_, i) => subject.store.append(id, message(`c${i}`))),
    );
    const seqs = appended.map((a) => Number(a.id.split('|')[1])).sort((x, y) => x - y);
    expect(seqs).to.deep.equal(Array.from({ length: 25 }, (_, i) => i));
    const all = await subject.store.read(id, undefined, page);
    expect(all.activities).to.have.length(25);
  });

  it('signals appended activities and ephemeral ones to subscribers', async () => {
    subject = await start(256 * 1024);
    const id = cid();
    await subject.store.ensureConversation({ id, userId: 'u' });
    const heard: StreamSignal[] = [];
    const unsubscribe = subject.store.subscribe((s) => heard.push(s));
    await subject.store.append(id, message('ping'));
    await subject.store.signal({
      kind: 'ephemeral',
      conversationId: id,
      activity: { type: 'typing', id: 't' },
    });
    unsubscribe();
    await subject.store.append(id, message('unheard'));
    expect(heard).to.deep.equal([
      { kind: 'activity', conversationId: id, seq: 0 },
      { kind: 'ephemeral', conversationId: id, activity: { type: 'typing', id: 't' } },
    ]);
  });

  it('keeps everything across a reopen (a restart), and the numbering continues', async () => {
    subject = await start(256 * 1024);
    const id = cid();
    await subject.store.ensureConversation({ id, userId: 'u', locale: 'es-ES' });
    await subject.store.markStarted(id);
    await subject.store.append(id, message('before'));
    const again = await subject.reopen();
    expect(await again.conversation(id)).to.deep.include({ userId: 'u', locale: 'es-ES' });
    expect(await again.markStarted(id)).to.equal(false);
    const next = await again.append(id, message('after'));
    expect(next.id).to.equal(`${id}|0000001`);
    expect((await again.read(id, undefined, page)).activities.map((a) => a.text)).to.deep.equal([
      'before',
      'after',
    ]);
  });

  it('sweeps conversations idle for longer than the limit, and only those', async () => {
    subject = await start(256 * 1024);
    const idle = cid();
    const busy = cid();
    await subject.store.ensureConversation({ id: idle, userId: 'u' });
    await subject.store.append(idle, message('old'));
    await subject.store.ensureConversation({ id: busy, userId: 'u' });
    subject.clock.now += 10 * 3600_000;
    await subject.store.append(busy, message('recent'));
    subject.clock.now += 3600_000;
    expect(await subject.store.sweep(5 * 3600_000)).to.be.at.least(1);
    expect(await subject.store.conversation(idle)).to.equal(undefined);
    expect((await subject.store.read(busy, undefined, page)).activities).to.have.length(1);
  });
}

describe('Direct Line store (embedded, lowdb documents)', () => {
  const dirs: string[] = [];
  storeContract(
    async (historyBytes) => {
      const dir = await mkdtemp(path.join(tmpdir(), 'firstline-dlstore-'));
      dirs.push(dir);
      const clock = { now: Date.now() };
      const open = () =>
        new EmbeddedDirectLineStore({
          dir,
          fsync: false,
          historyBytes,
          pageBytes: 4 * 1024,
          now: () => clock.now,
        });
      return { store: open(), reopen: async () => open(), clock };
    },
    async () => {
      await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  );

  it('keeps parsed documents within its cache budget', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'firstline-dlstore-'));
    try {
      const store = new EmbeddedDirectLineStore({
        dir,
        fsync: false,
        cacheBytes: 64 * 1024,
        pageBytes: 4096,
      });
      for (let c = 0; c < 40; c++) {
        const id = `cache-${c}`;
        await store.ensureConversation({ id, userId: 'u' });
        for (let i = 0; i < 10; i++) await store.append(id, message('y'.repeat(500)));
      }
      expect(store.cachedBytes).to.be.at.most(64 * 1024);
      const cold = await store.read('cache-0', undefined, page);
      expect(cold.activities).to.have.length(10);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Direct Line store (PostgreSQL)', function () {
  this.timeout(30_000);
  let db: TestDatabase | undefined;
  const opened: PostgresDirectLineStore[] = [];

  before(async function () {
    const reason = await postgresSkipReason();
    if (reason) {
      process.stderr.write(`  [postgres] ${reason}\n`);
      this.skip();
    }
    db = await createTestDatabase();
  });
  after(async () => {
    await db?.drop();
  });

  storeContract(
    async (historyBytes) => {
      if (!db) throw new Error('no database');
      const pool = db.pool;
      const clock = { now: Date.now() };
      const open = () => {
        const store = new PostgresDirectLineStore(pool, { historyBytes, now: () => clock.now });
        opened.push(store);
        return store;
      };
      return { store: open(), reopen: async () => open(), clock };
    },
    async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    },
  );

  it('announces an activity appended on one instance to the listeners of another', async () => {
    if (!db) throw new Error('no database');
    const a = new PostgresDirectLineStore(db.pool);
    const b = new PostgresDirectLineStore(db.pool);
    try {
      const heard: StreamSignal[] = [];
      b.subscribe((s) => heard.push(s));
      await b.ready();
      await a.ensureConversation({ id: 'cross', userId: 'u' });
      await a.append('cross', message('from a'));
      await a.signal({ kind: 'socket', conversationId: 'cross', socketId: 's1' });
      const deadline = Date.now() + 5000;
      while (heard.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(heard).to.deep.equal([
        { kind: 'activity', conversationId: 'cross', seq: 0 },
        { kind: 'socket', conversationId: 'cross', socketId: 's1' },
      ]);
      expect((await b.read('cross', undefined, page)).activities[0]?.text).to.equal('from a');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
