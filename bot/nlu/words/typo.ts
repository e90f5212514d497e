/** Shortest word that may carry a typo and still be read: shorter words are too easily another word. */
export const MIN_TYPO_LENGTH = 4;
/** Shortest word whose two swapped neighbours are still read ("teh" for "the", "bto" for "bot"). */
export const MIN_SWAP_LENGTH = 3;

/**
 * True when `typed` is `word` with one typo: two neighbours swapped ("bakc" for "back", "teh" for "the"; words
 * of {@link MIN_SWAP_LENGTH} letters or more), or a letter missing, added or changed (words of
 * {@link MIN_TYPO_LENGTH} letters or more). Equal words are not a typo.
 */
export function oneTypoApart(word: string, typed: string): boolean {
  if (word === typed) return false;
  if (word.length === typed.length && word.length >= MIN_SWAP_LENGTH && swapped(word, typed)) return true;
  if (word.length < MIN_TYPO_LENGTH || typed.length < MIN_TYPO_LENGTH) return false;
  const diff = word.length - typed.length;
  if (Math.abs(diff) > 1) return false;
  let i = 0;
  while (i < word.length && i < typed.length && word[i] === typed[i]) i++;
  if (diff === 0) {
    // One letter changed, or two neighbours swapped.
    if (word.slice(i + 1) === typed.slice(i + 1)) return true;
    return word[i] === typed[i + 1] && word[i + 1] === typed[i] && word.slice(i + 2) === typed.slice(i + 2);
  }
  // One letter missing (typed shorter) or added (typed longer).
  return diff > 0 ? word.slice(i + 1) === typed.slice(i) : word.slice(i) === typed.slice(i + 1);
}

/** Same length, and equal but for one pair of neighbours swapped. */
function swapped(word: string, typed: string): boolean {
  let i = 0;
  while (i < word.length && word[i] === typed[i]) i++;
  return word[i] === typed[i + 1] && word[i + 1] === typed[i] && word.slice(i + 2) === typed.slice(i + 2);
}
