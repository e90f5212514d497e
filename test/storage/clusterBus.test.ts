import { expect } from 'chai';
import { BusMessageTooLargeError } from '../../bot/storage/clusterBus.js';
import type { Stores } from '../../bot/storage/stores.js';
import { storeUnderTest, type StoreUnderTest } from '../helpers/storeUnderTest.js';
import { TEST_STORAGE } from '../helpers/testStorage.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`cluster bus (${TEST_STORAGE})`, () => {
  let store: StoreUnderTest;
  let stores: Stores;
  beforeEach(async () => {
    store = await storeUnderTest();
    stores = await store.open();
  });
  afterEach(() => store.cleanup());

  it('delivers a channel’s messages to its subscribers (a copy, marked local), not to others, until unsubscribed', async () => {
    const desk: Array<{ m: unknown; local: boolean; from: string }> = [];
    const other: unknown[] = [];
    const stop = stores.bus.subscribe('desk.queue', (m, meta) => desk.push({ m, ...meta }));
    stores.bus.subscribe('console.live', (m) => other.push(m));
    await sleep(50);
    const message = { caseId: 'CS-10001', position: 2 };
    await stores.bus.publish('desk.queue', message);
    for (let i = 0; i < 100 && desk.length === 0; i += 1) await sleep(10);
    expect(desk).to.deep.equal([{ m: message, local: true, from: stores.claims.owner }]);
    expect(desk[0]?.m, 'never the publisher’s own object').to.not.equal(message);
    stop();
    await stores.bus.publish('desk.queue', { caseId: 'CS-10002' });
    await sleep(100);
    expect(desk).to.have.length(1);
    expect(other).to.deep.equal([]);
  });

  it('refuses a bad channel name and a message too large for NOTIFY, saying which', async () => {
    let error: Error | undefined;
    try {
      await stores.bus.publish('Desk Queue!', {});
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).to.include('invalid channel "Desk Queue!"');
    error = undefined;
    try {
      await stores.bus.publish('desk.queue', { text: 'é'.repeat(4000) });
    } catch (err) {
      error = err as Error;
    }
    expect(error).to.be.instanceOf(BusMessageTooLargeError);
    expect(error?.message).to.include('8011 bytes on "desk.queue" exceeds 7500 bytes');
  });
});
