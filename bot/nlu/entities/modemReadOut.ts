import { foldText, foldWords } from '../normalize.js';
import type { PatternWords } from '../words/patternWordsSchema.js';
import type { WordSetsSource } from '../words/wordSets.js';
import { NumberWords } from './numbers.js';

/** What {@link ModemReadOut} reads from one word file: its number words and the words around a reading. */
export interface ReadOutSource extends Pick<WordSetsSource, 'numbers'> {
  patterns: Pick<PatternWords, 'readingCommas' | 'readingLinks'>;
}

/** The AT commands whose two values a technician reads out. */
export type ReadOutCommand = 'CREG' | 'CGREG' | 'CEREG' | 'CSQ';

/** The commands by their folded names: the names are code, the same in every language. */
const COMMANDS: ReadonlyMap<string, ReadOutCommand> = new Map([
  ['creg', 'CREG'],
  ['cgreg', 'CGREG'],
  ['cereg', 'CEREG'],
  ['csq', 'CSQ'],
]);

/** A command's name somewhere in the folded text (a superset of the tokens {@link COMMANDS} reads). */
const ANY_COMMAND = /c(?:e|g)?reg|csq/;

/** Link phrases at most between a command and its values ("comes back plus cereg colon…", "is still at"). */
const MAX_LINKS = 3;

/** Tokens before a command its values may start at ("six comma ninety nine on the CSQ"). */
const REACH_BEFORE = 12;

/** A word, a number or a mark of the message, and where it starts in the folded text. */
interface Token {
  word: string;
  start: number;
}

/** Two values read out for a command ("CEREG zero comma three": 0 and 3), and where the values start. */
export interface ReadOut {
  at: number;
  command: ReadOutCommand;
  first: number;
  second: number;
}

/** Values read between `from` and `end` (a token index past the second value). */
interface Values {
  first: number;
  second: number;
  from: number;
  end: number;
}

/** Phrases as folded word lists, longest first so that "on the" is tried before "on". */
function phrasesOf(phrases: readonly string[]): string[][] {
  return phrases
    .map((phrase) => foldWords(phrase).split(' ').filter(Boolean))
    .filter((words) => words.length > 0)
    .sort((a, b) => b.length - a.length);
}

/**
 * Modem output read out instead of pasted, as a technician dictates it: "CEREG zero comma three", "CREG is zero
 * comma two", "six comma ninety nine on the CSQ", "el csq da noventa y nueve coma noventa y nueve", "cereg says
 * 0,3". The command's name comes before its two values or after them (then with a link word between: "on the");
 * the words for the comma and the links are every language's word-file data. Prose is no reading: "two comma
 * separated files" names no command, "the csq was fine" says no values.
 */
export class ModemReadOut {
  private readonly numbers: NumberWords;
  private readonly commas: readonly string[][];
  private readonly links: readonly string[][];

  constructor(sources: readonly ReadOutSource[]) {
    this.numbers = new NumberWords(sources);
    this.commas = phrasesOf(sources.flatMap((s) => s.patterns.readingCommas));
    this.links = phrasesOf(sources.flatMap((s) => s.patterns.readingLinks));
  }

  /**
   * The number said at the start of `text` ("ten", "five hundred", "diez"), e.g. an error code read out ("cme
   * error ten"), or undefined.
   */
  leadingNumber(text: string): number | undefined {
    return this.numbers.leading(foldWords(text).split(' '))?.value;
  }

  /** Every command read out with its two values in `text`, in the order said. */
  read(text: string): ReadOut[] {
    const folded = foldText(text);
    // Most messages name no command: no need to tokenise them.
    if (!ANY_COMMAND.test(folded)) return [];
    const tokens: Token[] = [...folded.matchAll(/[\p{L}\p{N}]+|[,:=]/gu)].map((m) => ({
      word: m[0],
      start: m.index,
    }));
    const commands = tokens.flatMap((token, i) => {
      const command = COMMANDS.get(token.word);
      return command && !this.pasted(folded, tokens, i) ? [{ i, command }] : [];
    });
    const found: Array<{ command: ReadOutCommand; values: Values }> = [];
    const pending = commands.filter(({ i, command }) => {
      const values = this.after(tokens, i);
      if (values) found.push({ command, values });
      return !values;
    });
    // Values before their command, unless a command before them claims them.
    for (const { i, command } of pending) {
      const values = this.before(tokens, i);
      if (values && !found.some((f) => f.values.from < values.end && values.from < f.values.end))
        found.push({ command, values });
    }
    return found
      .map(({ command, values: { first, second, from } }) => ({
        at: tokens[from]?.start ?? 0,
        command,
        first,
        second,
      }))
      .sort((a, b) => a.at - b.at);
  }

  /**
   * "+CEREG: 0,3" and "AT+CEREG?" are pasted (the pasted-output patterns read the response), not read out.
   */
  private pasted(folded: string, tokens: readonly Token[], i: number): boolean {
    const start = tokens[i]?.start ?? 0;
    if (/at\s*\+$/.test(folded.slice(Math.max(0, start - 4), start))) return true;
    return folded[start - 1] === '+' && tokens[i + 1]?.word === ':';
  }

  /** The values right after the command at `command`, past any links ("CREG is zero comma two"). */
  private after(tokens: readonly Token[], command: number): Values | undefined {
    return this.values(tokens, this.pastLinks(tokens, command + 1));
  }

  /** The values before the command at `command`, with at least one link between ("… on the CSQ"). */
  private before(tokens: readonly Token[], command: number): Values | undefined {
    for (let from = Math.max(0, command - REACH_BEFORE); from < command; from++) {
      const values = this.values(tokens, from);
      if (!values || values.end >= command) continue;
      // The whole reading: "ninety nine" is not "nine" after a "ninety".
      if (from > 0 && this.numberAt(tokens, from - 1)) continue;
      if (this.pastLinks(tokens, values.end) === command) return values;
    }
    return undefined;
  }

  /** The token index past the link phrases (at most {@link MAX_LINKS}) starting at `at`. */
  private pastLinks(tokens: readonly Token[], at: number): number {
    let i = at;
    for (let k = 0; k < MAX_LINKS; k++) {
      const length =
        tokens[i]?.word === ':' || tokens[i]?.word === '=' ? 1 : this.phraseAt(tokens, i, this.links);
      if (length === 0) break;
      i += length;
    }
    return i;
  }

  /** Two values with a comma between, said or written, starting at `from` ("zero comma three", "0,3"). */
  private values(tokens: readonly Token[], from: number): Values | undefined {
    const first = this.numberAt(tokens, from);
    if (!first) return undefined;
    const comma = tokens[first.end]?.word === ',' ? 1 : this.phraseAt(tokens, first.end, this.commas);
    const second = comma > 0 ? this.numberAt(tokens, first.end + comma) : undefined;
    return second ? { first: first.value, second: second.value, from, end: second.end } : undefined;
  }

  /** A value at `at`: up to three digits, or words ("ninety nine", "cero"). */
  private numberAt(tokens: readonly Token[], at: number): { value: number; end: number } | undefined {
    const word = tokens[at]?.word ?? '';
    if (/^\d{1,3}$/.test(word)) return { value: Number(word), end: at + 1 };
    const said = this.numbers.leading(tokens.slice(at, at + 8).map((t) => t.word));
    return said ? { value: said.value, end: at + said.length } : undefined;
  }

  /** The number of tokens the longest of `phrases` takes at `at`, or 0. */
  private phraseAt(tokens: readonly Token[], at: number, phrases: readonly string[][]): number {
    const found = phrases.find((words) => words.every((w, k) => tokens[at + k]?.word === w));
    return found?.length ?? 0;
  }
}
