import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { Vocabulary } from '../nlu/words/vocabulary.js';
import {
  afterLeading,
  leadingAgentCommand,
  wholeAgentCommand,
  type AgentCommandName,
} from '../nlu/words/deskWords.js';
import { foldWord, likelyTypoOf } from './commandWords.js';

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

const USAGE_COMMANDS: ReadonlySet<AgentCommandName> = new Set<AgentCommandName>([
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

const CASE_ID = String.raw`cs-\d+`;

/** "queue" / "cola" (the queue command's words) sends the case back to the queue; any other word names a team or agent. */
function transferTarget(words: Vocabulary, word: string): 'queue' | { name: string } {
  return words.whole('agentCommand.queue', word) ? 'queue' : { name: word };
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
      // A card's value is the desk's own id, never a typed word.
      return withCase(
        { kind: 'transfer' as const, target: v.target === 'queue' ? 'queue' : { name: v.target } },
        v.caseId,
      );
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
 * Parse an agent's message (any language of the word lists, optionally prefixed with `/`) or a card's
 * `Action.Submit` value. Undefined = not a command: plain text for the conversation's active case. The command
 * words are the knowledge's (`agentCommand.*` word lists); only the syntax — case ids, `CS-1: text`, the `:`
 * before a summary — is code.
 */
export function parseAgentCommand(
  words: Vocabulary,
  text: string | undefined,
  value?: unknown,
): AgentCommand | undefined {
  const action = value === undefined || value === null ? undefined : deskActionSchema.safeParse(value);
  if (action?.success) return fromAction(action.data);
  const raw = (text ?? '').trim();
  const slashed = /^[/!]/.test(raw);
  const t = raw.replace(/^[/!]/, '').trim();
  if (!t) return undefined;
  const m = new RegExp(String.raw`^(?:@(${CASE_ID})\s+|(${CASE_ID})\s*:\s*)([\s\S]+)$`, 'i').exec(t);
  if (m?.[3]?.trim()) return { kind: 'send', caseId: (m[1] ?? m[2] ?? '').toUpperCase(), text: m[3].trim() };
  if (t === '?') return { kind: 'help' };
  switch (wholeAgentCommand(words, t)) {
    case 'queue':
      return { kind: 'queue' };
    case 'mine':
      return { kind: 'mine' };
    case 'help':
      return { kind: 'help' };
    case 'available':
      return { kind: 'availability', availability: 'available' };
    case 'away':
      return { kind: 'availability', availability: 'away' };
    default:
      break;
  }
  const lead = leadingAgentCommand(words, t);
  if (lead) {
    const command = withArguments(words, lead.command, lead.rest);
    if (command) return command;
    if (USAGE_COMMANDS.has(lead.command)) return { kind: 'usage', command: lead.command as UsageCommand };
  }
  return misfire(words, t, slashed);
}

const ONE_CASE = new RegExp(String.raw`^\s*(${CASE_ID})\s*$`, 'i');
const OPTIONAL_CASE = new RegExp(String.raw`^\s*(${CASE_ID})?\s*$`, 'i');

/** A leading command with what follows it, or undefined when what follows is not what it takes. */
function withArguments(words: Vocabulary, command: AgentCommandName, rest: string): AgentCommand | undefined {
  switch (command) {
    case 'pick': {
      if (words.whole('agentCommand.next', rest)) return { kind: 'pick_next' };
      const id = ONE_CASE.exec(rest)?.[1];
      return id ? { kind: 'pick', caseId: id.toUpperCase() } : undefined;
    }
    case 'switch':
    case 'decline': {
      const id = ONE_CASE.exec(rest)?.[1];
      return id ? { kind: command, caseId: id.toUpperCase() } : undefined;
    }
    case 'note': {
      const note = rest.replace(/^[\s:]+/, '').trim();
      return note ? { kind: 'note', text: note } : undefined;
    }
    case 'transfer': {
      const m = new RegExp(String.raw`^\s*(?:(${CASE_ID})\s+)?([\s\S]*)$`, 'i').exec(rest);
      const after = m?.[2] ?? '';
      const target = (afterLeading(words, 'agentCommand.transferTo', after) ?? after).trim();
      if (!/^\S+$/.test(target)) return undefined;
      return withCase({ kind: 'transfer' as const, target: transferTarget(words, target) }, m?.[1]);
    }
    case 'resolve': {
      const m = new RegExp(String.raw`^\s*(${CASE_ID})?\s*(?::\s*([\s\S]+))?$`, 'i').exec(rest);
      if (!m) return undefined;
      return withCase({ kind: 'resolve' as const, ...(m[2]?.trim() ? { summary: m[2].trim() } : {}) }, m[1]);
    }
    case 'release':
    case 'handback': {
      const m = OPTIONAL_CASE.exec(rest);
      return m ? withCase({ kind: command }, m[1]) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A message that is not a command but must not reach a customer either: a likely typo ("qeue", "resovle CS-1")
 * or an unknown `/command`.
 */
function misfire(words: Vocabulary, t: string, slashed: boolean): AgentCommand | undefined {
  const tokens = t.split(/\s+/);
  const first = tokens[0] ?? '';
  // A typo is looked for only where a command is plausible: a short message, or one whose next word is what a
  // command takes ("resovle CS-1", "pikc next", "nota: …"); "resolved! the APN was wrong" goes to the customer.
  const rest = tokens.slice(1).join(' ');
  // A four-letter word ("Lola, ¿sigue ahí?") needs a shorter message: names and words that close abound.
  const maxWords = foldWord(first).length <= 4 ? 2 : 3;
  const commandShaped =
    tokens.length <= maxWords ||
    /^\s*:/.test(t.slice(first.length)) ||
    new RegExp(`^${CASE_ID}\\b`, 'i').test(rest) ||
    words.leading('agentCommand.next', rest) !== undefined ||
    words.leading('agentCommand.transferTo', rest) !== undefined;
  const suggestion = commandShaped ? likelyTypoOf(words, first) : undefined;
  if (suggestion) return { kind: 'typo', word: foldWord(first), suggestion };
  if (slashed) return { kind: 'unknown', word: foldWord(first) || first };
  return undefined;
}

/** The customer tapped "back to the bot" (the desk card's button). Words are read by `wantsBackToBotWords`. */
export function tappedBackToBot(value: unknown): boolean {
  return Boolean(
    value && typeof value === 'object' && (value as Record<string, unknown>).deskAction === 'back_to_bot',
  );
}
