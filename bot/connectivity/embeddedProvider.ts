import type { Repository } from '../storage/repository.js';
import {
  normaliseStatus,
  type ConnectivityProvider,
  type DeviceDetails,
  type SessionInfo,
  type UsageInfo,
} from './provider.js';
import type { SimRecord } from './simRecord.js';

/** The record as Control Center would describe the device (no richer fields). */
export function deviceFromRecord(r: SimRecord): DeviceDetails {
  return {
    iccid: r.id,
    imsi: r.imsi,
    msisdn: r.msisdn,
    imei: r.imei,
    status: normaliseStatus(r.status),
    statusRaw: r.status,
    ratePlan: r.ratePlan,
    communicationPlan: r.communicationPlan,
    dateActivated: r.dateActivated,
    dateUpdated: r.dateUpdated,
    fixedIpAddress: r.fixedIPAddress,
  };
}

export function sessionFromRecord(r: SimRecord): SessionInfo {
  return { iccid: r.id, ...r.session };
}

export function usageFromRecord(r: SimRecord): UsageInfo {
  return {
    iccid: r.id,
    dataBytes: r.usage.ctdDataUsage,
    sms: r.usage.ctdSMSUsage,
    voiceSeconds: r.usage.ctdVoiceUsage,
    sessionCount: r.usage.ctdSessionCount,
    overageLimitReached: r.usage.overageLimitReached,
    overageLimitOverride: r.usage.overageLimitOverride,
  };
}

/** The device as the embedded platform reports it: the record plus last country/operator and requested APN. */
export function embeddedDevice(r: SimRecord): DeviceDetails {
  const device = deviceFromRecord(r);
  if (r.lastCountry !== null) device.lastCountry = r.lastCountry;
  if (r.lastOperator !== null) device.lastOperator = r.lastOperator;
  if (r.requestedApn !== null) device.requestedApn = r.requestedApn;
  return device;
}

/**
 * The default platform: SIM facts from our own inventory (lowdb), so the bot works on a fresh
 * machine. Adds what only a richer platform knows: last country/operator and requested APN.
 */
export class EmbeddedProvider implements ConnectivityProvider {
  readonly name = 'embedded';

  /** @param inventory - The SIM records (only read by id: the demo seed in memory serves as well). */
  constructor(private readonly inventory: Pick<Repository<SimRecord>, 'get'>) {}

  async getDevice(iccid: string): Promise<DeviceDetails | null> {
    const r = this.inventory.get(iccid);
    return r ? embeddedDevice(r) : null;
  }

  async getSession(iccid: string): Promise<SessionInfo | null> {
    const r = this.inventory.get(iccid);
    return r ? sessionFromRecord(r) : null;
  }

  async getUsage(iccid: string): Promise<UsageInfo | null> {
    const r = this.inventory.get(iccid);
    return r ? usageFromRecord(r) : null;
  }
}
