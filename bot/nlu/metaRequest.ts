import { requestedLanguage, speaksOfOwnLanguage, type LanguageRequestKnowledge } from './languageRequest.js';
import { wordEnds } from './normalize.js';
import { messageWords, type Vocabulary } from './words/vocabulary.js';
import { asksForBot, botAskedFor } from './words/deskWords.js';
import type { WordList } from './words/wordLists.js';

/** Fewer words than this left beside the request for the bot or a language is nothing more to act on. */
const MIN_REST_WORDS = 3;
/** Lists whose phrases alone make a clause say nothing to act on: "hi", "sorry", "scrap that", "bueno no". */
const FILLER_LISTS: readonly WordList[] = [
  'greeting',
  'thanks',
  'politeness',
  'softener',
  'neverMind',
  'cancel',
  'acknowledge',
  'yes',
  'no',
];
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
  // "…el SMSC. ¿Cuál es…?": the blank between two marks carries the opening "¿" of the next clause — kept with that
  // clause only ("Perdone, ¿le importaría que siguiéramos en español?" leaves no stray "¿" behind).
  let opener = '';
  for (let i = 0; i < parts.length; i += 2) {
    const clause = parts[i] ?? '';
    const mark = parts[i + 1] ?? '';
    const folded = messageWords(clause);
    if (folded.length === 0) {
      opener += `${clause}${mark.replace(/[^¿¡\n]/g, '')}`;
      continue;
    }
    const before = opener;
    opener = '';
    if (isFiller(folded, words)) {
      rest = sentenceKept(rest, mark);
      continue;
    }
    if (isMeta(folded, clause, kb)) {
      // "no wait forget it ill try you first the tracker ending in zero two seven isnt sending data": typed
      // without a comma, what follows the words that decline the person is still what they came with.
      const after = afterMeta(clause, folded, words);
      if (after) {
        rest += ` ${after}${mark}`;
        kept += messageWords(after).length;
      } else rest = sentenceKept(rest, mark);
      continue;
    }
    if (options.withoutPerson && words.has('askPerson', folded)) {
      rest = sentenceKept(rest, mark);
      continue;
    }
    rest += `${before}${clause}${mark}`;
    kept += folded.length;
  }
  return kept >= MIN_REST_WORDS ? rest.trim() : undefined;
}

/**
 * The rest so far, ended as a sentence when the clause left out ended one ("…lo de una factura, y ya está resuelto,
 * muchas gracias. Estamos configurando…"): the sentences on either side stay apart, so what one tells (an invoice
 * dealt with) is not read as asked by the question in the other. The left-out clause's own "?" is not kept.
 */
function sentenceKept(rest: string, mark: string): string {
  if (!/[.!?\n]/.test(mark) || rest.trim() === '' || /[.!?]\s*$/.test(rest)) return rest;
  return `${rest.replace(/[,;:—–\s-]+$/, '')}.`;
}

/**
 * The words of a clause after its last phrase that goes back to the bot or takes back the person, when they are
 * more than filler: what the customer came with, typed in the same breath.
 */
function afterMeta(clause: string, folded: readonly string[], words: Vocabulary): string | undefined {
  const end = Math.max(
    0,
    ...[
      ...botAskedFor(words, folded),
      ...words.find('withdrawPerson', folded),
      ...words.find('declinePerson', folded),
    ].map((m) => m.end),
  );
  const left = folded.slice(end);
  if (end === 0 || left.length < MIN_REST_WORDS || isFiller(left, words)) return undefined;
  const cut = wordEnds(clause)[end - 1];
  return cut === undefined ? undefined : clause.slice(cut).trim();
}

/** The clause asks for the bot, declines or takes back a person, or asks for a language. */
function isMeta(folded: readonly string[], clause: string, kb: LanguageRequestKnowledge): boolean {
  return (
    asksForBot(kb.vocabulary, folded) ||
    kb.vocabulary.has('withdrawPerson', folded) ||
    // "…hoy sigo contigo, no hace falta pasarme con nadie": the person declined is no more to act on.
    kb.vocabulary.has('declinePerson', folded) ||
    requestedLanguage(clause, kb) !== undefined ||
    // "Hi, sorry, my English is not very good. Can we continue in Spanish?": why the language is asked for.
    speaksOfOwnLanguage(folded, kb)
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
