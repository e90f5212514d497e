import { foldWords } from '../normalize.js';
import { oneTypoApart } from './typo.js';
import { WORD_LISTS, wordListNamed, type WordList, type WordListSpec } from './wordLists.js';

/** Two lists whose phrases, the second at most `within` words after the first, read as a third list's phrase. */
interface PhrasePair {
  first: WordList;
  then: WordList;
  within: number;
}

/** The word lists of one `knowledge/nlu/words.<lang>.json`. */
export interface WordsSource {
  language: string;
  lists: Readonly<Partial<Record<WordList, readonly string[]>>>;
}

interface Phrase {
  /** The phrase as an editor wrote it (for reports). */
  source: string;
  /** Folded words; a trailing `*` on a word matches any word starting with it. */
  words: Array<{ text: string; prefix: boolean }>;
}

/** A typed answer to a yes/no question (see {@link Vocabulary.answer}). */
export type YesNoAnswer = 'yes' | 'no' | 'unknown' | 'done';

/** Where a phrase of a list was found in a message. */
export interface WordMatch {
  list: WordList;
  phrase: string;
  /** Word positions in the folded message: [start, end). */
  start: number;
  end: number;
}

/** The words of a message as the lists are matched against them: folded, punctuation-free. */
export function messageWords(text: string): string[] {
  const folded = foldWords(text);
  // "+CSQ" is the word "csq" for the lists; the plus only matters to phone numbers, which no list names.
  return folded
    ? folded
        .split(' ')
        .map((w) => w.replace(/^\++/, ''))
        .filter(Boolean)
    : [];
}

function compile(source: string): Phrase | undefined {
  const words = source.split(/\s+/).flatMap((token) => {
    const prefix = token.endsWith('*');
    const folded = messageWords(token.replace(/\*+$/, ''));
    return folded.map((text, i) => ({ text, prefix: prefix && i === folded.length - 1 }));
  });
  return words.length > 0 ? { source, words } : undefined;
}

function matchesAt(phrase: Phrase, words: readonly string[], at: number): boolean {
  if (at + phrase.words.length > words.length) return false;
  // A loop, not \`every\`: this runs for every candidate phrase at every word, and a closure per call is garbage.
  for (let i = 0; i < phrase.words.length; i++) {
    const p = phrase.words[i]!;
    const word = words[at + i] ?? '';
    if (p.prefix ? !word.startsWith(p.text) : word !== p.text) return false;
  }
  return true;
}

/**
 * {@link matchesAt}, allowing one typo in each long word of a phrase of two words or more, one word exact — never in
 * a word of `realWords`, which is a word of its own ("both fine" is not "bots fine").
 */
function matchesWithTyposAt(
  phrase: Phrase,
  words: readonly string[],
  at: number,
  realWords: ReadonlySet<string>,
): boolean {
  if (matchesAt(phrase, words, at)) return true;
  if (phrase.words.length < 2 || at + phrase.words.length > words.length) return false;
  let exact = 0;
  const all = phrase.words.every((p, i) => {
    const word = words[at + i] ?? '';
    if (p.prefix ? word.startsWith(p.text) : word === p.text) {
      exact += 1;
      return true;
    }
    return !p.prefix && !realWords.has(word) && oneTypoApart(p.text, word);
  });
  return all && exact > 0;
}

/**
 * A list's phrases indexed by their first word (phrases whose first word is a `word*` prefix are kept apart),
 * each with its place in the list: {@link firstAt} finds the phrase a scan of the whole list would find first.
 */
class PhraseStarts {
  private readonly byWord = new Map<string, Array<{ phrase: Phrase; order: number }>>();
  private readonly byPrefix: Array<{ phrase: Phrase; order: number }> = [];

  constructor(phrases: readonly Phrase[]) {
    phrases.forEach((phrase, order) => {
      const first = phrase.words[0];
      if (!first) return;
      if (first.prefix) this.byPrefix.push({ phrase, order });
      else {
        const same = this.byWord.get(first.text);
        if (same) same.push({ phrase, order });
        else this.byWord.set(first.text, [{ phrase, order }]);
      }
    });
  }

  /** The first phrase, in list order, that matches the message's words at position `at`. */
  firstAt(words: readonly string[], at: number): Phrase | undefined {
    const word = words[at];
    if (word === undefined) return undefined;
    let best: { phrase: Phrase; order: number } | undefined;
    // Most words start no phrase: no empty array per word (a message's countries ask ~130 of these per word).
    const starting = this.byWord.get(word);
    if (starting)
      for (const candidate of starting) {
        if (matchesAt(candidate.phrase, words, at)) {
          best = candidate;
          break;
        }
      }
    for (const candidate of this.byPrefix) {
      if (best && candidate.order > best.order) break;
      if (matchesAt(candidate.phrase, words, at)) return candidate.phrase;
    }
    return best?.phrase;
  }
}

/**
 * A typo list's phrases indexed by each word and its place in the phrase, each with its place in the list. A
 * phrase read with typos still has one word exact ({@link matchesWithTyposAt}), so only the phrases one of whose
 * words is the message's word at that offset can match; phrases with a `word*` prefix (which matches without being
 * equal) are always tried. {@link firstAt} finds the phrase a scan of the whole list would find first.
 */
class TypoPhraseIndex {
  private readonly byWord = new Map<string, Array<{ phrase: Phrase; order: number; offset: number }>>();
  private readonly withPrefix: Array<{ phrase: Phrase; order: number }> = [];
  private readonly longest: number;

  constructor(
    phrases: readonly Phrase[],
    private readonly realWords: ReadonlySet<string>,
  ) {
    phrases.forEach((phrase, order) => {
      if (phrase.words.some((w) => w.prefix)) this.withPrefix.push({ phrase, order });
      phrase.words.forEach((word, offset) => {
        if (word.prefix) return;
        const same = this.byWord.get(word.text);
        if (same) same.push({ phrase, order, offset });
        else this.byWord.set(word.text, [{ phrase, order, offset }]);
      });
    });
    this.longest = Math.max(0, ...phrases.map((p) => p.words.length));
  }

  /** The first phrase, in list order, that matches the message's words at position `at` with typos. */
  firstAt(words: readonly string[], at: number): Phrase | undefined {
    let best: { phrase: Phrase; order: number } | undefined;
    const end = Math.min(words.length, at + this.longest);
    for (let i = at; i < end; i++) {
      const containing = this.byWord.get(words[i] ?? '');
      if (containing)
        for (const candidate of containing) {
          if (candidate.offset !== i - at || (best && candidate.order >= best.order)) continue;
          if (matchesWithTyposAt(candidate.phrase, words, at, this.realWords)) best = candidate;
        }
    }
    for (const candidate of this.withPrefix) {
      if (best && candidate.order >= best.order) break;
      if (matchesWithTyposAt(candidate.phrase, words, at, this.realWords)) return candidate.phrase;
    }
    return best?.phrase;
  }
}

/**
 * A set of phrases matched as the word lists are (whole words, case/accents ignored, `word*` prefixes): for
 * lists that are not word lists, such as an article's keywords.
 */
export class PhraseMatcher {
  private readonly starts: PhraseStarts;

  constructor(phrases: readonly string[]) {
    this.starts = new PhraseStarts(
      phrases
        .map(compile)
        .filter((p): p is Phrase => p !== undefined)
        .sort((a, b) => b.words.length - a.words.length),
    );
  }

  /** A phrase appears anywhere in the message (given as text or as {@link messageWords}). */
  has(text: string | readonly string[]): boolean {
    return this.firstAt(text) !== undefined;
  }

  /** The word position where a phrase first appears in the message, or undefined. */
  firstAt(text: string | readonly string[]): number | undefined {
    const words = typeof text === 'string' ? messageWords(text) : text;
    for (let at = 0; at < words.length; at++) if (this.starts.firstAt(words, at)) return at;
    return undefined;
  }
}

/**
 * The word lists of every language at once — customers answer "ok" or "vale" whatever language they started
 * in, and a third language's file needs no code. Built from knowledge files (hot-reloaded with them); every
 * list the code reads is named in {@link WORD_LISTS}.
 */
export class Vocabulary {
  private readonly lists = new Map<WordList, Phrase[]>();
  /** Each list's phrases by first word, so a lookup tries only the phrases that can start at a word. */
  private readonly starts = new Map<WordList, PhraseStarts>();
  /** The lists read with typos, by every word of their phrases (a typo may be in any word, the first included). */
  private readonly typoIndexes = new Map<WordList, TypoPhraseIndex>();
  /** The lists whose spec reads a pair of other lists' phrases as theirs too ({@link WordListSpec.pair}), resolved. */
  private readonly pairs = new Map<WordList, PhrasePair[]>();
  /** The lists whose spec names a list that cancels their matches ({@link WordListSpec.except}), resolved. */
  private readonly exceptions = new Map<WordList, WordList>();

  constructor(sources: readonly WordsSource[]) {
    for (const [name, spec] of Object.entries(WORD_LISTS) as Array<[WordList, WordListSpec]>) {
      if (spec.except) this.exceptions.set(name, wordListNamed(spec.except, `WORD_LISTS.${name}.except`));
      if (!spec.pair) continue;
      const where = `WORD_LISTS.${name}.pair`;
      const specs = 'first' in spec.pair ? [spec.pair] : spec.pair;
      this.pairs.set(
        name,
        specs.map(({ first, then, within }) => ({
          first: wordListNamed(first, where),
          then: wordListNamed(then, where),
          within,
        })),
      );
    }
    for (const source of sources) {
      for (const [name, phrases] of Object.entries(source.lists) as Array<[WordList, readonly string[]]>) {
        const list = this.lists.get(name) ?? [];
        for (const raw of phrases) {
          const phrase = compile(raw);
          if (phrase && !list.some((p) => p.source === phrase.source)) list.push(phrase);
        }
        // Longest first, so "no thanks" is found before "no".
        list.sort((a, b) => b.words.length - a.words.length);
        this.lists.set(name, list);
      }
    }
    // "…charge controller, both fine": words of their own are never read as another's typo.
    const realWords = new Set(
      (this.lists.get('notATypo') ?? []).flatMap((phrase) => phrase.words.map((word) => word.text)),
    );
    for (const [name, list] of this.lists) {
      this.starts.set(name, new PhraseStarts(list));
      if ('typos' in WORD_LISTS[name]) this.typoIndexes.set(name, new TypoPhraseIndex(list, realWords));
    }
  }

  /** The phrases of a list, folded (for matchers that need them as strings). */
  phrases(list: WordList): string[] {
    return (this.lists.get(list) ?? []).map((p) =>
      p.words.map((w) => (w.prefix ? `${w.text}*` : w.text)).join(' '),
    );
  }

  /** Every occurrence of the list's phrases in the message, leftmost first (longest at one place). */
  find(list: WordList, text: string | readonly string[]): WordMatch[] {
    const words = typeof text === 'string' ? messageWords(text) : text;
    const found: WordMatch[] = [];
    const starts = this.starts.get(list);
    if (!starts) return found;
    const typos = this.typoIndexes.get(list);
    for (let at = 0; at < words.length; at++) {
      const phrase = typos ? typos.firstAt(words, at) : starts.firstAt(words, at);
      if (phrase) found.push({ list, phrase: phrase.source, start: at, end: at + phrase.words.length });
    }
    let paired = found;
    for (const pair of this.pairs.get(list) ?? []) paired = this.withPair(list, pair, words, paired);
    const except = this.exceptions.get(list);
    if (!except || paired.length === 0) return paired;
    const covers = this.find(except, words);
    return paired.filter((m) => !covers.some((c) => c.start <= m.start && m.end <= c.end));
  }

  /**
   * `found` and, where a phrase of `pair.first` is followed at most `pair.within` words later by one of `pair.then`,
   * that stretch as a match of `list` too ("does not transmit", "turn the SIM ending 0035 back on"), leftmost first.
   */
  private withPair(
    list: WordList,
    pair: PhrasePair,
    words: readonly string[],
    found: WordMatch[],
  ): WordMatch[] {
    const thens = this.find(pair.then, words);
    if (thens.length === 0) return found;
    const extra: WordMatch[] = [];
    for (const n of this.find(pair.first, words)) {
      const act = thens.find((a) => a.start >= n.end && a.start - n.end <= pair.within);
      if (act && !found.some((f) => f.start <= n.start && f.end >= act.end))
        extra.push({ list, phrase: words.slice(n.start, act.end).join(' '), start: n.start, end: act.end });
    }
    return extra.length === 0 ? found : [...found, ...extra].sort((a, b) => a.start - b.start);
  }

  /** A phrase of the list appears anywhere in the message. */
  has(list: WordList, text: string | readonly string[]): boolean {
    return this.find(list, text).length > 0;
  }

  /** The message starts with a phrase of the list: the words after it, else undefined. */
  leading(list: WordList, text: string | readonly string[]): string[] | undefined {
    const words = typeof text === 'string' ? messageWords(text) : text;
    const phrase = this.starts.get(list)?.firstAt(words, 0);
    return phrase ? words.slice(phrase.words.length) : undefined;
  }

  /** The whole message is a phrase of the list (politeness before or after it allowed). */
  whole(list: WordList, text: string | readonly string[]): boolean {
    const words = this.withoutPoliteness(typeof text === 'string' ? messageWords(text) : text);
    return (this.lists.get(list) ?? []).some(
      (p) => p.words.length === words.length && matchesAt(p, words, 0),
    );
  }

  /** Read the list the way {@link WORD_LISTS} says the code reads it. */
  matches(list: WordList, text: string | readonly string[]): boolean {
    switch (WORD_LISTS[list].mode) {
      case 'leading':
      case 'smallTalk':
        return this.leading(list, text) !== undefined;
      case 'whole':
        return this.whole(list, text);
      case 'anywhere':
        return this.has(list, text);
    }
  }

  /**
   * What a typed answer to a yes/no question means — the one reading every dialog uses: "I don't know" is
   * `unknown` (never a no, whatever its first word: "no sé"); "done, I changed it" is `done` (the customer did
   * what was asked: check again) unless it also says whether it works; then the first words decide ("yes it
   * works", "no, still nothing", "sí"); without a leading yes or no, "still nothing" is a no and "it works
   * now" a yes. Undefined when it is none of these.
   */
  answer(text: string): YesNoAnswer | undefined {
    const words = messageWords(text);
    const broken = this.has('stillBroken', words);
    const works = this.has('worksNow', words);
    // "no sé" is not knowing; "no se conecta" is a no.
    if (this.leading('dontKnow', words) && !broken && !works && !this.has('symptom', words)) return 'unknown';
    if (this.has('done', words) && !broken && !works) return 'done';
    const leading = this.leadingYesNo(words);
    // "ok y cómo lo cambio?": an OK taken before a question asks; it says nothing about whether it works.
    if (leading === 'yes' && this.acknowledgesThenAsks(text, words))
      return broken ? 'no' : works ? 'yes' : undefined;
    if (leading) return leading;
    if (broken) return 'no';
    if (works) return 'yes';
    return undefined;
  }

  /** "ok, and how do I change it?", "vale, ¿y eso qué significa?": an acknowledgement, then a question. */
  private acknowledgesThenAsks(text: string, words: readonly string[]): boolean {
    const rest = this.leading('acknowledge', words);
    if (rest === undefined || rest.length === 0) return false;
    const opened = this.leading('connective', rest) ?? rest;
    return /[?¿]/.test(text) || this.leading('question', opened) !== undefined;
  }

  /**
   * The yes or no a message starts with ("yes, it works", "no, still nothing", "sí"). "No need" / "no hace
   * falta" / "no worries" start with the word no but are never-mind, and "no rush" / "no hay prisa" are no answer
   * at all (list `notNo`): undefined for them.
   */
  leadingYesNo(text: string | readonly string[]): 'yes' | 'no' | undefined {
    const words = typeof text === 'string' ? messageWords(text) : text;
    if (this.leading('yes', words)) return 'yes';
    if (
      this.leading('no', words) &&
      this.starts.get('neverMind')?.firstAt(words, 0) === undefined &&
      this.starts.get('notNo')?.firstAt(words, 0) === undefined
    )
      return 'no';
    return undefined;
  }

  /**
   * {@link answer} as a boolean, for questions where doing it is a yes ("have you restarted it?" — "done"):
   * undefined for "I don't know" and for anything that is not an answer.
   */
  yesNo(text: string): boolean | undefined {
    const answer = this.answer(text);
    if (answer === 'yes' || answer === 'done') return true;
    if (answer === 'no') return false;
    return undefined;
  }

  /** "I don't know" (or "no lo sé, son muchos"). */
  dontKnow(text: string): boolean {
    return this.leading('dontKnow', text) !== undefined;
  }

  /** The words with the politeness before and after them left out ("4 thanks" → "4"). */
  withoutPoliteness(words: readonly string[]): readonly string[] {
    let from = 0;
    let to = words.length;
    const polite = this.lists.get('politeness') ?? [];
    for (let changed = true; changed;) {
      changed = false;
      const head = polite.find((p) => p.words.length < to - from && matchesAt(p, words.slice(from, to), 0));
      if (head) {
        from += head.words.length;
        changed = true;
      }
      const tail = polite.find(
        (p) => p.words.length < to - from && matchesAt(p, words.slice(from, to), to - from - p.words.length),
      );
      if (tail) {
        to -= tail.words.length;
        changed = true;
      }
    }
    return words.slice(from, to);
  }
}
