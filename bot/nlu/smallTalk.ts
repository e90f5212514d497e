import { SMALL_TALK, type SmallTalk } from './types.js';
import { foldText, foldWords } from './normalize.js';
import { messageWords, type Vocabulary } from './words/vocabulary.js';

/** What the small-talk matcher found. */
export interface SmallTalkMatch {
  kind: SmallTalk;
  /** True when the message is nothing but small talk ("yes please", "hola", "ok thanks"). */
  pure: boolean;
}

// Kinds that may open a longer message ("hi, my meters have no data") without punctuation after them.
const OPENERS: ReadonlySet<SmallTalk> = new Set(['greeting', 'thanks']);

/**
 * Recognises greetings, thanks, yes/no, help, cancel and restart from the word lists of every language at
 * once (customers answer "ok" or "vale" whatever language they started in).
 */
export class SmallTalkMatcher {
  private readonly phrases: Array<{ phrase: string; kind: SmallTalk }>;
  /** Politeness that may trail any small-talk phrase. */
  private readonly trailers: readonly string[];

  constructor(private readonly vocabulary: Vocabulary) {
    const phrases: Array<{ phrase: string; kind: SmallTalk }> = [];
    for (const kind of SMALL_TALK) {
      for (const phrase of vocabulary.phrases(kind)) {
        if (phrase && !phrases.some((p) => p.phrase === phrase)) phrases.push({ phrase, kind });
      }
    }
    // Longest first so "no thanks" is read as one phrase before "no".
    this.phrases = phrases.sort((a, b) => b.phrase.length - a.phrase.length);
    this.trailers = vocabulary.phrases('politeness');
  }

  /**
   * The message without the sentences about the chat itself it opens with ("do I just type here? we've got 60 POS
   * terminals with no data" asks nothing of the chat): each leading sentence made only of `chatCheck` words is left
   * out, the rest kept as written. '' when nothing else is said ("hello? is this working?").
   */
  withoutChatCheck(text: string): string {
    let rest = text;
    for (;;) {
      const sentence = /^\s*[^?.!\n]*[?.!]*[^\S\n]*\n*/.exec(rest)?.[0] ?? '';
      const words = messageWords(sentence);
      if (!sentence || words.length === 0) return rest.trim() ? rest : '';
      const covered = new Set<number>();
      for (const m of this.vocabulary.find('chatCheck', words))
        for (let i = m.start; i < m.end; i++) covered.add(i);
      if (covered.size < words.length) return rest === text ? text : rest.replace(/^[\s¿¡]+/, '');
      rest = rest.slice(sentence.length);
    }
  }

  /** The small-talk act the message starts with (or consists of), if any. */
  match(text: string): SmallTalkMatch | undefined {
    const words = foldWords(text);
    if (!words) return undefined;
    for (const { phrase, kind } of this.phrases) {
      if (words === phrase) return { kind, pure: true };
      // The phrase and a space, compared without building that string for every phrase of every message.
      if (words.charCodeAt(phrase.length) !== 32 || !words.startsWith(phrase)) continue;
      const rest = words.slice(phrase.length + 1);
      // "ok, thanks anyway", "vale, gracias de todas formas": what ends the message says it is a cancel.
      const after = this.phrases.find((p) => p.phrase === rest);
      if (after?.kind === 'cancel') return { kind: 'cancel', pure: true };
      if (after || this.trailers.includes(rest)) return { kind, pure: true };
      if (OPENERS.has(kind)) return { kind, pure: false };
      // "no, still nothing" is an answer followed by detail; "no data on meters" is not an answer.
      const afterPhrase = foldText(text)
        .replace(/^[^a-z0-9]+/, '')
        .slice(0, phrase.length + 3);
      if (/^[a-z0-9 ]+[,.!;:]/.test(afterPhrase)) return { kind, pure: false };
    }
    return undefined;
  }
}
