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
