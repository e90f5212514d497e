import { createHash } from 'node:crypto';
import type { WordsFile } from './words/wordsSchema.js';

/** The concepts of one word file (`concepts` of `knowledge/nlu/words.<lang>.json`). */
export type ConceptSource = Pick<WordsFile, 'concepts'>;

/**
 * The intent model's domain concepts, from every language's word file at once: a word that equals a concept
 * word (or starts with a `word*`) fires `k:<concept>`, and so does a phrase pattern found in the folded
 * message. Synonyms the training data has not seen yet ("interfono", "RTU", "datafono") then still vote with
 * their family, which is what generalises to unseen wording. One per knowledge version.
 */
export class ConceptLexicon {
  /** What the models trained with this lexicon depend on (part of their cache key). */
  readonly digest: string;
  private readonly exact = new Map<string, string[]>();
  private readonly prefixes: Array<[string, string]> = [];
  private readonly phrases: Array<[RegExp, string]> = [];

  constructor(sources: readonly ConceptSource[]) {
    for (const { concepts } of sources) {
      for (const [concept, words] of Object.entries(concepts.words)) {
        for (const word of words) {
          if (word.endsWith('*')) this.prefixes.push([word.slice(0, -1), `k:${concept}`]);
          else this.exact.set(word, [...(this.exact.get(word) ?? []), `k:${concept}`]);
        }
      }
      for (const { pattern, concept } of concepts.phrases)
        this.phrases.push([new RegExp(pattern, 'u'), `k:${concept}`]);
    }
    this.digest = createHash('sha256')
      .update(JSON.stringify(sources.map((s) => s.concepts)))
      .digest('hex');
  }

  /** True when the word (a number such as "112", "4g") is itself a concept word. */
  isWord(word: string): boolean {
    return this.exact.has(word);
  }

  /** The concepts one folded word belongs to. */
  of(word: string): string[] {
    const out = [...(this.exact.get(word) ?? [])];
    for (const [prefix, concept] of this.prefixes)
      if (word.startsWith(prefix) && !out.includes(concept)) out.push(concept);
    return out;
  }

  /** The multi-word concepts found in a folded message. */
  inPhrases(folded: string): string[] {
    return this.phrases.filter(([pattern]) => pattern.test(folded)).map(([, concept]) => concept);
  }
}
