import type { BotStateStorage } from '../storage/stores.js';
import type { FirstlineMetrics } from './metrics.js';

/** Conversation and user state storage whose reads, writes and deletes are timed (store latency per turn). */
export function meteredStorage(inner: BotStateStorage, metrics: FirstlineMetrics): BotStateStorage {
  return {
    read: (keys) => metrics.timeStore('state_read', () => inner.read(keys)),
    write: (changes) => metrics.timeStore('state_write', () => inner.write(changes)),
    delete: (keys) => metrics.timeStore('state_delete', () => inner.delete(keys)),
    quarantine: (file) => inner.quarantine(file),
  };
}
