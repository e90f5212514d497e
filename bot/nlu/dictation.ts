import type { WordSetsSource } from './words/wordSets.js';

/** A dictated form and the term it is written back as. */
interface Spelling {
  pattern: RegExp;
  term: string;
}

/**
 * Terms written back from what a phone's speech-to-text made of them ("what a pen do I put" → "what APN do I put",
 * "la sin acabada en…" → "la SIM acabada en…"), from every word file's `dictation`: the words are data, a third
 * language adds its own. Longer forms are tried first, so "see e reg" wins over a shorter form inside it.
 */
export class Dictation {
  private readonly spellings: readonly Spelling[];

  constructor(sources: ReadonlyArray<Pick<WordSetsSource, 'dictation'>>) {
    const pairs = sources.flatMap((s) =>
      Object.entries(s.dictation ?? {}).flatMap(([term, forms]) => forms.map((form) => ({ term, form }))),
    );
    this.spellings = pairs
      .sort((a, b) => b.form.length - a.form.length)
      .map(({ term, form }) => ({
        term,
        // Forms are words of letters and digits (the schema), so they need no escaping.
        pattern: new RegExp(`(?<![\\p{L}\\p{N}])${form.split(' ').join('\\s+')}(?![\\p{L}\\p{N}])`, 'giu'),
      }));
  }

  /** `text` with every dictated form written as its term; the text itself when none is in it. */
  write(text: string): string {
    let written = text;
    for (const { pattern, term } of this.spellings) written = written.replace(pattern, term);
    return written;
  }
}
