import { BotState, ConversationState, UserState, type Storage, type TurnContext } from 'botbuilder';
import type { TurnAwareStorage } from './stateGuard.js';

/** What a turn caches for one bot state: the state and the JSON it was read or last saved as. */
interface Cached {
  state: Record<string, unknown>;
  /** `state` without its eTag, as JSON: compared with the current JSON to see whether to save. */
  json: string;
}

/**
 * A bot state's turn cache with cheaper change detection than botbuilder's. The SDK's `BotState` hashes the
 * state on every load, every save and after every write (`calculateChangeHash`: a stringify whose replacer
 * runs for every value, then sha256) — about five passes over a mid-flow dialog state of ~10 KB per turn.
 * Here the state's plain `JSON.stringify` (without the eTag) is kept and compared as it is: one pass on load,
 * one on save, none after the write. Semantics are the SDK's: `saveChanges` writes when the JSON changed
 * (or `force`), with `eTag: "*"`, and learns the new eTag from the storage.
 */
class StateCache {
  private readonly slot = Symbol('botState');

  constructor(
    private readonly storage: Storage | TurnAwareStorage,
    private readonly keyOf: (context: TurnContext) => Promise<string>,
  ) {}

  async load(context: TurnContext, force: boolean): Promise<Record<string, unknown>> {
    const cached = this.cached(context);
    if (!force && cached) return cached.state;
    const key = await this.keyOf(context);
    const items = await this.storage.read([key], context);
    const state = (items[key] as Record<string, unknown> | undefined) ?? {};
    context.turnState.set(this.slot, { state, json: changeJson(state) } satisfies Cached);
    return state;
  }

  async saveChanges(context: TurnContext, force: boolean): Promise<void> {
    let cached = this.cached(context);
    const json = cached ? changeJson(cached.state) : '';
    if (!force && (!cached || cached.json === json)) return;
    const key = await this.keyOf(context);
    cached ??= { state: {}, json: '' };
    cached.state['eTag'] = '*';
    await this.storage.write({ [key]: cached.state }, context);
    cached.json = json || changeJson(cached.state);
    context.turnState.set(this.slot, cached);
  }

  clear(context: TurnContext): void {
    // An empty JSON never matches a state's: the cleared state is written at the next save.
    context.turnState.set(this.slot, { state: {}, json: '' } satisfies Cached);
  }

  async delete(context: TurnContext): Promise<void> {
    if (this.cached(context)) context.turnState.delete(this.slot);
    await this.storage.delete([await this.keyOf(context)], context);
  }

  get(context: TurnContext): Record<string, unknown> | undefined {
    return this.cached(context)?.state;
  }

  private cached(context: TurnContext): Cached | undefined {
    const value: unknown = context.turnState.get(this.slot);
    return value && typeof value === 'object' && 'state' in value ? (value as Cached) : undefined;
  }
}

/** The state's JSON without its eTag (which changes with every write, not with the state). */
function changeJson(state: Record<string, unknown>): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}

/**
 * A bot state with {@link StateCache}'s change detection, stored under the key `keyOf` gives (the SDK's
 * `ConversationState` / `UserState` keys: see {@link turnConversationState} and {@link turnUserState}).
 */
export class TurnBotState extends BotState {
  private readonly cache: StateCache;

  constructor(storage: Storage, keyOf: (context: TurnContext) => string | undefined, what: string) {
    const key = (context: TurnContext) => {
      const found = keyOf(context);
      return found
        ? Promise.resolve(found)
        : Promise.reject(new Error(`${what} state: the activity has no ${what} to key the state by`));
    };
    super(storage, key);
    this.cache = new StateCache(storage, key);
  }

  override load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    return this.cache.load(context, force);
  }

  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return this.cache.saveChanges(context, force);
  }

  override clear(context: TurnContext): Promise<void> {
    this.cache.clear(context);
    return Promise.resolve();
  }

  override delete(context: TurnContext): Promise<void> {
    return this.cache.delete(context);
  }

  override get(context: TurnContext): Record<string, unknown> | undefined {
    return this.cache.get(context);
  }
}

/** Conversation state under `ConversationState`'s keys (`<channel>/conversations/<conversation id>`). */
export function turnConversationState(storage: Storage): TurnBotState {
  const sdk = new ConversationState(storage);
  return new TurnBotState(storage, (context) => sdk.getStorageKey(context), 'conversation');
}

/** User state under `UserState`'s keys (`<channel>/users/<user id>`). */
export function turnUserState(storage: Storage): TurnBotState {
  const sdk = new UserState(storage);
  return new TurnBotState(storage, (context) => sdk.getStorageKey(context), 'user');
}
