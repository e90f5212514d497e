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

/** What produces facts: where a flow's fact comes from in a conversation. */
export const FACT_SOURCES = {
  directory: 'the customer directory, when the customer writes (who they are, their organisation)',
  platform: 'the live SIM look-up in the connectivity platform (embedded inventory or Control Center)',
  plans: "the SIM look-up, read against knowledge/plans.json (the SIM's plan as the catalogue defines it)",
  modem: 'modem output the customer pasted (AT command answers), read by the modem-evidence interpreter',
  customer: "the customer's answer to a flow question (a question's `fact`, or a choice's `sets`)",
  conversation: 'the conversation itself (how many SIMs were named and found)',
} as const;
export type FactSource = keyof typeof FACT_SOURCES;

/** One catalogued fact: its type, the values a string fact takes (when they are a fixed list), what produces it. */
export interface FactSpec {
  type: FactType;
  doc: string;
  /** Producers, first the usual one. */
  from: readonly FactSource[];
  /** The only values a string fact takes (conditions may compare with these only). */
  values?: readonly string[];
  /** How a text shows the value: `country` — an ISO code shown as the country's name in the text's language. */
  shownAs?: 'country';
}

/** Every fact a flow may test, with its type, values, producers and a one-line meaning for knowledge editors. */
export const FACT_CATALOGUE = {
  'customer.identified': {
    type: 'boolean',
    doc: 'The user is in the directory and belongs to an organisation.',
    from: ['directory'],
  },
  'customer.vip': { type: 'boolean', doc: 'The organisation is a VIP customer.', from: ['directory'] },
  'sim.known': {
    type: 'boolean',
    doc: 'At least one SIM of the customer was looked up successfully.',
    from: ['conversation'],
  },
  'sim.count': {
    type: 'number',
    doc: 'How many SIMs were looked up in this conversation.',
    from: ['conversation'],
  },
  'sim.status': {
    type: 'string',
    doc: 'Normalised SIM state.',
    from: ['platform', 'customer'],
    values: ['active', 'activation_ready', 'test', 'inactive', 'inventory', 'retired', 'unknown'],
  },
  'sim.active': {
    type: 'boolean',
    doc: 'The SIM is in a state that allows traffic (activated or test-ready).',
    from: ['platform', 'customer'],
  },
  'sim.dataLimitReached': {
    type: 'boolean',
    doc: 'The cycle-to-date data limit/overage limit is reached.',
    from: ['platform'],
  },
  'plan.name': {
    type: 'string',
    doc: 'Communication plan name as returned by the platform (compare with names in plans.json).',
    from: ['platform'],
  },
  'plan.known': {
    type: 'boolean',
    doc: 'The plan name is defined in knowledge/plans.json.',
    from: ['plans'],
  },
  'plan.apn': { type: 'string', doc: "The plan's primary APN.", from: ['plans'] },
  'plan.data': { type: 'boolean', doc: 'The plan includes packet data.', from: ['plans'] },
  'plan.smsMo': { type: 'boolean', doc: 'The plan includes mobile-originated SMS.', from: ['plans'] },
  'plan.smsMt': { type: 'boolean', doc: 'The plan includes mobile-terminated SMS.', from: ['plans'] },
  'plan.voice': { type: 'boolean', doc: 'The plan includes voice.', from: ['plans'] },
  'plan.csd': { type: 'boolean', doc: 'The plan includes circuit-switched data.', from: ['plans'] },
  'plan.circuitSwitchedRadio': {
    type: 'boolean',
    doc: 'The plan allows a 2G or 3G radio (needed by CSD).',
    from: ['plans'],
  },
  'session.active': { type: 'boolean', doc: 'A data session is up right now.', from: ['platform'] },
  'session.everHad': {
    type: 'boolean',
    doc: 'The SIM has had at least one data session.',
    from: ['platform'],
  },
  'session.ip': { type: 'string', doc: 'IP address of the current or last session.', from: ['platform'] },
  'session.hoursSinceLast': {
    type: 'number',
    doc: 'Hours since the last session ended (0 while up).',
    from: ['platform'],
  },
  'apn.requested': {
    type: 'string',
    doc: 'APN requested by the device in its last attach attempt (platform).',
    from: ['platform'],
  },
  'apn.device': {
    type: 'string',
    doc: 'APN the customer says is configured on the device.',
    from: ['customer', 'modem'],
  },
  'apn.matchesPlan': {
    type: 'boolean',
    doc: "The device's/requested APN equals one of the plan's APNs.",
    from: ['plans'],
  },
  'roaming.country': {
    type: 'string',
    doc: 'ISO 3166 alpha-2 of the network the SIM is on / the customer named (a text shows its name).',
    from: ['platform', 'customer'],
    shownAs: 'country',
  },
  'roaming.operator': { type: 'string', doc: 'Name of the visited network operator.', from: ['platform'] },
  'roaming.abroad': {
    type: 'boolean',
    doc: "The SIM is outside the plan's home country.",
    from: ['plans', 'customer'],
  },
  'roaming.allowed': {
    type: 'boolean',
    doc: "The current country is allowed by the plan's roaming zones.",
    from: ['plans'],
  },
  'modem.simReady': {
    type: 'boolean',
    doc: 'AT+CPIN? answered READY / no +CME SIM error pasted.',
    from: ['modem', 'customer'],
  },
  'modem.registration': {
    type: 'string',
    doc: 'From +CREG/+CGREG/+CEREG stat.',
    from: ['modem', 'customer'],
    values: ['not_registered', 'home', 'searching', 'denied', 'unknown', 'roaming'],
  },
  'modem.registered': {
    type: 'boolean',
    doc: 'Registration stat is 1 (home) or 5 (roaming).',
    from: ['modem', 'customer'],
  },
  'modem.signal': {
    type: 'string',
    doc: '+CSQ band.',
    from: ['modem'],
    values: ['poor', 'fair', 'good', 'excellent', 'unknown'],
  },
  'modem.attached': {
    type: 'boolean',
    doc: '+CGATT: 1 (attached to packet data) or 0 (not attached).',
    from: ['modem'],
  },
  'modem.evidence': {
    type: 'string',
    doc: 'The modem lines the customer pasted, as written (for messages that quote them).',
    from: ['modem'],
  },
  'modem.pdpCause': {
    type: 'number',
    doc: 'Last ESM/PDP reject cause code pasted by the customer.',
    from: ['modem'],
  },
  'modem.noCarrier': {
    type: 'boolean',
    doc: 'NO CARRIER seen after dialling a CSD call.',
    from: ['modem', 'customer'],
  },
  'modem.cmsError': { type: 'number', doc: 'Last +CMS ERROR code pasted.', from: ['modem'] },
  'modem.cmeError': { type: 'number', doc: 'Last +CME ERROR code pasted.', from: ['modem'] },
  'modem.smscSet': {
    type: 'boolean',
    doc: 'The pasted +CSCA shows an SMS centre number (false: `+CSCA: ""`, none set).',
    from: ['modem'],
  },
  'modem.simPinRequired': {
    type: 'boolean',
    doc: 'The pasted output shows the modem waiting for the SIM PIN (+CME ERROR: 11 or +CPIN: SIM PIN).',
    from: ['modem'],
  },
} as const satisfies Record<string, FactSpec>;

export type FactName = keyof typeof FACT_CATALOGUE;

/** Findings are also exposed to flows as boolean facts named `finding.<CODE>`. */
export const FINDING_FACT_PREFIX = 'finding.';

/** The catalogue entry of a fact, typed loosely (values and producers). */
export function factSpec(name: string): FactSpec | undefined {
  return name in FACT_CATALOGUE ? (FACT_CATALOGUE as Record<string, FactSpec>)[name] : undefined;
}

/** One sentence for editors: what the fact means, its values, what produces it. */
export function describeFact(name: string): string {
  const spec = factSpec(name);
  if (!spec) return '';
  const values = spec.values ? ` Values: ${spec.values.join(' | ')}.` : '';
  return `${spec.type}. ${spec.doc}${values} From: ${spec.from.map((s) => FACT_SOURCES[s]).join('; or ')}.`;
}

/** True when `name` is a catalogued fact or a `finding.<CODE>` fact. */
export function isKnownFactName(name: string, findingCodes: readonly string[]): boolean {
  if (name in FACT_CATALOGUE) return true;
  return (
    name.startsWith(FINDING_FACT_PREFIX) && findingCodes.includes(name.slice(FINDING_FACT_PREFIX.length))
  );
}
