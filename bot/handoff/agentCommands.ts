import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { commandNamed, foldWord, likelyTypoOf, type CommandName } from './commandWords.js';

/** What an agent asked the desk to do in a chat. Undefined from the parser = plain text for the active case. */
export type AgentCommand =
  | { kind: 'queue' }
  | { kind: 'mine' }
  | { kind: 'pick_next' }
  | { kind: 'pick'; caseId: string }
  | { kind: 'switch'; caseId: string }
  /** `CS-123: text` or `@CS-123 text`: to that case, whichever is active. */
  | { kind: 'send'; caseId: string; text: string }
  | { kind: 'note'; text: string; caseId?: string }
  | { kind: 'transfer'; target: 'queue' | { name: string }; caseId?: string }
  | { kind: 'resolve'; caseId?: string; summary?: string }
  | { kind: 'release'; caseId?: string }
  | { kind: 'handback'; caseId?: string }
  | { kind: 'availability'; availability: 'available' | 'away' }
  | { kind: 'decline'; caseId: string }
  | { kind: 'help' }
  /** A message that starts with a command word but does not parse: never relayed, the agent gets a hint. */
  | { kind: 'usage'; command: UsageCommand }
  /** A likely mistyped command ("qeue", "resovle CS-1"): never relayed. */
  | { kind: 'typo'; word: string; suggestion: string }
  /** `/something` that is no command: never relayed. */
  | { kind: 'unknown'; word: string };

/** The commands whose first word alone marks a message as meant for the desk, not the customer. */
export type UsageCommand = 'transfer' | 'pick' | 'resolve' | 'note' | 'switch' | 'decline';

const USAGE_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>([
  'transfer',
  'pick',
  'resolve',
  'note',
  'switch',
  'decline',
]);

const caseIdSchema = z
  .string()
  .regex(/^cs-\d+$/i)
  .transform((s) => s.toUpperCase());

/** `Action.Submit` values the desk cards send. */
export const deskActionSchema = z.discriminatedUnion('deskAction', [
  z.object({ deskAction: z.literal('queue') }),
  z.object({ deskAction: z.literal('pick_next') }),
  z.object({ deskAction: z.literal('pick'), caseId: caseIdSchema }),
  z.object({ deskAction: z.literal('switch'), caseId: caseIdSchema }),
  z.object({ deskAction: z.literal('decline'), caseId: caseIdSchema }),
  z.object({ deskAction: z.literal('resolve'), caseId: caseIdSchema.optional() }),
  z.object({ deskAction: z.literal('release'), caseId: caseIdSchema.optional() }),
  z.object({ deskAction: z.literal('handback'), caseId: caseIdSchema.optional() }),
  z.object({ deskAction: z.literal('transfer'), caseId: caseIdSchema.optional(), target: z.string().min(1) }),
]);
export type DeskAction = z.infer<typeof deskActionSchema>;

const QUEUE_WORDS = /^(queue|cola)$/i;
const CASE_ID = String.raw`cs-\d+`;

function transferTarget(word: string): 'queue' | { name: string } {
  return QUEUE_WORDS.test(word) ? 'queue' : { name: word };
}

function withCase<T extends object>(command: T, caseId: string | undefined): T & { caseId?: string } {
  return caseId ? { ...command, caseId: caseId.toUpperCase() } : command;
}

/** The command a card button sends. */
function fromAction(v: DeskAction): AgentCommand {
  switch (v.deskAction) {
    case 'queue':
      return { kind: 'queue' };
    case 'pick_next':
      return { kind: 'pick_next' };
    case 'pick':
    case 'switch':
    case 'decline':
      return { kind: v.deskAction, caseId: v.caseId };
    case 'resolve':
    case 'release':
    case 'handback':
      return withCase({ kind: v.deskAction } as const, v.caseId);
    case 'transfer':
      return withCase({ kind: 'transfer' as const, target: transferTarget(v.target) }, v.caseId);
  }
}

/**
 * The text an agent wrote to the bot, without the bot's @mention: in a Teams channel every message starts with
 * `<at>Firstline</at>` (with a `mention` entity naming the bot); a leading `@Firstline` typed by hand counts too.
 * Mentions of other people are left alone.
 */
export function textForBot(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  const botId = activity.recipient?.id;
  const names = new Set(['firstline', (activity.recipient?.name ?? '').toLowerCase()].filter(Boolean));
  for (const entity of activity.entities ?? []) {
    const mentioned = (entity as { mentioned?: { id?: string; name?: string } }).mentioned;
    if (entity.type !== 'mention' || !mentioned || (botId && mentioned.id !== botId)) continue;
    const tagged = (entity as { text?: string }).text;
    if (tagged) text = text.split(tagged).join(' ');
    if (mentioned.name) names.add(mentioned.name.toLowerCase());
  }
  for (;;) {
    const m = /^\s*(?:<at>([^<]*)<\/at>|@([^\s:,]+))[\s,:]*/i.exec(text);
    const name = (m?.[1] ?? m?.[2] ?? '').trim().toLowerCase();
    if (!m || !names.has(name)) break;
    text = text.slice(m[0].length);
  }
  return text.replace(/\s+/g, ' ').trim() === '' ? '' : text.trim();
}

/**
 * Parse an agent's message (English or Spanish, optionally prefixed with `/`) or a card's `Action.Submit` value.
 * Undefined = not a command: plain text for the conversation's active case.
 */
export function parseAgentCommand(text: string | undefined, value?: unknown): AgentCommand | undefined {
  const action = value === undefined || value === null ? undefined : deskActionSchema.safeParse(value);
  if (action?.success) return fromAction(action.data);
  const raw = (text ?? '').trim();
  const slashed = /^[/!]/.test(raw);
  const t = raw.replace(/^[/!]/, '').trim();
  if (!t) return undefined;
  let m = new RegExp(String.raw`^(?:@(${CASE_ID})\s+|(${CASE_ID})\s*:\s*)([\s\S]+)$`, 'i').exec(t);
  if (m?.[3]?.trim()) return { kind: 'send', caseId: (m[1] ?? m[2] ?? '').toUpperCase(), text: m[3].trim() };
  if (QUEUE_WORDS.test(t) || /^(show|list|ver) (the )?(queue|cola)$/i.test(t)) return { kind: 'queue' };
  if (/^(mine|my cases|cases|casos|mis casos)$/i.test(t)) return { kind: 'mine' };
  if (/^(help|ayuda|\?)$/i.test(t)) return { kind: 'help' };
  if (/^(available|disponible)$/i.test(t)) return { kind: 'availability', availability: 'available' };
  if (/^(away|ausente)$/i.test(t)) return { kind: 'availability', availability: 'away' };
  m = /^(?:pick|pick up|take|coger|tomar)\s+(?:next|siguiente|el siguiente)$/i.exec(t);
  if (m) return { kind: 'pick_next' };
  m = new RegExp(String.raw`^(?:pick|pick up|take|coger|tomar)\s+(${CASE_ID})$`, 'i').exec(t);
  if (m?.[1]) return { kind: 'pick', caseId: m[1].toUpperCase() };
  m = new RegExp(String.raw`^(?:switch|switch to|cambiar|cambiar a)\s+(${CASE_ID})$`, 'i').exec(t);
  if (m?.[1]) return { kind: 'switch', caseId: m[1].toUpperCase() };
  m = new RegExp(String.raw`^(?:decline|rechazar)\s+(${CASE_ID})$`, 'i').exec(t);
  if (m?.[1]) return { kind: 'decline', caseId: m[1].toUpperCase() };
  m = /^(?:note|nota)[:\s]+([\s\S]+)$/i.exec(t);
  if (m?.[1]) return { kind: 'note', text: m[1].trim() };
  m = new RegExp(
    String.raw`^(?:transfer|transferir)(?:\s+(${CASE_ID}))?\s+(?:to\s+(?:the\s+)?|a\s+(?:la\s+)?)?(\S+)$`,
    'i',
  ).exec(t);
  if (m?.[2]) return withCase({ kind: 'transfer' as const, target: transferTarget(m[2]) }, m[1]);
  m = new RegExp(
    String.raw`^(?:resolve|resolver|resuelto)(?:\s+(${CASE_ID}))?\s*(?::\s*([\s\S]+))?$`,
    'i',
  ).exec(t);
  if (m)
    return withCase({ kind: 'resolve' as const, ...(m[2]?.trim() ? { summary: m[2].trim() } : {}) }, m[1]);
  m = new RegExp(String.raw`^(?:release|liberar|soltar)(?:\s+(${CASE_ID}))?$`, 'i').exec(t);
  if (m) return withCase({ kind: 'release' as const }, m[1]);
  m = new RegExp(String.raw`^(?:handback|hand back|devolver|devolver al bot)(?:\s+(${CASE_ID}))?$`, 'i').exec(
    t,
  );
  if (m) return withCase({ kind: 'handback' as const }, m[1]);
  return misfire(t, slashed);
}

/**
 * A message that is not a command but must not reach a customer either: a command word with the wrong
 * arguments ("transfer billing team"), a likely typo ("qeue", "resovle CS-1") or an unknown `/command`.
 */
function misfire(t: string, slashed: boolean): AgentCommand | undefined {
  const words = t.split(/\s+/);
  const first = words[0] ?? '';
  const named = commandNamed(first);
  if (named && USAGE_COMMANDS.has(named)) return { kind: 'usage', command: named as UsageCommand };
  // A typo is looked for only where a command is plausible: a short message, or one whose next word is what a
  // command takes ("resovle CS-1", "pikc next", "nota: …"); "resolved! the APN was wrong" goes to the customer.
  const rest = words.slice(1).join(' ');
  // A four-letter word ("Lola, ¿sigue ahí?") needs a shorter message: names and words that close abound.
  const maxWords = foldWord(first).length <= 4 ? 2 : 3;
  const commandShaped =
    words.length <= maxWords ||
    /^\s*:/.test(t.slice(first.length)) ||
    new RegExp(`^(${CASE_ID}|next|siguiente|to|a|al|la)\\b`, 'i').test(rest);
  const suggestion = commandShaped ? likelyTypoOf(first) : undefined;
  if (suggestion) return { kind: 'typo', word: foldWord(first), suggestion };
  if (slashed) return { kind: 'unknown', word: foldWord(first) || first };
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
