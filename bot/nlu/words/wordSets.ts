import { ConceptLexicon, type ConceptSource } from '../concepts.js';
import type { FeatureWords } from '../featurizer.js';
import { foldText } from '../normalize.js';
import type { WordsFile } from './wordsSchema.js';

/** The word sets of one `knowledge/nlu/words.<lang>.json` (see `wordSetsSchema.ts`). */
export type WordSetsSource = Pick<
  WordsFile,
  'language' | 'numbers' | 'counting' | 'apn' | 'stopWords' | 'patterns' | 'dictation' | 'shorthand'
>;

/** Words as the code compares them with a message's tokens: folded (case and accents ignored). */
export function foldedSet(words: Iterable<string>): ReadonlySet<string> {
  return new Set([...words].map((word) => foldText(word.trim())));
}

/**
 * The words of one set from every language at once ("about 200" and "unas 200" whatever language the
 * message is in): `pick` reads the set out of each file.
 */
export function mergedSet(
  sources: readonly WordSetsSource[],
  pick: (source: WordSetsSource) => readonly string[],
): ReadonlySet<string> {
  return foldedSet(sources.flatMap(pick));
}

/** The stop words of one language (each language's model only ignores its own function words). */
export function stopWordsOf(sources: readonly WordSetsSource[], lang: string): ReadonlySet<string> {
  return foldedSet(sources.filter((s) => s.language === lang).flatMap((s) => s.stopWords));
}

/**
 * What each language's features read from the word files: its own stop words and the concept lexicon of
 * every language (built once, shared by every language's featurizer).
 */
export function featureWordsOf(
  sources: ReadonlyArray<WordSetsSource & ConceptSource>,
): (lang: string) => FeatureWords {
  const concepts = new ConceptLexicon(sources);
  const byLang = new Map<string, FeatureWords>();
  return (lang) => {
    let words = byLang.get(lang);
    if (!words) byLang.set(lang, (words = { stopWords: stopWordsOf(sources, lang), concepts }));
    return words;
  };
}
