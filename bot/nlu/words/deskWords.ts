import { messageWords, type Vocabulary, type WordMatch } from './vocabulary.js';

/** Desk commands; each one's words are the list `agentCommand.<name>` of every language's word lists. */
export const AGENT_COMMANDS = [
  'queue',
  'mine',
  'help',
  'available',
  'away',
  'pick',
  'switch',
  'decline',
  'note',
  'transfer',
  'resolve',
  'release',
  'handback',
] as const;
export type AgentCommandName = (typeof AGENT_COMMANDS)[number];

/** Commands that are the whole message ("queue", "mis casos"); the others lead, followed by what they take. */
const WHOLE_COMMANDS: ReadonlySet<AgentCommandName> = new Set(['queue', 'mine', 'help', 'available', 'away']);

/**
 * The raw text after the first `count` words of `raw` (words as {@link messageWords} counts them), so that
 * what follows a command — a note, a summary, a team's name — is kept as the agent wrote it.
 */
export function afterWords(raw: string, count: number): string {
  if (count <= 0) return raw;
  let seen = 0;
  for (const m of raw.matchAll(/[\p{L}\p{N}+]+/gu)) {
    seen += 1;
    if (seen === count) return raw.slice((m.index ?? 0) + m[0].length);
  }
  return '';
}

/** The whole-message command an agent's message is ("queue", "ver la cola", "ausente"), if any. */
export function wholeAgentCommand(words: Vocabulary, text: string): AgentCommandName | undefined {
  for (const command of WHOLE_COMMANDS) if (words.whole(`agentCommand.${command}`, text)) return command;
  return undefined;
}

/**
 * The desk command an agent's message starts with ("pick next", "coger CS-10001", "nota …") and the text after
 * it as written; undefined when it starts with none. A leading `/` or `!` is allowed. The words are the
 * knowledge's (any language): the parser has none of its own.
 */
export function leadingAgentCommand(
  words: Vocabulary,
  text: string,
): { command: AgentCommandName; rest: string } | undefined {
  const raw = text.trim().replace(/^[/!]/, '');
  const message = messageWords(raw);
  for (const command of AGENT_COMMANDS) {
    if (WHOLE_COMMANDS.has(command)) continue;
    const after = words.leading(`agentCommand.${command}`, message);
    if (after !== undefined) return { command, rest: afterWords(raw, message.length - after.length) };
  }
  return undefined;
}

/** The words after a leading phrase of `list` in `text`, as written; undefined when it does not start with one. */
export function afterLeading(
  words: Vocabulary,
  list: 'agentCommand.transferTo' | 'agentCommand.next',
  text: string,
): string | undefined {
  const message = messageWords(text);
  const after = words.leading(list, message);
  return after === undefined ? undefined : afterWords(text, message.length - after.length);
}

/** The one-word forms of each command in every language ("queue", "cola"…): what a typo is compared with. */
export function commandWords(words: Vocabulary): ReadonlyMap<AgentCommandName, readonly string[]> {
  return new Map(
    AGENT_COMMANDS.map((command) => [
      command,
      words.phrases(`agentCommand.${command}`).filter((p) => !p.includes(' ') && !p.endsWith('*')),
    ]),
  );
}

/**
 * The `backToBot` phrases of a message that do ask for the bot: not one whose machine is refused right before it
 * ("no more bot please", "con un agente de verdad, no con un bot. Porfa", "I don't want to talk to the bot") — a
 * `refuseMachine` or `declinePerson` phrase ending where a `machineNoun` inside the phrase starts.
 */
export function botAskedFor(words: Vocabulary, text: string | readonly string[]): WordMatch[] {
  const folded = typeof text === 'string' ? messageWords(text) : text;
  const asked = words.find('backToBot', folded);
  if (asked.length === 0) return asked;
  const refusals = [...words.find('refuseMachine', folded), ...words.find('declinePerson', folded)];
  const refused = words.find('machineNoun', folded).filter((m) => refusals.some((r) => r.end === m.start));
  return asked.filter((b) => !refused.some((m) => m.start >= b.start && m.start < b.end));
}

/** The message asks for the bot (see {@link botAskedFor}). */
export function asksForBot(words: Vocabulary, text: string | readonly string[]): boolean {
  return botAskedFor(words, text).length > 0;
}

/**
 * The customer wants to leave the queue and continue with the bot: "back to the bot" anywhere in the message,
 * or a whole message such as "cancel" / "salir de la cola" (so "cancel my order" still reaches the agent).
 */
export function wantsBackToBotWords(words: Vocabulary, text: string): boolean {
  return asksForBot(words, text) || words.whole('leaveQueue', text);
}

/** A take-back this long says whom it is about ("I don't need anyone", "no necesito a nadie"). */
const NAMED_TAKE_BACK_WORDS = 4;

/**
 * The customer takes back their request for a person in the first sentence of the message ("Ah, no, wait, it is not
 * necessary. I try first with you.", "no espere, cancele eso. mejor dígame cómo cambio el APN"), or in any sentence
 * with a take-back that names the person or is four words long ("Hm, nothing wrong on your end. Cancel the human,
 * I'll look at the antenna", "Then I don't need anyone"), unless they say they will wait. Read only for a case queued because they
 * asked for a person.
 */
export function withdrawsPersonRequest(words: Vocabulary, text: string): boolean {
  const sentences = text.split(/[.!?\n]+/).filter((sentence) => messageWords(sentence).length > 0);
  const first = sentences[0] ?? '';
  const namesPerson = sentences.some((sentence) => {
    const folded = messageWords(sentence);
    return words
      .find('withdrawPerson', folded)
      .some(
        (m) =>
          words.has('personNoun', folded.slice(m.start, m.end)) || m.end - m.start >= NAMED_TAKE_BACK_WORDS,
      );
  });
  return (words.has('withdrawPerson', first) || namesPerson) && !words.has('willWait', text);
}

/** How far after "no me pases con", "I do not want" the machine refused may come ("no me pasés con la máquina"). */
const MACHINE_AFTER_REFUSAL_WORDS = 3;

/**
 * A person declined or taken back in these words ("don't transfer me", "no, déjalo") — unless what is refused is the
 * machine ("Mirá, no me pasés con la máquina, quiero hablar con una persona"): that asks for a person all the more.
 */
function refusesAPerson(words: Vocabulary, folded: readonly string[]): boolean {
  const refusesMachine = machineRefused(words, folded);
  return [...words.find('declinePerson', folded), ...words.find('withdrawPerson', folded)].some(
    (m) => !refusesMachine(m),
  );
}

/** Whether a refusal found in `folded` refuses the machine named right after it ("no me pasés con la máquina"). */
function machineRefused(words: Vocabulary, folded: readonly string[]): (refusal: { end: number }) => boolean {
  const machines = words.find('machineNoun', folded);
  return (refusal) =>
    machines.some((n) => n.start >= refusal.end && n.start - refusal.end < MACHINE_AFTER_REFUSAL_WORDS);
}

/** At least this many words after a person taken back, the rest of the message asks something of its own. */
const REST_AFTER_TAKE_BACK_WORDS = 2;

/**
 * What a message asks after it asks for a person and takes that back in the same breath ("Quiero hablar con una
 * persona. Bueno, no, déjalo, solo dime qué APN va en los rastreadores", "Can I get a human? ...actually, never mind,
 * let's try you first: SIM 0043 has had no data"), as written; undefined when nothing is taken back after a person
 * asked for, or nothing follows. Nobody was refused: the rest is the turn, as if the person had not been named.
 */
export function restAfterPersonTakenBack(words: Vocabulary, text: string): string | undefined {
  const folded = messageWords(text);
  const withdrawals = words.find('withdrawPerson', folded);
  // "…I'd rather carry on with the automated assistant, please; there is no need for anyone to call me": back to the
  // bot said in words of its own is the turn — only a take-back that is itself the way back ("let's try you first")
  // leaves the rest to read.
  if (botAskedFor(words, folded).some((b) => !withdrawals.some((w) => w.start <= b.start && b.end <= w.end)))
    return undefined;
  const refusesMachine = machineRefused(words, folded);
  const takenBack = withdrawals.filter((m) => !refusesMachine(m)).at(-1);
  if (takenBack === undefined || folded.length - takenBack.end < REST_AFTER_TAKE_BACK_WORDS) return undefined;
  // "acabo de hablar con el jefe de flota… cierren el caso, ya no es necesario revisarlo": a person must have been
  // asked for before the take-back ("Quiero hablar con una persona. Bueno, no, déjalo…"), not someone talked to.
  const rest = afterWords(text, takenBack.end);
  const before = text.slice(0, text.length - afterWords(text, takenBack.start).length);
  return asksForPersonInWords(words, before) ? rest : undefined;
}

/** How far after "speak to", "pásame con" the person may come ("put me through to one of your engineers"). */
const PERSON_AFTER_ASK_WORDS = 4;

/** Words of an `askPerson` phrase that asks for a person even in a question ("put me in touch with"). */
const ASKED_AS_QUESTION = 3;

/**
 * A person asked for in words, whatever topic the classifier heard in the message ("I'd like to speak to someone from
 * your ops team. Three trackers dropped…", "Todo eso ya lo hemos probado. Pásame con una persona del equipo"): a
 * sentence, not a question (unless it asks to be put in touch), where an asking phrase of two words or more is
 * followed by a person, and nothing declines one.
 */
export function asksForPersonInWords(words: Vocabulary, text: string): boolean {
  // "…quiero hablar con una persona de carne y hueso, ¿se puede?": a question opened after the demand ("¿se puede?")
  // is one of its own, and leaves the demand a sentence.
  return text.split(/[.!\n¿]+/).some((sentence) => {
    const folded = messageWords(sentence);
    // "¿Podrían ponerme en contacto con un agente, por favor?": being put in touch, asked as a question, asks as much
    // ("are your agents around on Sundays?" does not).
    if (
      sentence.includes('?') &&
      !words.find('askPerson', folded).some((m) => m.end - m.start >= ASKED_AS_QUESTION)
    )
      return false;
    // "¿En qué horario puedo hablar con alguien de soporte?": when a person can be talked to, asked — the hours.
    const when = words.find('timeAsked', folded)[0];
    if (
      sentence.includes('?') &&
      when !== undefined &&
      words.find('askPerson', folded).every((m) => m.start >= when.end)
    )
      return false;
    if (refusesAPerson(words, folded)) return false;
    const persons = words.find('personNoun', folded);
    return words
      .find('askPerson', folded)
      .some(
        (m) =>
          m.end - m.start >= 2 &&
          persons.some((p) => p.start >= m.end && p.start - m.end < PERSON_AFTER_ASK_WORDS),
      );
  });
}
