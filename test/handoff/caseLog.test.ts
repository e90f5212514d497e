import path from 'node:path';
import { expect } from 'chai';
import { CaseLog, type CaseLogDoc, type CaseLogEvent } from '../../bot/handoff/caseLog.js';
import { DocumentStore } from '../../bot/storage/documentStore.js';
import { tempDir } from '../cases/fixtures.js';

describe('CaseLog (a case’s whole conversation)', () => {
  let cleanup: () => Promise<void>;
  let dir: string;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('case-log'));
  });
  afterEach(() => cleanup());

  const logAt = (limit?: number) =>
    new CaseLog(new DocumentStore<CaseLogDoc>(path.join(dir, 'caseLogs'), { fsync: false }), {
      now: () => new Date('2026-03-02T09:00:00Z'),
      ...(limit !== undefined ? { limit } : {}),
    });

  it('keeps every line, in order, across concurrent appends, and survives a new store on the same files', async () => {
    const log = logAt();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => log.append('CS-1', [{ from: 'customer', text: `line ${i}` }])),
    );
    const again = await logAt().read('CS-1');
    expect(again.entries).to.have.length(50);
    expect(new Set(again.entries.map((e) => e.id)).size).to.equal(50);
    expect(again.entries.map((e) => e.text).sort()).to.deep.equal(
      Array.from({ length: 50 }, (_, i) => `line ${i}`).sort(),
    );
    expect((await log.read('CS-2')).entries).to.deep.equal([]);
  });

  it('removes a withdrawn case’s log for good (a new store on the same files finds nothing)', async () => {
    const log = logAt();
    await log.append('CS-1', [{ from: 'customer', text: 'can I talk to a person' }]);
    await log.append('CS-2', [{ from: 'customer', text: 'no data on 0043' }]);
    await log.remove('CS-1');
    expect((await log.read('CS-1')).entries).to.deep.equal([]);
    expect((await logAt().read('CS-1')).entries).to.deep.equal([]);
    expect((await logAt().read('CS-2')).entries).to.have.length(1);
  });

  it('records delivery states and tells watchers', async () => {
    const log = logAt();
    const events: CaseLogEvent[] = [];
    log.watch((e) => events.push(e));
    const [line] = await log.append('CS-1', [
      { from: 'agent', text: 'hi', author: { id: 'a', name: 'A' }, delivery: { state: 'sent', at: 'x' } },
    ]);
    await log.setDelivery('CS-1', line!.id, { state: 'failed', at: 'y', error: 'the channel answered 404' });
    expect((await log.read('CS-1')).entries[0]?.delivery).to.deep.equal({
      state: 'failed',
      at: 'y',
      error: 'the channel answered 404',
    });
    expect(events.map((e) => e.kind)).to.deep.equal(['appended', 'delivery']);
  });

  it('drops the oldest lines past its limit and counts them', async () => {
    const log = logAt(3);
    for (let i = 0; i < 5; i += 1) await log.append('CS-1', [{ from: 'customer', text: `m${i}` }]);
    const doc = await log.read('CS-1');
    expect(doc.entries.map((e) => e.text)).to.deep.equal(['m2', 'm3', 'm4']);
    expect(doc.dropped).to.equal(2);
  });

  it('folds a duplicate’s lines into a case in time order, marked with where they came from', async () => {
    const log = logAt();
    await log.append('CS-1', [{ from: 'customer', text: 'first', at: '2026-03-02T08:00:00Z' }]);
    await log.append('CS-1', [{ from: 'customer', text: 'third', at: '2026-03-02T08:20:00Z' }]);
    await log.append('CS-2', [{ from: 'customer', text: 'second', at: '2026-03-02T08:10:00Z' }]);
    await log.fold('CS-1', 'CS-2');
    const doc = await log.read('CS-1');
    expect(doc.entries.map((e) => [e.text, e.fromCase])).to.deep.equal([
      ['first', undefined],
      ['second', 'CS-2'],
      ['third', undefined],
    ]);
  });
});
