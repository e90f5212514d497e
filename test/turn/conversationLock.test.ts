import { expect } from 'chai';
import { TestAdapter, TurnContext, type Activity, type BotState } from 'botbuilder';
import { ConversationLock } from '../../bot/conversationLock.js';
import type { Stores } from '../../bot/storage/stores.js';
import { TurnStateGuard } from '../../bot/turn/stateGuard.js';
import { turnConversationState } from '../../bot/turn/turnStates.js';
import { storeUnderTest, type StoreUnderTest } from '../helpers/storeUnderTest.js';
import { TEST_STORAGE } from '../helpers/testStorage.js';

/** ConversationState's storage key of conversation conv-1 (empty namespace). */
const KEY = 'test/conversations/conv-1/';

function turnContext(adapter: TestAdapter, deliveryMode?: string): TurnContext {
  const activity: Partial<Activity> = {
    type: 'message',
    text: 'hi',
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:1/',
    conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user', name: 'user' },
    recipient: { id: 'bot', name: 'bot' },
    ...(deliveryMode ? { deliveryMode } : {}),
  };
  return new TurnContext(adapter, activity);
}

describe(`a turn that ran into another one (${TEST_STORAGE})`, () => {
  let store: StoreUnderTest;
  let stores: Stores;
  let guard: TurnStateGuard;
  let state: BotState;
  beforeEach(async () => {
    store = await storeUnderTest();
    stores = await store.open();
    guard = new TurnStateGuard();
    state = turnConversationState(guard.storage(stores.botState));
    await stores.botState.write({ [KEY]: { n: 1 } });
  });
  afterEach(() => store.cleanup());

  /** A turn that counts; on its first attempt another writer changes the state under it. */
  function countingTurn(
    context: TurnContext,
    replyFirst: boolean,
  ): { attempts: () => number; run: () => Promise<void> } {
    const n = state.createProperty<number>('n');
    let attempts = 0;
    return {
      attempts: () => attempts,
      run: async () => {
        attempts += 1;
        const current = await n.get(context, 0);
        if (attempts === 1) await stores.botState.write({ [KEY]: { n: 100, eTag: '*' } });
        if (replyFirst) await context.sendActivity(`n=${current + 1}`);
        await n.set(context, current + 1);
        await state.saveChanges(context, false);
        if (!replyFirst) await context.sendActivity(`n=${current + 1}`);
      },
    };
  }

  it('is run again on the stored state when nothing of it left the process (replies buffered)', async () => {
    const context = turnContext(new TestAdapter(), 'expectReplies');
    const turn = countingTurn(context, true);
    await new ConversationLock(undefined, { states: [state], stateGuard: guard }).onTurn(context, turn.run);
    expect(turn.attempts()).to.equal(2);
    expect(
      context.bufferedReplyActivities.map((a) => a.text),
      'only the second attempt’s reply',
    ).to.deep.equal(['n=101']);
    expect((await stores.botState.read([KEY]))[KEY]).to.include({ n: 101 });
  });

  it('is run again when it had not replied yet, and surfaces the conflict when a reply already went out', async () => {
    const adapter = new TestAdapter();
    const quiet = turnContext(adapter);
    const first = countingTurn(quiet, false);
    await new ConversationLock(undefined, { states: [state], stateGuard: guard }).onTurn(quiet, first.run);
    expect(first.attempts()).to.equal(2);
    expect((await stores.botState.read([KEY]))[KEY]).to.include({ n: 101 });

    const replied = turnContext(adapter);
    const second = countingTurn(replied, true);
    let error: Error | undefined;
    try {
      await new ConversationLock(undefined, { states: [state], stateGuard: guard }).onTurn(
        replied,
        second.run,
      );
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).to.match(/eTag conflict/);
    expect(second.attempts()).to.equal(1);
    expect(
      (await stores.botState.read([KEY]))[KEY],
      'the other writer’s state is kept, not overwritten',
    ).to.include({
      n: 100,
    });
  });

  it('without the guard, a turn overwrites what it did not read (why the guard is there)', async () => {
    const unguarded = turnConversationState(stores.botState);
    const context = turnContext(new TestAdapter());
    const n = unguarded.createProperty<number>('n');
    const current = await n.get(context, 0);
    await stores.botState.write({ [KEY]: { n: 100, eTag: '*' } });
    await n.set(context, current + 1);
    await unguarded.saveChanges(context, false);
    expect((await stores.botState.read([KEY]))[KEY]).to.include({ n: 2 });
  });
});
