/**
 * The connectivity platform behind one interface: Firstline asks the same three questions of the
 * embedded demo inventory and of Cisco IoT Control Center, and gets the same normalised answers.
 */

/** SIM state, normalised from the platform's free-form status string. */
export const SIM_STATUSES = [
  'active',
  'activation_ready',
  'test',
  'inactive',
  'inventory',
  'retired',
  'unknown',
] as const;
export type SimStatus = (typeof SIM_STATUSES)[number];

/** What the platform knows about one SIM. Dates are ISO 8601 strings. */
export interface DeviceDetails {
  iccid: string;
  imsi: string | null;
  msisdn: string | null;
  imei: string | null;
  status: SimStatus;
  /** The platform's own status string, e.g. `ACTIVATED`. */
  statusRaw: string;
  ratePlan: string | null;
  communicationPlan: string | null;
  dateActivated: string | null;
  dateUpdated: string | null;
  fixedIpAddress: string | null;
  /** ISO 3166 alpha-2 of the last network seen (richer platforms only). */
  lastCountry?: string;
  /** Name of the last network operator seen (richer platforms only). */
  lastOperator?: string;
  /** APN the device requested in its last attach attempt (richer platforms only). */
  requestedApn?: string;
}

/** The SIM's current or last data session. Both dates null = it never had one. */
export interface SessionInfo {
  iccid: string;
  dateSessionStarted: string | null;
  /** Null while the session is up. */
  dateSessionEnded: string | null;
  ipAddress: string | null;
  ipv6Address: string | null;
}

/** Cycle-to-date usage. */
export interface UsageInfo {
  iccid: string;
  dataBytes: number;
  sms: number;
  voiceSeconds: number;
  sessionCount: number | null;
  overageLimitReached: boolean;
  overageLimitOverride: string | null;
}

/**
 * A connectivity platform. Every method resolves `null` when the platform does not know the SIM
 * and rejects with {@link ProviderUnavailableError} when the platform cannot answer right now; it
 * never hangs.
 */
export interface ConnectivityProvider {
  readonly name: string;
  getDevice(iccid: string): Promise<DeviceDetails | null>;
  getSession(iccid: string): Promise<SessionInfo | null>;
  getUsage(iccid: string): Promise<UsageInfo | null>;
}

/** Map a platform status string (ACTIVATED, TEST_READY, …) to a {@link SimStatus}. */
export function normaliseStatus(raw: string): SimStatus {
  const s = raw
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  switch (s) {
    case 'ACTIVATED':
    case 'ACTIVE':
      return 'active';
    case 'ACTIVATION_READY':
      return 'activation_ready';
    case 'TEST_READY':
    case 'TEST':
      return 'test';
    case 'DEACTIVATED':
    case 'INACTIVE':
    case 'SUSPENDED':
      return 'inactive';
    case 'INVENTORY':
      return 'inventory';
    case 'RETIRED':
    case 'PURGED':
      return 'retired';
    default:
      return 'unknown';
  }
}

/** States in which the network lets the SIM carry traffic. */
export function statusAllowsTraffic(status: SimStatus): boolean {
  return status === 'active' || status === 'test';
}

/** The name Firstline looks up in the plan catalogue: the communication plan, else the rate plan. */
export function planNameOf(device: DeviceDetails): string | null {
  return device.communicationPlan ?? device.ratePlan ?? null;
}
