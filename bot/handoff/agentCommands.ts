import { z } from 'zod';

/** What an agent asked the desk to do. */
export type AgentCommand =
  | { kind: 'queue' }
  | { kind: 'pick_next' }
  | { kind: 'pick'; caseId: string }
  | { kind: 'note'; text: string }
  | { kind: 'transfer'; target: 'queue' | { agentId: string }; caseId?: string }
  | { kind: 'resolve'; caseId?: string; summary?: string }
  | { kind: 'release'; caseId?: string }
  | { kind: 'help' }
  /** A message that starts with a command word but does not parse: never relayed, the agent gets a hint. */
  | { kind: 'usage'; command: UsageCommand };

/** The commands whose first word alone marks a message as meant for the desk, not the customer. */
export type UsageCommand = 'transfer' | 'pick' | 'resolve' | 'note';

/** First words that make a message a command attempt (English and Spanish), by command. */
const COMMAND_WORDS: ReadonlyArray<readonly [UsageCommand, RegExp]> = [
  ['transfer', /^(?:transfer|transferir)(?=$|[\s:,.!?])/i],
  ['pick', /^(?:pick|coger|tomar)(?=$|[\s:,.!?])/i],
  ['resolve', /^(?:resolve|resolver)(?=$|[\s:,.!?])/i],
  ['note', /^(?:note|nota)(?=$|[\s:,.!?])/i],
];

const caseIdSchema = z
  .string()
  .regex(/^cs-\d+$/i)
  .transform((s) => s.toUpperCase());

/** `Action.Submit` values the desk cards send. */
export const deskActionSchema = z.discriminatedUnion('deskAction', [
  z.object({ deskAction: z.literal('queue') }),
  z.object({ deskAction: z.literal('pick_next') }),
  z.object({ deskAction: z.literal('pick'), caseId: caseIdSchema }),
  z.object({ deskAction: z.literal('resolve'), caseId: caseIdSchema.optional() }),
  z.object({ deskAction: z.literal('release'), caseId: caseIdSchema.optional() }),
  z.object({ deskAction: z.literal('transfer'), caseId: caseIdSchema.optional(), target: z.string().min(1) }),
]);
export type DeskAction = z.infer<typeof deskActionSchema>;

const QUEUE_WORDS = /^(queue|cola)$/i;

function transferTarget(word: string): 'queue' | { agentId: string } {
  return QUEUE_WORDS.test(word) ? 'queue' : { agentId: word };
}

/**
 * Parse an agent's message (English or Spanish, optionally prefixed with `/` so it can never be
 * mistaken for chat) or a card's `Action.Submit` value. Undefined = not a command: relay it.
 */
export function parseAgentCommand(text: string | undefined, value?: unknown): AgentCommand | undefined {
  const action = value === undefined || value === null ? undefined : deskActionSchema.safeParse(value);
  if (action?.success) {
    const v = action.data;
    switch (v.deskAction) {
      case 'queue':
        return { kind: 'queue' };
      case 'pick_next':
        return { kind: 'pick_next' };
      case 'pick':
        return { kind: 'pick', caseId: v.caseId };
      case 'resolve':
        return { kind: 'resolve', ...(v.caseId ? { caseId: v.caseId } : {}) };
      case 'release':
        return { kind: 'release', ...(v.caseId ? { caseId: v.caseId } : {}) };
      case 'transfer':
        return {
          kind: 'transfer',
          target: transferTarget(v.target),
          ...(v.caseId ? { caseId: v.caseId } : {}),
        };
    }
  }
  const t = (text ?? '').trim().replace(/^[/!]/, '').trim();
  if (!t) return undefined;
  if (QUEUE_WORDS.test(t) || /^(show|list|ver) (the )?(queue|cola)$/i.test(t)) return { kind: 'queue' };
  if (/^(help|ayuda|\?)$/i.test(t)) return { kind: 'help' };
  let m = /^(?:pick|pick up|take|coger|tomar)\s+(?:next|siguiente|el siguiente)$/i.exec(t);
  if (m) return { kind: 'pick_next' };
  m = /^(?:pick|pick up|take|coger|tomar)\s+(cs-\d+)$/i.exec(t);
  if (m?.[1]) return { kind: 'pick', caseId: m[1].toUpperCase() };
  m = /^(?:note|nota)[:\s]+([\s\S]+)$/i.exec(t);
  if (m?.[1]) return { kind: 'note', text: m[1].trim() };
  m = /^(?:transfer|transferir)(?:\s+(cs-\d+))?\s+(?:to\s+|a\s+(?:la\s+)?)?(\S+)$/i.exec(t);
  if (m?.[2]) {
    return {
      kind: 'transfer',
      target: transferTarget(m[2]),
      ...(m[1] ? { caseId: m[1].toUpperCase() } : {}),
    };
  }
  m = /^(?:resolve|resolver|resuelto)(?:\s+(cs-\d+))?\s*(?::\s*([\s\S]+))?$/i.exec(t);
  if (m) {
    return {
      kind: 'resolve',
      ...(m[1] ? { caseId: m[1].toUpperCase() } : {}),
      ...(m[2]?.trim() ? { summary: m[2].trim() } : {}),
    };
  }
  m = /^(?:release|liberar|soltar)(?:\s+(cs-\d+))?$/i.exec(t);
  if (m) return { kind: 'release', ...(m[1] ? { caseId: m[1].toUpperCase() } : {}) };
  // "transfer billing team", "pick it up", "resolve moved SIM…" (no colon): a command gone wrong, and
  // relaying it would show the customer an internal instruction.
  for (const [command, word] of COMMAND_WORDS) if (word.test(t)) return { kind: 'usage', command };
  return undefined;
}

/**
 * Whole short messages that mean "take me out of the queue". Matched against the entire message (lead-in
 * like "please"/"I want to" allowed) so that "cancel my order" or "no quiero cancelar" — real requests —
 * never leave the queue.
 */
const LEAVE_QUEUE =
  /^(?:(?:please|pls|ok|okay|vale|por favor|i want to|i'd like to|i would like to|quiero|me gustaría|deseo)\s+)*(?:cancel|cancel it|cancel that|cancel this|cancel the handoff|cancelar|cancela|cancélalo|cancelarlo|leave the queue|leave queue|exit the queue|quit the queue|get out of the queue|stop waiting|salir de la cola|salirme de la cola|dejar la cola|abandonar la cola|no esperar más)(?:\s+(?:please|pls|por favor))?$/;

/** The customer wants to leave the queue and continue with the bot. */
export function wantsBackToBot(text: string | undefined, value?: unknown): boolean {
  if (value && typeof value === 'object' && (value as Record<string, unknown>).deskAction === 'back_to_bot')
    return true;
  const t = (text ?? '').trim();
  if (
    /\b(back to (the )?bot|return to (the )?bot|volver al bot|regresar al bot|volver con el bot)\b/i.test(t)
  )
    return true;
  const phrase = t
    .toLowerCase()
    .replace(/[¡¿]/g, '')
    .replace(/[\s,.!?]+$/u, '')
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return LEAVE_QUEUE.test(phrase);
}
