import { messageWords, type Vocabulary } from './vocabulary.js';

/** Desk commands whose words live in the word lists (`agentCommand.<name>`). */
export const AGENT_COMMAND_WORDS = [
  'queue',
  'help',
  'pick',
  'note',
  'transfer',
  'resolve',
  'release',
] as const;
export type AgentCommandWord = (typeof AGENT_COMMAND_WORDS)[number];

/**
 * The desk command an agent's message starts with ("pick next", "coger CS-10001", "nota …"), and the words
 * after it; undefined when it starts with none. A leading `/` or `!` is allowed. For the desk's command
 * parser, so that its words are the knowledge's (any language) rather than regexes in code.
 */
export function leadingAgentCommand(
  words: Vocabulary,
  text: string,
): { command: AgentCommandWord; rest: string[]; next: boolean } | undefined {
  const message = messageWords(text.trim().replace(/^[/!]/, ''));
  for (const command of AGENT_COMMAND_WORDS) {
    const rest = words.leading(`agentCommand.${command}`, message);
    if (rest === undefined) continue;
    // "pick next" / "coger siguiente": the next case in the queue.
    const next = command === 'pick' && rest.length > 0 && words.whole('agentCommand.next', rest);
    return { command, rest, next };
  }
  return undefined;
}

/**
 * The customer wants to leave the queue and continue with the bot: "back to the bot" anywhere in the message,
 * or a whole message such as "cancel" / "salir de la cola" (so "cancel my order" still reaches the agent).
 */
export function wantsBackToBotWords(words: Vocabulary, text: string): boolean {
  return words.has('backToBot', text) || words.whole('leaveQueue', text);
}
