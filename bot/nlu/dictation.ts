import type { WordSetsSource } from './words/wordSets.js';

/**
 * Terms written back from what a phone's speech-to-text made of them ("what a pen do I put" → "what APN do I put",
 * "la sin acabada en…" → "la SIM acabada en…"), from every word file's `dictation`: the words are data, a third
 * language adds its own. Longer forms are tried first, so "see e reg" wins over a shorter form inside it. One
 * pattern holds every form, so a message is scanned once whatever the number of forms. The same writing-out serves a
 * language's chat shorthand ("q" → "que"), built from its word file's `shorthand`.
 */
export class Dictation {
  private readonly pattern: RegExp | undefined;
  /** Each form, folded as {@link key} folds what the pattern matched, to its term. */
  private readonly terms: ReadonlyMap<string, string>;

  constructor(sources: ReadonlyArray<Pick<WordSetsSource, 'dictation'>>) {
    const pairs = sources.flatMap((s) =>
      Object.entries(s.dictation ?? {}).flatMap(([term, forms]) => forms.map((form) => ({ term, form }))),
    );
    const forms = pairs.sort((a, b) => b.form.length - a.form.length);
    this.terms = new Map(forms.map(({ term, form }) => [key(form), term]));
    // Forms are words of letters and digits (the schema), so they need no escaping.
    const alternatives = forms.map(({ form }) => form.split(' ').join('\\s+'));
    this.pattern =
      alternatives.length === 0
        ? undefined
        : new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  }

  /** `text` with every dictated form written as its term; the text itself when none is in it. */
  write(text: string): string {
    if (!this.pattern) return text;
    return text.replace(this.pattern, (found) => this.terms.get(key(found)) ?? found);
  }
}

/** A form as written or as matched (any case, any spaces between its words), for looking its term up. */
function key(form: string): string {
  return form.toLowerCase().split(/\s+/).join(' ');
}
