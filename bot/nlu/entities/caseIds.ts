import type { PatternWords } from '../words/patternWordsSchema.js';
import { anyOf, digitsAroundPatterns, placeDigits } from './patternWords.js';

/** What {@link CaseIdReader} reads from one word file. */
export interface CaseIdSource {
  patterns: Pick<PatternWords, 'caseNouns' | 'caseNumberMarks'>;
}

// "CS-12345", "cs 12345", "CS12345".
const PREFIXED = /\bcs[\s\-_#]?(\d{4,8})(?!\d)/gi;

/**
 * Case ids in a message: "CS-12345", or a 4–8 digit number right after a word for case ("case 12345", "caso
 * nº 12345", "ticket #12345") from every language's word file. Longer numbers after "case" are SIM
 * identifiers, not cases. Built once per knowledge version.
 */
export class CaseIdReader {
  private readonly worded: readonly RegExp[];

  constructor(sources: readonly CaseIdSource[]) {
    const placed = placeDigits(sources.flatMap((s) => s.patterns.caseNouns));
    const nouns = anyOf(placed.leading, 'raw');
    const marks = anyOf(
      sources.flatMap((s) => s.patterns.caseNumberMarks),
      'raw',
    );
    this.worded = [
      new RegExp(`\\b${nouns}\\s*(?:${marks}|#)?\\s*[:#]?\\s*(\\d{4,8})(?![\\d\\s-]*\\d{6})(?!\\d)`, 'gi'),
      ...digitsAroundPatterns(placed.around, '#?(\\d{4,8})', 'raw').map(
        (pattern) => new RegExp(pattern, 'gi'),
      ),
    ];
  }

  /** Case ids, normalised to 'CS-<digits>' upper case. */
  find(text: string): string[] {
    const out: string[] = [];
    for (const pattern of [PREFIXED, ...this.worded]) {
      for (const match of text.matchAll(pattern)) {
        const id = `CS-${match[1]}`;
        if (!out.includes(id)) out.push(id);
      }
    }
    return out;
  }
}
