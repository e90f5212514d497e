import type {
  ConnectivityProvider,
  DeviceDetails,
  SessionInfo,
  UsageInfo,
} from '../connectivity/provider.js';
import type { FirstlineMetrics } from './metrics.js';

/** A connectivity provider whose calls are counted and timed (calls, failures, latency by operation). */
export class MeteredProvider implements ConnectivityProvider {
  constructor(
    private readonly inner: ConnectivityProvider,
    private readonly metrics: FirstlineMetrics,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  getDevice(iccid: string): Promise<DeviceDetails | null> {
    return this.call('getDevice', () => this.inner.getDevice(iccid));
  }

  getSession(iccid: string): Promise<SessionInfo | null> {
    return this.call('getSession', () => this.inner.getSession(iccid));
  }

  getUsage(iccid: string): Promise<UsageInfo | null> {
    return this.call('getUsage', () => this.inner.getUsage(iccid));
  }

  private async call<R>(operation: string, work: () => Promise<R>): Promise<R> {
    const labels = { provider: this.inner.name, operation };
    this.metrics.platformCalls.inc(labels);
    const stop = this.metrics.platformSeconds.startTimer(labels);
    try {
      return await work();
    } catch (err) {
      this.metrics.platformFailures.inc(labels);
      throw err;
    } finally {
      stop();
    }
  }
}
