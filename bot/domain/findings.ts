import type { Localized } from './language.js';

/**
 * Every finding code the diagnostics engine and the modem-evidence interpreter can produce.
 * The codes are the contract with knowledge files (`finding.<CODE>` facts in flows, texts in
 * `knowledge/texts/findings.<lang>.json`).
 */
export const FINDING_CODES = [
  'SIM_NOT_ACTIVE',
  'DATA_LIMIT_REACHED',
  'DATA_NOT_IN_PLAN',
  'SMS_NOT_IN_PLAN',
  'VOICE_NOT_IN_PLAN',
  'CSD_NOT_IN_PLAN',
  'CSD_NO_CIRCUIT_SWITCHED_RADIO',
  'PLAN_UNKNOWN',
  'APN_MISMATCH',
  'NEVER_HAD_SESSION',
  'NO_SESSION',
  'ROAMING_NOT_ALLOWED',
  'HEALTHY',
  'MODEM_SIM_NOT_INSERTED',
  'MODEM_SIM_PIN_REQUIRED',
  'MODEM_SIM_FAILURE',
  'MODEM_NOT_REGISTERED',
  'MODEM_SEARCHING',
  'MODEM_REGISTRATION_DENIED',
  'MODEM_REGISTERED_HOME',
  'MODEM_REGISTERED_ROAMING',
  'MODEM_SIGNAL_POOR',
  'MODEM_SIGNAL_OK',
  'MODEM_PDP_REJECTED',
  'MODEM_SMS_ERROR',
  'MODEM_CME_ERROR',
  'CSD_NO_CARRIER',
  'MODEM_SIGNAL_UNKNOWN',
  'MODEM_NOT_ATTACHED',
  'MODEM_ATTACHED',
  'MODEM_APN_SET',
  'MODEM_SIM_READY',
  'EVIDENCE_PLATFORM_CONFLICT',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export type FindingSeverity = 'critical' | 'warning' | 'info';

/** One thing Firstline found out, in words a customer understands, with what to do next. */
export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  /** The SIM it is about, when it is about one. */
  iccid?: string;
  /** Plain-language explanation. */
  explanation: Localized;
  /** The recommended next step. */
  nextStep: Localized;
  /** Machine-readable details (e.g. `{ apn: 'internet', planApn: 'iot.firstline.example' }`). */
  details?: Readonly<Record<string, string | number | boolean | null>>;
}
