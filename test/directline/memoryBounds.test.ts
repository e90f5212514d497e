import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { expect } from 'chai';
import { DocumentStore } from '../../bot/storage/documentStore.js';
import { KnownConversations, knownConversationRepository } from '../../bot/turn/knownConversations.js';

// What grows with every conversation, bounded (issue 11 item 5); the Direct Line store's own bounds are in
// store.test.ts, the whole server's in `npm run bench:soak`.
describe('memory that grows per conversation is bounded', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'firstline-bounds-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('a document store caches at most its byte budget, however many documents it holds, and still reads them all', async () => {
    const store = new DocumentStore<{ text: string }>(dir, { fsync: false, cacheBytes: 64 * 1024 });
    for (let i = 0; i < 200; i++)
      await store.replace(`doc-${i}`, () => ({ text: `${i} ${'x'.repeat(2000)}` }));
    expect(store.cacheUsage.bytes).to.be.at.most(64 * 1024);
    expect(store.cacheUsage.documents).to.be.below(200);
    expect((await store.get('doc-0'))?.data.text.startsWith('0 ')).to.equal(true);
    expect((await store.get('doc-199'))?.data.text.startsWith('199 ')).to.equal(true);
  });

  it('keeps only the newest five conversations of a user for notices; other users keep theirs', async () => {
    const repo = await knownConversationRepository(dir, { fsync: false }).open();
    let clock = Date.parse('2025-01-01T00:00:00Z');
    const known = new KnownConversations(repo, () => new Date((clock += 1000)));
    const turn = (conversationId: string, userId: string) =>
      new TurnContext(new TestAdapter(), {
        type: 'message',
        channelId: 'directline',
        serviceUrl: 'http://127.0.0.1:3978',
        conversation: { id: conversationId },
        from: { id: userId },
        recipient: { id: 'firstline' },
      } as Partial<Activity>);
    await known.remember(turn('other-1', 'demo-vip'), 'org-acme', 'demo-vip', 'en');
    for (let i = 1; i <= 8; i++)
      await known.remember(turn(`mine-${i}`, 'demo-user'), 'org-acme', 'demo-user', 'en');
    // A later turn of a kept conversation changes nothing.
    await known.remember(turn('mine-8', 'demo-user'), 'org-acme', 'demo-user', 'en');
    const ids = known
      .ofOrganisation('org-acme')
      .map((c) => c.id)
      .sort();
    expect(ids).to.deep.equal([
      'directline:mine-4',
      'directline:mine-5',
      'directline:mine-6',
      'directline:mine-7',
      'directline:mine-8',
      'directline:other-1',
    ]);
  });
});
