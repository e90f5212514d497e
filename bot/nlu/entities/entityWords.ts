import type { Vocabulary } from '../words/vocabulary.js';
import type { CountWords } from './affected.js';
import type { CountryIndex } from './countries.js';

/** The knowledge data entity extraction reads: country names and what counts are of. One per knowledge version. */
export interface EntityWords {
  countries: CountryIndex;
  counts: CountWords;
}

/** The count words of the word lists (`countedThings`, `countFillers`), as single folded words. */
export function countWordsOf(vocabulary: Vocabulary): CountWords {
  return {
    things: new Set(vocabulary.phrases('countedThings')),
    fillers: new Set(vocabulary.phrases('countFillers')),
  };
}
