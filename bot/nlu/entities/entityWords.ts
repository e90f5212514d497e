import { withoutSignature } from './signature.js';
import type { Vocabulary } from '../words/vocabulary.js';
import { mergedSet, type WordSetsSource } from '../words/wordSets.js';
import type { CountWords } from './affected.js';
import type { ApnWords } from './apn.js';
import { CaseIdReader } from './caseIds.js';
import type { CountryIndex } from './countries.js';
import { SimSuffixReader } from './lastDigits.js';
import { phonePatternOf } from './identifiers.js';
import { anyWordOf } from './patternWords.js';
import { causePatternOf, type ModemWords } from './modem.js';
import { ModemReadOut } from './modemReadOut.js';
import { NumberWords } from './numbers.js';
import { retractedSims } from './retractedSims.js';
import { ServiceReader } from './services.js';
import { foldWords } from '../normalize.js';
import { Dictation } from '../dictation.js';
import { withoutPlanCalls } from '../../knowledgeBase/planNames.js';
import type { Plan } from '../../knowledgeBase/types.js';

/**
 * The knowledge data entity extraction reads: country names, counts and the words around them, the prose
 * around an APN name, and the patterns built from the word files' `patterns` (last digits, case ids, cause
 * codes). One per knowledge version.
 */
export interface EntityWords {
  countries: CountryIndex;
  counts: CountWords;
  apn: ApnWords;
  /** SIMs named by their last digits ("ending in 4471", "la 0076"). */
  suffixes: SimSuffixReader;
  caseIds: CaseIdReader;
  /** A phone number, its '+' written or said ("+46 70…", "plus 46 70…", "más 46 72…"). */
  phone: RegExp;
  /** Network cause codes ("reject cause 15", "causa 33") and modem output read out ("CEREG zero comma three"). */
  modem: ModemWords;
  /** The services a message names in words ("alarm texts", "llamadas de voz"). */
  services: ServiceReader;
  /** The message without the plans it calls by name ("the Data SMS plan"), if it calls any: see {@link withoutPlanCalls}. */
  withoutPlans(text: string): string | undefined;
  /** Terms a phone's speech-to-text misspelt ("a pen" for APN), written back before a message is read. */
  dictation: Dictation;
  /** Each language's chat shorthand ("q" for "que"), written out once the message's language is known. */
  shorthand: ReadonlyMap<string, Dictation>;
  /** The SIM references a message takes back ("0005 — sorry, 0050"): see {@link retractedSims}. */
  takenBack(folded: string, references: readonly string[]): Set<string>;
  /** The message without its signature, where identifiers name the sender, not a SIM: see {@link withoutSignature}. */
  unsigned(text: string): string;
}

/**
 * The count words of every language: the word lists' `countedThings` and `countFillers` (single folded
 * words) and the word files' `numbers`, `counting` and `patterns.quantityUnits`.
 */
export function countWordsOf(vocabulary: Vocabulary, sources: readonly WordSetsSource[]): CountWords {
  const set = (pick: (counting: WordSetsSource['counting']) => readonly string[]): ReadonlySet<string> =>
    mergedSet(sources, (s) => pick(s.counting));
  return {
    things: new Set(vocabulary.phrases('countedThings')),
    fillers: new Set(vocabulary.phrases('countFillers')),
    numbers: new NumberWords(sources),
    approximate: set((c) => c.approximate),
    approximateAfter: sources.flatMap((s) => s.counting.approximateAfter.map((p) => foldWords(p).split(' '))),
    notOnly: sources.flatMap((s) => (s.counting.notOnly ?? []).map((p) => foldWords(p).split(' '))),
    countSubject: set((c) => c.countSubject ?? []),
    all: set((c) => c.all),
    allAlone: set((c) => c.allAlone),
    allReferents: set((c) => c.allReferents),
    partitive: set((c) => c.partitive),
    pronouns: set((c) => c.pronouns),
    codeContext: set((c) => c.codeContext),
    sample: set((c) => c.sample),
    besides: set((c) => c.besides),
    added: set((c) => c.added),
    addedWhere: set((c) => c.addedWhere),
    quantityUnits: new RegExp(
      `^${anyWordOf(
        sources.flatMap((s) => s.patterns.quantityUnits),
        'folded',
      )}`,
    ),
  };
}

/** Everything entity extraction reads from the word files of one knowledge version. */
export function entityWordsOf(
  vocabulary: Vocabulary,
  countries: CountryIndex,
  sources: readonly WordSetsSource[],
  plans: readonly Plan[] = [],
): EntityWords {
  return {
    dictation: new Dictation(sources),
    shorthand: new Map(sources.map((s) => [s.language, new Dictation([{ dictation: s.shorthand }])])),
    countries,
    counts: countWordsOf(vocabulary, sources),
    apn: {
      notAName: mergedSet(sources, (s) => s.apn.notAName),
      linking: mergedSet(sources, (s) => s.apn.linking),
    },
    suffixes: new SimSuffixReader(sources),
    caseIds: new CaseIdReader(sources),
    phone: phonePatternOf(sources.flatMap((s) => s.patterns.phonePlus)),
    modem: { cause: causePatternOf(sources), readOut: new ModemReadOut(sources) },
    services: new ServiceReader(vocabulary),
    withoutPlans: (text) => withoutPlanCalls(vocabulary, plans, text),
    takenBack: (folded, references) => retractedSims(vocabulary, folded, references),
    unsigned: (text) => withoutSignature(vocabulary, text),
  };
}
