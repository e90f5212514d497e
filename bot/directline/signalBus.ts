import type { Logger } from 'pino';
import type { StreamSignal } from './store.js';

/**
 * Delivers {@link StreamSignal}s to the listeners of this process. A listener that throws is logged and does not
 * keep the others from hearing the signal.
 */
export class SignalListeners {
  private readonly listeners = new Set<(signal: StreamSignal) => void>();

  constructor(private readonly logger?: Pick<Logger, 'warn'>) {}

  /** Adds a listener; returns the function that removes it. */
  add(listener: (signal: StreamSignal) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Calls every listener with the signal. */
  emit(signal: StreamSignal): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(signal);
      } catch (err) {
        this.logger?.warn({ err, signal: signal.kind }, 'Direct Line: a stream listener failed');
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
