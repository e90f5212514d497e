import { messageWords, type Vocabulary } from '../nlu/words/vocabulary.js';

/** "4/5", "2 / 5": a rating written as a fraction of five, whatever the language. */
const FRACTION = /(?<![\d.,/])([1-5])\s*\/\s*5(?![\d.,])/;
const RATING = /^[1-5]$/;

/**
 * A rating typed instead of tapped on the rating card: "4", "4/5", "2 out of 5", "les pongo un 2 sobre 5", "5 stars".
 * A number from 1 to 5 that is the whole message (politeness around it allowed), a fraction of five, followed by a
 * `ratingOutOf` phrase and 5, or by a `ratingUnit` ("stars"). Undefined when the message rates nothing or tells a
 * problem ("2 of 5 trackers still dead").
 */
export function readTypedRating(words: Vocabulary, text: string): number | undefined {
  const folded = messageWords(text);
  if (words.has('symptom', folded) || words.has('stillBroken', folded)) return undefined;
  const fraction = FRACTION.exec(text)?.[1];
  if (fraction) return Number(fraction);
  const bare = words.withoutPoliteness(folded);
  if (bare.length === 1 && RATING.test(bare[0] ?? '')) return Number(bare[0]);
  const ratedBefore = (at: number): string | undefined => {
    const rating = folded[at - 1];
    return rating !== undefined && RATING.test(rating) ? rating : undefined;
  };
  for (const scale of words.find('ratingOutOf', folded)) {
    const rating = ratedBefore(scale.start);
    if (rating && folded[scale.end] === '5') return Number(rating);
  }
  const unit = words
    .find('ratingUnit', folded)
    .map((m) => ratedBefore(m.start))
    .find(Boolean);
  return unit ? Number(unit) : undefined;
}
