import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { CONTACT_COLLECTION, ContactLog } from '../../bot/api/contactLog.js';
import { CaseCounter } from '../../bot/cases/caseCounter.js';
import { caseRepository } from '../../bot/cases/caseRepository.js';
import { CaseService } from '../../bot/cases/caseService.js';
import { DocumentStore } from '../../bot/storage/documentStore.js';
import { Journal, journalIo } from '../../bot/storage/journal.js';
import { lowdbRepository } from '../../bot/storage/repository.js';
import { openAcmeCase, ORGS, tempDir, testText } from '../cases/fixtures.js';

const CACHE_BYTES = 64 * 1024;

// What grows with every conversation is the history (resolved and closed cases, one contact per conversation):
// it stays on disk, read on demand through a byte-bounded cache, and memory follows the work in progress
// (issue 11 item 5; the whole server's figure is `npm run bench:soak`).
describe('repositories keep only the records being worked on in memory (lowdb)', function () {
  this.timeout(30_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  let journal: Journal;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('resident'));
    ({ journal } = await Journal.open(dir, { fsync: false, checkpointBytes: 256 * 1024 }));
  });
  afterEach(async () => {
    await journal.close();
    await cleanup();
  });

  async function caseService() {
    const repo = await caseRepository(path.join(dir, 'records', 'cases'), {
      fsync: false,
      journal,
      cacheBytes: CACHE_BYTES,
    }).open();
    const counters = await CaseCounter.repository(path.join(dir, 'records', 'counters'), { journal }).open();
    return { repo, cases: new CaseService({ repo, counter: new CaseCounter(counters), text: testText() }) };
  }

  it('keeps open cases in memory, reads resolved ones from disk — all of them, whole, after a restart too', async () => {
    let { repo, cases } = await caseService();
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) {
      const c = await openAcmeCase(cases, { sims: ['8946070000000000001'] });
      await cases.appendTranscript(c.id, [
        { from: 'customer', text: `${i} ${'no data since yesterday '.repeat(60)}` },
      ]);
      if (i % 30 !== 0) await cases.resolve(c.id, 'bot');
      ids.push(c.id);
    }
    expect(repo.size).to.equal(300);
    // Only the 10 cases still open; before, every case ever opened (300 here, ~5 KB of heap each).
    expect(repo.residentCount).to.equal(10);
    await journal.checkpoint();
    for (const [i, id] of ids.entries()) {
      const c = cases.get(id);
      expect(c?.transcript[0]?.text.startsWith(`${i} `), id).to.equal(true);
      expect(c?.status).to.equal(i % 30 === 0 ? 'open' : 'resolved');
    }
    // Read through a cache bounded by bytes (one document of slack: the newest is always kept).
    expect(repo.cacheUsage.bytes).to.be.at.most(CACHE_BYTES + 8 * 1024);
    expect(cases.forOrganisation(ORGS.acme.id)).to.have.length(300);
    // The open ones come from their own index: the history is not read for them.
    const reads = repo.cacheUsage;
    expect(cases.openCasesFor(ORGS.acme.id)).to.have.length(10);
    expect(repo.cacheUsage).to.deep.equal(reads);

    // A resolved case reopened is worked on again: back in memory, and its indexes follow.
    await cases.reopen(ids[1]!, 'bot');
    expect(repo.residentCount).to.equal(11);
    expect(cases.openCasesFor(ORGS.acme.id).map((c) => c.id)).to.include(ids[1]);

    // A restart keeps the same bound and loses nothing.
    await journal.close();
    ({ journal } = await Journal.open(dir, { fsync: false }));
    ({ repo, cases } = await caseService());
    expect(repo.size).to.equal(300);
    expect(repo.residentCount).to.equal(11);
    // Start-up's counter reconciliation needs the ids only.
    expect(new Set(repo.ids())).to.deep.equal(new Set(ids));
    expect(cases.get(ids[299]!)?.transcript[0]?.text.startsWith('299 ')).to.equal(true);
    expect(cases.get(ids[1]!)?.status).to.equal('open');
  });

  it('keeps no contact in memory: the log reads them from disk, one per conversation, none lost', async () => {
    const repo = await lowdbRepository(CONTACT_COLLECTION, path.join(dir, 'records', 'contacts'), {
      fsync: false,
      journal,
      cacheBytes: 16 * 1024,
    }).open();
    const log = new ContactLog(repo);
    for (let i = 0; i < 200; i++)
      await log.recordContact({ channelId: 'directline', conversationId: `c-${i}` });
    await log.recordContact({ channelId: 'directline', conversationId: 'c-7', organisationId: 'other' });
    expect(repo.residentCount).to.equal(0);
    const all = log.list();
    expect(all).to.have.length(200);
    expect(all.find((c) => c.id === 'directline:c-7')?.organisationId).to.equal(undefined);
  });

  it('a document store reads synchronously the newest acknowledged value, never one the journal refused', async () => {
    let failing = false;
    const write: Parameters<typeof journalIo>[0] = (fd, buffer, offset, length, position, callback) => {
      if (failing) {
        const err: NodeJS.ErrnoException = new Error('ENOSPC: no space left on device');
        err.code = 'ENOSPC';
        callback(err, 0);
        return;
      }
      fs.write(fd, buffer, offset, length, position, callback);
    };
    await journal.close();
    ({ journal } = await Journal.open(dir, { fsync: false, io: journalIo(write) }));
    // A cache of one byte: only documents whose newest value is not yet in their file stay in it.
    const docs = new DocumentStore<{ n: number }>(path.join(dir, 'documents', 'd'), {
      fsync: false,
      journal,
      cacheBytes: 1,
    });
    await docs.replace('a', () => ({ n: 1 }));
    await journal.checkpoint();
    await docs.replace('a', () => ({ n: 2 }));
    for (let i = 0; i < 50; i++) await docs.replace(`other-${i}`, () => ({ n: i }));
    // Acknowledged, only in the journal (the file still says 1): the cache kept it.
    expect(docs.readSync('a')?.data.n).to.equal(2);
    failing = true;
    let refused: unknown;
    await docs.replace('a', () => ({ n: 3 })).catch((err: unknown) => (refused = err));
    expect(String(refused)).to.match(/ENOSPC/);
    expect(docs.readSync('a')?.data.n).to.equal(2);
    failing = false;
    await journal.checkpoint();
    for (let i = 0; i < 50; i++) await docs.replace(`more-${i}`, () => ({ n: i }));
    expect(docs.readSync('a')?.data.n).to.equal(2);
    expect(docs.readSync('missing')).to.equal(null);
  });
});
