import type { Lang } from '../domain/language.js';
import { foldText } from './normalize.js';

/**
 * What one language's knowledge says about telling it apart (`identify` of `knowledge/nlu/words.<lang>.json`,
 * plus the language's own examples and word lists as a corpus). No word of any language lives in code.
 */
export interface LanguageSource {
  lang: Lang;
  /** Words that are strong evidence for this language ("hola", "quiero", "the"). */
  markers: readonly string[];
  /** Signs in the raw text (regular expressions) and how much each is worth ("¿", "ñ", "n't"). */
  signs: ReadonlyArray<{ pattern: string; weight: number }>;
  /** Endings of longer unknown words ("cion", "ing"). */
  suffixes: readonly string[];
  /** Words customers use in every language ("SIMs", "APN", "ok"): never evidence, whatever the corpus says. */
  neutral?: readonly string[];
  /** Texts known to be in this language (training examples, word-list phrases): words seen there count too. */
  corpus: readonly string[];
  /** What customers call the language ("Spanish", "español"): a customer may ask for it by name. */
  names?: readonly string[];
}

/** Evidence for each language in one message. */
export type LanguageEvidence = Record<Lang, number>;

/** How much more evidence one language needs before a message counts as clearly written in it. */
export const CLEAR_MARGIN = 1;
/** How many times another language's evidence a message needs to switch the conversation to its language. */
const SWITCH_RATIO = 2;
/** A passage in quotation marks: someone else's words ("Mi técnico me escribe en inglés: "alarm panel … not sending""). */
const QUOTED = /["“”«„][^"“”«»\n]{3,}["”“»]/g;
/** Fewest words of their own, outside quotation marks, that a message's language is read from. */
const OWN_WORDS = 3;

/**
 * The words the customer wrote themselves: a passage they quote (a colleague's words, an alarm's text) is in its
 * writer's language — unless nearly nothing is left beside it.
 */
function ownWords(text: string): string {
  const own = text.replace(QUOTED, ' ');
  return own.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length >= OWN_WORDS ? own : text;
}

/** Words of the message's end read on their own for the language it ends in ({@link LanguageIdentifier.switchedTo}). */
const TAIL_WORDS = 5;
const MARKER_WEIGHT = 1;
const CORPUS_WEIGHT = 0.75;
const SUFFIX_WEIGHT = 0.5;
/** A corpus word counts for a language seen at least this often there, this many times more (relatively). */
const CORPUS_MIN_COUNT = 2;
const CORPUS_RATIO = 4;
const SUFFIX_MIN_LENGTH = 5;

interface Profile {
  lang: Lang;
  markers: ReadonlySet<string>;
  signs: ReadonlyArray<{ pattern: RegExp; weight: number }>;
  suffixes: readonly string[];
  counts: ReadonlyMap<string, number>;
  total: number;
}

/** Folded words of a text, the way evidence is counted. */
function wordsOf(text: string): string[] {
  return (
    foldText(text)
      .replace(/['’]/g, '')
      .match(/[a-z]+/g) ?? []
  );
}

/**
 * Everything in a message that says nothing about its language: pasted modem output and AT commands, SIM
 * numbers, case ids, APNs and host names, plan names (a Spanish customer tapping "IoT Connect EU" stays in
 * Spanish), words with digits.
 */
export function languageNeutralText(text: string, names: readonly string[] | RegExp = []): string {
  const rest = text
    .split(/\r?\n/)
    .filter((line) => !/^\s*(?:AT[+&]?|\+[A-Z]{2,}|OK\s*$|ERROR\s*$|NO CARRIER|RING\s*$)/i.test(line))
    .join('\n')
    .replace(/\+[A-Z]{2,}[^\n]*/g, ' ')
    .replace(/\bAT\+\S+/gi, ' ')
    .replace(/\bCS-\d+\b/gi, ' ')
    .replace(/\b[a-z][\w-]*(?:\.[a-z0-9][\w-]*)+\b/gi, ' ')
    .replace(/\S*\d\S*/g, ' ');
  const pattern = names instanceof RegExp ? names : namesPattern(names);
  return pattern ? rest.replace(pattern, ' ') : rest;
}

/** One pattern matching any of `names` (case-insensitive, longest first), or undefined when there are none. */
function namesPattern(names: readonly string[]): RegExp | undefined {
  const escaped = names
    .filter((name) => name.trim())
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return escaped.length > 0 ? new RegExp(escaped.join('|'), 'gi') : undefined;
}

/**
 * Tells which language a customer message is written in, from knowledge data only: each language's marker
 * words, signs (characters, contractions), suffixes, and how often a word appears in that language's own
 * examples compared with the others'. Short or neutral messages ("ok", "0043", an ICCID, a plan name,
 * pasted modem output) show no clear language: callers keep the conversation's last clear one.
 */
export class LanguageIdentifier {
  private readonly profiles: Profile[];
  private readonly neutral: ReadonlySet<string>;
  /** The names as one pattern, compiled once per knowledge version instead of once per name and message. */
  private readonly names: RegExp | undefined;
  /** The last message identified and its language: a turn asks twice (the bot, then the recognizer). */
  private last: { text: string; lang: Lang | undefined } | undefined;
  /** What customers call each language ("spanish", "espanol" → es), folded. */
  private readonly languageNames: ReadonlyMap<string, Lang>;

  constructor(
    sources: readonly LanguageSource[],
    /** Names that say nothing about the language (plan names). */
    names: readonly string[] = [],
  ) {
    this.names = namesPattern(names);
    this.neutral = new Set(sources.flatMap((s) => (s.neutral ?? []).flatMap(wordsOf)));
    this.languageNames = new Map(
      sources.flatMap((s) =>
        (s.names ?? []).flatMap((name) => wordsOf(name).map((w) => [w, s.lang] as const)),
      ),
    );
    this.profiles = sources.map((source) => {
      const counts = new Map<string, number>();
      let total = 0;
      for (const text of source.corpus) {
        for (const word of wordsOf(text)) {
          counts.set(word, (counts.get(word) ?? 0) + 1);
          total += 1;
        }
      }
      return {
        lang: source.lang,
        markers: new Set(source.markers.flatMap(wordsOf)),
        signs: source.signs.map((s) => ({ pattern: new RegExp(s.pattern, 'u'), weight: s.weight })),
        suffixes: source.suffixes.map((s) => foldText(s)),
        counts,
        total: Math.max(1, total),
      };
    });
  }

  /** Evidence for each language in `text` (neutral parts removed first). */
  evidence(text: string): LanguageEvidence {
    const score: LanguageEvidence = Object.fromEntries(this.profiles.map((p) => [p.lang, 0]));
    const prose = languageNeutralText(text, this.names ?? []);
    for (const p of this.profiles)
      for (const sign of p.signs) if (sign.pattern.test(prose)) score[p.lang] += sign.weight;
    for (const word of wordsOf(prose)) {
      if (this.neutral.has(word)) continue;
      const marking = this.profiles.filter((p) => p.markers.has(word));
      if (marking.length === 1 && marking[0]) {
        score[marking[0].lang] += MARKER_WEIGHT;
        continue;
      }
      if (marking.length > 1) continue;
      const frequent = this.frequentIn(word);
      if (frequent) {
        score[frequent] += CORPUS_WEIGHT;
        continue;
      }
      if (this.profiles.some((p) => p.counts.has(word)) || word.length < SUFFIX_MIN_LENGTH) continue;
      const suffixed = this.profiles.filter((p) => p.suffixes.some((s) => word.endsWith(s)));
      if (suffixed.length === 1 && suffixed[0]) score[suffixed[0].lang] += SUFFIX_WEIGHT;
    }
    return score;
  }

  /** The language `text` is clearly written in, or undefined when it shows none clearly. */
  identify(text: string): Lang | undefined {
    if (this.last?.text === text) return this.last.lang;
    const ranked = Object.entries(this.evidence(ownWords(text))).sort((a, b) => b[1] - a[1]);
    const [best, second] = ranked;
    const lang = best && best[1] - (second?.[1] ?? 0) >= CLEAR_MARGIN ? (best[0] as Lang) : undefined;
    this.last = { text, lang };
    return lang;
  }

  /**
   * The language a message switches the conversation to: the one it is clearly written in, unless its last clauses
   * (five words or more) are clearly in another. A mixed message — "The tracker connects but no data passes. ¿Puedes
   * revisar qué pasa?", "oye el tracker lleva muerto desde el lunes, can u check it pls" — switches to nothing: the
   * customer is still writing in the conversation's language (the one they set out in), a clause of the other aside.
   */
  switchedTo(text: string): Lang | undefined {
    const whole = this.identify(text);
    if (!whole) return undefined;
    const evidence = this.evidence(ownWords(text));
    const other = Math.max(
      0,
      ...Object.entries(evidence).flatMap(([lang, v]) => (lang === whole ? [] : [v])),
    );
    // Half in each ("…connects but no data passes. ¿Puedes revisar qué pasa?") is no language to switch to.
    if (evidence[whole] < SWITCH_RATIO * other) return undefined;
    const ended = this.endsIn(text);
    return ended && ended !== whole ? undefined : whole;
  }

  /** The language the message's last clauses (five words or more) are clearly in, if they are. */
  private endsIn(text: string): Lang | undefined {
    // Pasted output, numbers and names say nothing: the clauses are read from the prose alone. A field quoted after
    // a colon ("Y en el portal: Cycle-to-date usage … / Session: Closed") is not their words either.
    const prose = languageNeutralText(text, this.names ?? []).replace(/:[^\n]*/g, ' ');
    const clauses = prose.split(/[.!?;,\n—–]+/).filter((c) => /\p{L}/u.test(c));
    let tail = '';
    for (let i = clauses.length - 1; i > 0; i--) {
      tail = `${clauses[i] ?? ''} ${tail}`;
      if (tail.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length >= TAIL_WORDS) break;
    }
    if (!tail.trim() || tail.trim() === prose.trim()) return undefined;
    // "Lovely, thank you! Takk og ha en fin dag": an end mostly of words no language here knows is in another one —
    // the few it shares with one ("en", "ha") decide nothing.
    const tailWords = tail.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w));
    const known = tailWords.filter((w) => Object.values(this.evidence(w)).some((v) => v > 0));
    if (2 * known.length <= tailWords.length) return undefined;
    const ranked = Object.entries(this.evidence(tail)).sort((a, b) => b[1] - a[1]);
    const [best, second] = ranked;
    // The end must be clearly in its language (twice the margin of a whole message): a stray word decides nothing.
    return best && best[1] - (second?.[1] ?? 0) >= 2 * CLEAR_MARGIN ? (best[0] as Lang) : undefined;
  }

  /** The language a (folded) word names ("spanish", "espanol" → es), if any. */
  named(word: string): Lang | undefined {
    return this.languageNames.get(word);
  }

  /** The clear language of `text`, else `fallback` (the conversation's last clear language). */
  detect(text: string, fallback: Lang): Lang {
    return this.identify(text) ?? fallback;
  }

  /** The language in whose corpus `word` is clearly more frequent, if any. */
  private frequentIn(word: string): Lang | undefined {
    const rates = this.profiles.map((p) => ({
      lang: p.lang,
      count: p.counts.get(word) ?? 0,
      total: p.total,
    }));
    const top = rates.sort((a, b) => b.count / b.total - a.count / a.total);
    const [first, second] = top;
    if (!first || first.count < CORPUS_MIN_COUNT) return undefined;
    const other = second ? second.count / second.total : 0;
    return first.count / first.total >= CORPUS_RATIO * other ? first.lang : undefined;
  }
}

/** What {@link languageSourcesOf} reads: the word-list files and the training files of every language. */
interface LanguageFiles {
  words: ReadonlyArray<{
    language: string;
    identify?: {
      markers: readonly string[];
      neutral?: readonly string[];
      signs: ReadonlyArray<{ pattern: string; weight: number }>;
      suffixes: readonly string[];
      names?: readonly string[];
    };
    lists: Readonly<Record<string, readonly string[]>>;
  }>;
  training: ReadonlyArray<{ language: string; intents: Readonly<Record<string, readonly string[]>> }>;
}

/** Each spoken language's identifier data from its knowledge files (`words.<lang>.json`, `<lang>.json`). */
export function languageSourcesOf(languages: readonly Lang[], files: LanguageFiles): LanguageSource[] {
  return languages.map((lang) => {
    const words = files.words.filter((w) => w.language === lang);
    const training = files.training.filter((t) => t.language === lang);
    return {
      lang,
      markers: words.flatMap((w) => w.identify?.markers ?? []),
      signs: words.flatMap((w) => w.identify?.signs ?? []),
      suffixes: words.flatMap((w) => w.identify?.suffixes ?? []),
      neutral: words.flatMap((w) => w.identify?.neutral ?? []),
      names: words.flatMap((w) => w.identify?.names ?? []),
      corpus: [
        ...training.flatMap((t) => Object.values(t.intents).flat()),
        ...words.flatMap((w) => Object.values(w.lists).flat()),
      ],
    };
  });
}
