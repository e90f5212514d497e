/**
 * Facts: what Firstline knows about the customer, the SIM and the device during one troubleshooting
 * conversation. Producers (diagnostics, modem evidence, the customer's answers) write them; the knowledge
 * base's *check* nodes read them. The names below are the contract between code and knowledge files:
 * `npm run kb:check` refuses a flow that names a fact not listed here.
 */
export type FactValue = string | number | boolean | null;

/** A read-only bag of facts; a missing key means "unknown". */
export type Facts = Readonly<Record<string, FactValue>>;

export type FactType = 'boolean' | 'string' | 'number';

/** Every fact a flow may test, with its type and a one-line meaning for knowledge editors. */
export const FACT_CATALOGUE = {
  'customer.identified': {
    type: 'boolean',
    doc: 'The user is in the directory and belongs to an organisation.',
  },
  'customer.vip': { type: 'boolean', doc: 'The organisation is a VIP customer.' },
  'sim.known': { type: 'boolean', doc: 'At least one SIM of the customer was looked up successfully.' },
  'sim.count': { type: 'number', doc: 'How many SIMs were looked up in this conversation.' },
  'sim.status': {
    type: 'string',
    doc: 'Normalised SIM state: active | activation_ready | test | inactive | inventory | retired | unknown.',
  },
  'sim.active': {
    type: 'boolean',
    doc: 'The SIM is in a state that allows traffic (activated or test-ready).',
  },
  'sim.dataLimitReached': { type: 'boolean', doc: 'The cycle-to-date data limit/overage limit is reached.' },
  'plan.name': { type: 'string', doc: 'Communication plan name as returned by the platform.' },
  'plan.known': { type: 'boolean', doc: 'The plan name is defined in knowledge/plans.json.' },
  'plan.apn': { type: 'string', doc: "The plan's primary APN." },
  'plan.data': { type: 'boolean', doc: 'The plan includes packet data.' },
  'plan.smsMo': { type: 'boolean', doc: 'The plan includes mobile-originated SMS.' },
  'plan.smsMt': { type: 'boolean', doc: 'The plan includes mobile-terminated SMS.' },
  'plan.voice': { type: 'boolean', doc: 'The plan includes voice.' },
  'plan.csd': { type: 'boolean', doc: 'The plan includes circuit-switched data.' },
  'plan.circuitSwitchedRadio': { type: 'boolean', doc: 'The plan allows a 2G or 3G radio (needed by CSD).' },
  'session.active': { type: 'boolean', doc: 'A data session is up right now.' },
  'session.everHad': { type: 'boolean', doc: 'The SIM has had at least one data session.' },
  'session.ip': { type: 'string', doc: 'IP address of the current or last session.' },
  'session.hoursSinceLast': { type: 'number', doc: 'Hours since the last session ended (0 while up).' },
  'apn.requested': {
    type: 'string',
    doc: 'APN requested by the device in its last attach attempt (platform).',
  },
  'apn.device': { type: 'string', doc: 'APN the customer says is configured on the device.' },
  'apn.matchesPlan': { type: 'boolean', doc: "The device's/requested APN equals one of the plan's APNs." },
  'roaming.country': {
    type: 'string',
    doc: 'ISO 3166 alpha-2 of the network the SIM is on / the customer named.',
  },
  'roaming.operator': { type: 'string', doc: 'Name of the visited network operator.' },
  'roaming.abroad': { type: 'boolean', doc: "The SIM is outside the plan's home country." },
  'roaming.allowed': { type: 'boolean', doc: "The current country is allowed by the plan's roaming zones." },
  'modem.simReady': { type: 'boolean', doc: 'AT+CPIN? answered READY / no +CME SIM error pasted.' },
  'modem.registration': {
    type: 'string',
    doc: 'From +CREG/+CGREG/+CEREG stat: not_registered | home | searching | denied | unknown | roaming.',
  },
  'modem.registered': { type: 'boolean', doc: 'Registration stat is 1 (home) or 5 (roaming).' },
  'modem.signal': { type: 'string', doc: '+CSQ band: poor | fair | good | excellent | unknown.' },
  'modem.attached': { type: 'boolean', doc: '+CGATT: 1 (attached to packet data) or 0 (not attached).' },
  'modem.evidence': {
    type: 'string',
    doc: 'The modem lines the customer pasted, as written (for messages that quote them).',
  },
  'modem.pdpCause': { type: 'number', doc: 'Last ESM/PDP reject cause code pasted by the customer.' },
  'modem.noCarrier': { type: 'boolean', doc: 'NO CARRIER seen after dialling a CSD call.' },
  'modem.cmsError': { type: 'number', doc: 'Last +CMS ERROR code pasted.' },
  'modem.cmeError': { type: 'number', doc: 'Last +CME ERROR code pasted.' },
} as const satisfies Record<string, { type: FactType; doc: string }>;

export type FactName = keyof typeof FACT_CATALOGUE;

/** Findings are also exposed to flows as boolean facts named `finding.<CODE>`. */
export const FINDING_FACT_PREFIX = 'finding.';

/** True when `name` is a catalogued fact or a `finding.<CODE>` fact. */
export function isKnownFactName(name: string, findingCodes: readonly string[]): boolean {
  if (name in FACT_CATALOGUE) return true;
  return (
    name.startsWith(FINDING_FACT_PREFIX) && findingCodes.includes(name.slice(FINDING_FACT_PREFIX.length))
  );
}
