/**
 * Why a troubleshooting flow hands the customer to a person: the `reason` of a flow's handoff node. A known
 * list, so the agent's handoff card and console say it in words (`desk.reason.<code>` in the texts, in every
 * language). A new reason is a code change: add it here, then its texts.
 */
export const FLOW_HANDOFF_REASONS = {
  sim_not_active: 'The SIM is not active: operations must activate or reactivate it.',
  sim_not_detected: 'The modem does not see the SIM (not inserted, PIN, or a broken SIM).',
  data_limit_reached: 'The SIM reached its data limit: operations can raise or reset it.',
  plan_change_needed: "The service is not in the SIM's plan: a plan change is needed.",
  plan_unknown: "The SIM's plan is not in the plan catalogue: someone must look at the plan.",
  roaming_not_allowed: "The SIM is in a country its plan's roaming zones do not allow.",
  registration_denied: 'The network denies registration: barring or subscription on our side.',
  data_service_barred: 'The network rejects the data context (cause 8 or 33): barring on our side.',
  csd_no_coverage: 'No 2G/3G coverage for a circuit-switched data call.',
  data_unresolved: 'The data checks are done and the device still has no data.',
  sms_unresolved: 'The SMS checks are done and SMS still do not work.',
  voice_unresolved: 'The voice checks are done and calls still do not work.',
  csd_unresolved: 'The CSD checks are done and data calls still do not connect.',
  imei_lock: 'The SIM is locked to another device (IMEI lock): operations must release or move the lock.',
} as const;

export type FlowHandoffReason = keyof typeof FLOW_HANDOFF_REASONS;
export const FLOW_HANDOFF_REASON_CODES = Object.keys(FLOW_HANDOFF_REASONS) as FlowHandoffReason[];
