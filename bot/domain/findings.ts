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
  'MODEM_SMSC_EMPTY',
  'MODEM_SMSC_SET',
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

/** What each finding means, for knowledge editors (`finding.<CODE>` facts, texts in findings.<lang>.json). */
export const FINDING_DESCRIPTIONS: Readonly<Record<FindingCode, string>> = {
  SIM_NOT_ACTIVE:
    'Platform: the SIM is not in a state that allows traffic (deactivated, inventory, retired…).',
  DATA_LIMIT_REACHED: "Platform: the SIM reached its cycle's data/overage limit.",
  DATA_NOT_IN_PLAN: "Plans: the SIM's plan has no packet data.",
  SMS_NOT_IN_PLAN: "Plans: the SIM's plan has no SMS (or not in the direction asked about).",
  VOICE_NOT_IN_PLAN: "Plans: the SIM's plan has no voice.",
  CSD_NOT_IN_PLAN: "Plans: the SIM's plan has no circuit-switched data.",
  CSD_NO_CIRCUIT_SWITCHED_RADIO: "Plans: the SIM's plan allows no 2G/3G radio, which CSD needs.",
  PLAN_UNKNOWN: "Plans: the SIM's plan is not defined in knowledge/plans.json.",
  APN_MISMATCH: "Platform + plans: the device asks for an APN that is not the plan's.",
  NEVER_HAD_SESSION: 'Platform: the SIM has never had a data session.',
  NO_SESSION: 'Platform: the SIM has no data session now.',
  ROAMING_NOT_ALLOWED: "Platform + plans: the SIM is in a country its plan's roaming zones do not allow.",
  HEALTHY: 'Platform: nothing is wrong on the operator side; look at the device.',
  MODEM_SIM_NOT_INSERTED: 'Modem output: the modem does not see a SIM (+CME ERROR: 10).',
  MODEM_SIM_PIN_REQUIRED: 'Modem output: the SIM waits for its PIN (+CPIN: SIM PIN).',
  MODEM_SIM_FAILURE: 'Modem output: SIM failure (+CME ERROR: 13/15).',
  MODEM_NOT_REGISTERED: 'Modem output: not registered and not searching (stat 0).',
  MODEM_SEARCHING: 'Modem output: searching for a network (stat 2).',
  MODEM_REGISTRATION_DENIED: 'Modem output: registration denied by the network (stat 3).',
  MODEM_REGISTERED_HOME: 'Modem output: registered on the home network (stat 1).',
  MODEM_REGISTERED_ROAMING: 'Modem output: registered, roaming (stat 5).',
  MODEM_SIGNAL_POOR: 'Modem output: poor signal (+CSQ).',
  MODEM_SIGNAL_OK: 'Modem output: fair or better signal (+CSQ).',
  MODEM_PDP_REJECTED: 'Modem output: the data context was rejected, with a cause code.',
  MODEM_SMS_ERROR: 'Modem output: an SMS error (+CMS ERROR).',
  MODEM_CME_ERROR: 'Modem output: a mobile equipment error (+CME ERROR).',
  CSD_NO_CARRIER: 'Modem output: NO CARRIER after dialling a CSD call.',
  MODEM_SIGNAL_UNKNOWN: 'Modem output: signal not known (+CSQ: 99).',
  MODEM_NOT_ATTACHED: 'Modem output: not attached to packet data (+CGATT: 0).',
  MODEM_ATTACHED: 'Modem output: attached to packet data (+CGATT: 1).',
  MODEM_APN_SET: 'Modem output: the APN configured on the device (+CGDCONT).',
  MODEM_SIM_READY: 'Modem output: the SIM is ready (+CPIN: READY).',
  MODEM_SMSC_EMPTY: 'Modem output: no SMS centre number set (+CSCA: "").',
  MODEM_SMSC_SET: 'Modem output: the SMS centre number the modem uses (+CSCA).',
  EVIDENCE_PLATFORM_CONFLICT:
    'The modem output and the platform disagree (e.g. a session up but the modem not attached).',
};
