import { requestedLanguage, type LanguageRequestKnowledge } from './languageRequest.js';
import { messageWords, type Vocabulary } from './words/vocabulary.js';
import type { WordList } from './words/wordLists.js';

/** Fewer words than this left beside the request for the bot or a language is nothing more to act on. */
const MIN_REST_WORDS = 3;
/** Lists whose phrases alone make a clause say nothing to act on: "hi", "sorry", "scrap that", "quick one". */
const FILLER_LISTS: readonly WordList[] = ['greeting', 'thanks', 'politeness', 'neverMind', 'cancel'];
/** Clauses split where `clausesOf` splits them; the delimiters are kept ("?" still makes a question). */
const CLAUSE_BREAK = /([,.;:!?¿¡—–\n]+|\s-+\s)/;

/**
 * What a message asks beside going back to the bot or another language: "Back to the bot please, I don't need a
 * person. Quick one: what's the AT command to set the APN?" → "what's the AT command to set the APN?";
 * "¿puedes contestar en español? ¿qué pasa si se acaban los datos?" → "¿qué pasa si se acaban los datos?". The
 * clauses that ask for the bot, decline a person or ask for a language are left out, and so are greetings,
 * thanks and apologies — and, `withoutPerson`, the clauses that ask for a person ("Modem on 0043 is offline — can I
 * just talk to a real person?" → "Modem on 0043 is offline"). Undefined when nothing of substance is left.
 */
export function restBesideMeta(
  text: string,
  kb: LanguageRequestKnowledge,
  options: { withoutPerson?: boolean } = {},
): string | undefined {
  const words = kb.vocabulary;
  const parts = text.split(CLAUSE_BREAK);
  let rest = '';
  let kept = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const clause = parts[i] ?? '';
    const folded = messageWords(clause);
    if (folded.length === 0 || isMeta(folded, clause, kb) || isFiller(folded, words)) continue;
    if (options.withoutPerson && words.has('askPerson', folded)) continue;
    rest += `${clause}${parts[i + 1] ?? ''}`;
    kept += folded.length;
  }
  return kept >= MIN_REST_WORDS ? rest.trim() : undefined;
}

/** The clause asks for the bot, declines or takes back a person, or asks for a language. */
function isMeta(folded: readonly string[], clause: string, kb: LanguageRequestKnowledge): boolean {
  return (
    kb.vocabulary.has('backToBot', folded) ||
    kb.vocabulary.has('withdrawPerson', folded) ||
    requestedLanguage(clause, kb) !== undefined
  );
}

/**
 * Every word of the clause belongs to a greeting, thanks or a "never mind" — or it is one word ("actually",
 * "perdona") that is no number: an ICCID or "0043" alone between commas is what the customer came with.
 */
function isFiller(folded: readonly string[], words: Vocabulary): boolean {
  if (folded.length === 1) return !/\d/.test(folded[0]!);
  const covered = new Array<boolean>(folded.length).fill(false);
  for (const list of FILLER_LISTS)
    for (const match of words.find(list, folded)) covered.fill(true, match.start, match.end);
  return covered.every(Boolean);
}
