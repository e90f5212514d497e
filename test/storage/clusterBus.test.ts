import { expect } from 'chai';
import { BusMessageTooLargeError, type ClusterBus } from '../../bot/storage/clusterBus.js';
import type { Stores } from '../../bot/storage/stores.js';
import { storeUnderTest, type StoreUnderTest } from '../helpers/storeUnderTest.js';
import { TEST_STORAGE } from '../helpers/testStorage.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolve once `check()` holds, or fail after `timeoutMs`. */
async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * Resolve once `bus` listens on every channel subscribed so far: a probe channel subscribed last is published
 * on until it is heard (PostgreSQL issues each LISTEN in turn on one connection, so the earlier ones are in effect
 * then). A fixed pause instead may be outrun on a loaded machine, and a message published before is never heard.
 */
async function listening(bus: ClusterBus): Promise<void> {
  let heard = false;
  const stop = bus.subscribe('test.probe', () => (heard = true));
  try {
    const deadline = Date.now() + 5000;
    while (!heard) {
      if (Date.now() > deadline) throw new Error('timed out after 5000 ms waiting for the bus to listen');
      await bus.publish('test.probe', {});
      await sleep(20);
    }
  } finally {
    stop();
  }
}

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
    await listening(stores.bus);
    const message = { caseId: 'CS-10001', position: 2 };
    await stores.bus.publish('desk.queue', message);
    await until(() => desk.length > 0, 'the message');
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
