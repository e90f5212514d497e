import type { Lang } from '../domain/language.js';
import type { LanguageIdentifier } from './language.js';
import { messageWords, type Vocabulary } from './words/vocabulary.js';

/** What {@link requestedLanguage} reads with: the language names and the word lists. */
export interface LanguageRequestKnowledge {
  languages: LanguageIdentifier;
  vocabulary: Vocabulary;
}

/** A message this short that names a language asks for it ("English please", "en español, por favor"). */
const SHORT_REQUEST_WORDS = 4;

/**
 * The language the customer asks the conversation to go on in, if the message asks: a switch phrase right
 * before a language's name ("can we continue in English?", "¿seguimos en español?"), or a short message
 * naming one ("Spanish please"). Asking for a language is never asking for a person. Names and phrases are
 * knowledge (`identify.names`, list `languageSwitch`), so a third language needs no code.
 */
export function requestedLanguage(text: string, kb: LanguageRequestKnowledge): Lang | undefined {
  const words = messageWords(text);
  // "My colleague started this in Spanish. Can we carry on in English?": the last language asked for.
  for (const match of kb.vocabulary.find('languageSwitch', words).reverse()) {
    const lang = kb.languages.named(words[match.end] ?? '');
    if (lang) return lang;
  }
  // "perdón, en castellano por favor": the courtesy around a short request makes it no longer.
  const courtesy = kb.vocabulary.find('politeness', words).reduce((n, m) => n + m.end - m.start, 0);
  if (words.length - courtesy > SHORT_REQUEST_WORDS) return undefined;
  const named = new Set(words.flatMap((w) => kb.languages.named(w) ?? []));
  return named.size === 1 ? [...named][0] : undefined;
}

/** How many words may stand between an `ownLanguage` phrase and the language it names ("my English", "hablo poco inglés"). */
const OWN_LANGUAGE_GAP = 1;

/**
 * The clause speaks of the customer's own language ("my English is not very good", "no hablo bien inglés"): an
 * `ownLanguage` phrase right before (at most a word before) a language's name. It tells why a language is asked for —
 * no problem, no answer ("not very good" says no "no").
 */
export function speaksOfOwnLanguage(
  clause: string | readonly string[],
  kb: LanguageRequestKnowledge,
): boolean {
  const words = typeof clause === 'string' ? messageWords(clause) : clause;
  return kb.vocabulary
    .find('ownLanguage', words)
    .some((m) =>
      Array.from({ length: OWN_LANGUAGE_GAP + 1 }, (_, gap) => words[m.end + gap]).some(
        (word) => word !== undefined && kb.languages.named(word) !== undefined,
      ),
    );
}

/** The message without its sentences that speak of the customer's own language (see {@link speaksOfOwnLanguage}). */
export function withoutOwnLanguage(text: string, kb: LanguageRequestKnowledge): string {
  const sentences = text.match(/[^.!?\n]+[.!?\n]*/g) ?? [text];
  return sentences
    .filter((sentence) => !speaksOfOwnLanguage(sentence, kb))
    .join('')
    .trim();
}
