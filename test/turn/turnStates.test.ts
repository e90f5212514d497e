import { expect } from 'chai';
import {
  ConversationState,
  MemoryStorage,
  TestAdapter,
  TurnContext,
  UserState,
  type Activity,
  type StoreItems,
} from 'botbuilder';
import { turnConversationState, turnUserState } from '../../bot/turn/turnStates.js';

/** MemoryStorage that counts writes. */
class CountingStorage extends MemoryStorage {
  writes = 0;
  override write(changes: StoreItems): Promise<void> {
    this.writes += 1;
    return super.write(changes);
  }
}

function turn(adapter: TestAdapter): TurnContext {
  const activity: Partial<Activity> = {
    type: 'message',
    text: 'hi',
    channelId: 'test',
    conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user-1', name: 'user' },
    recipient: { id: 'bot', name: 'bot' },
  };
  return new TurnContext(adapter, activity);
}

describe('turn states (ConversationState / UserState with JSON change detection)', () => {
  const adapter = new TestAdapter();

  it('stores under the SDK states’ keys, so existing conversations keep their state', async () => {
    const storage = new MemoryStorage();
    const context = turn(adapter);
    const ours = [turnConversationState(storage), turnUserState(storage)];
    for (const state of ours) {
      await state.createProperty<number>('n').set(context, 7);
      await state.saveChanges(context);
    }
    const next = turn(adapter);
    for (const sdk of [new ConversationState(storage), new UserState(storage)])
      expect(await sdk.createProperty<number>('n').get(next)).to.equal(7);
  });

  it('writes only when the state changed, and a second save in the turn builds on the first', async () => {
    const storage = new CountingStorage();
    const state = turnConversationState(storage);
    const first = turn(adapter);
    const n = state.createProperty<number>('n');
    await n.get(first, 1);
    await state.saveChanges(first);
    expect(storage.writes, 'a default set by get() is a change').to.equal(1);
    await state.saveChanges(first);
    expect(storage.writes, 'nothing changed since the save').to.equal(1);
    await n.set(first, 2);
    await state.saveChanges(first);
    expect(storage.writes).to.equal(2);

    const second = turn(adapter);
    expect(await n.get(second)).to.equal(2);
    await state.saveChanges(second);
    expect(storage.writes, 'read and not changed').to.equal(2);
    await state.clear(second);
    await state.saveChanges(second);
    expect(storage.writes, 'a cleared state is written').to.equal(3);
    expect(await n.get(turn(adapter))).to.equal(undefined);
  });

  it('force writes even an unchanged state; delete removes it', async () => {
    const storage = new CountingStorage();
    const state = turnUserState(storage);
    const context = turn(adapter);
    await state.load(context);
    await state.saveChanges(context, true);
    expect(storage.writes).to.equal(1);
    await state.createProperty<string>('name').set(context, 'Ana');
    await state.saveChanges(context);
    await state.delete(context);
    expect(await state.createProperty<string>('name').get(turn(adapter))).to.equal(undefined);
  });
});
