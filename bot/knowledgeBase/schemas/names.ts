import { z } from 'zod';
import { describeFact, FACT_CATALOGUE, FINDING_FACT_PREFIX } from '../../domain/facts.js';
import { FINDING_CODES, FINDING_DESCRIPTIONS } from '../../domain/findings.js';
import { FLOW_HANDOFF_REASONS, FLOW_HANDOFF_REASON_CODES } from '../../domain/handoffReasons.js';

/** Every fact a flow may name: the catalogue, then `finding.<CODE>` for each finding. */
export const FACT_NAMES = [
  ...Object.keys(FACT_CATALOGUE),
  ...FINDING_CODES.map((code) => `${FINDING_FACT_PREFIX}${code}`),
] as [string, ...string[]];

/** What a fact name means, for the schema's completion list. */
export function factDescription(name: string): string {
  if (name.startsWith(FINDING_FACT_PREFIX)) {
    const code = name.slice(FINDING_FACT_PREFIX.length) as keyof typeof FINDING_DESCRIPTIONS;
    return `boolean, true when the finding was made. ${FINDING_DESCRIPTIONS[code] ?? ''}`;
  }
  return describeFact(name);
}

/**
 * A fact name, as an enum with a description per value (editors such as VS Code show them while completing);
 * the whole list with values and producers is in knowledge/schema/names.md.
 */
export const factNameSchema = z.enum(FACT_NAMES).meta({
  description: 'A fact: what Firstline knows in the conversation (see knowledge/schema/names.md).',
  enumDescriptions: FACT_NAMES.map(factDescription),
  markdownEnumDescriptions: FACT_NAMES.map(factDescription),
});

/** Why a flow hands over to a person; the agent's card shows the reason's text (`desk.reason.<code>`). */
export const handoffReasonSchema = z.enum(FLOW_HANDOFF_REASON_CODES as [string, ...string[]]).meta({
  description:
    "Why a person takes over; the agent's handoff card shows the text desk.reason.<reason> (see names.md).",
  enumDescriptions: FLOW_HANDOFF_REASON_CODES.map((code) => FLOW_HANDOFF_REASONS[code]),
});
