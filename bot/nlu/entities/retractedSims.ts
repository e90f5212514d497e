import { messageWords, type Vocabulary } from '../words/vocabulary.js';

/** Where `digits` stand alone in `folded` (not inside a longer number). */
function placesOf(folded: string, digits: string): Array<[number, number]> {
  const places: Array<[number, number]> = [];
  for (let at = folded.indexOf(digits); at >= 0; at = folded.indexOf(digits, at + 1)) {
    const end = at + digits.length;
    if (/\d/.test(folded[at - 1] ?? '') || /\d/.test(folded[end] ?? '')) continue;
    places.push([at, end]);
  }
  return places;
}

/** At most this many words beside the taking-back words between the two references ("— sorry, it's the SIM"). */
const MAX_OTHER_WORDS = 3;
/**
 * A take-back that opens the gap (within its first words: "0043 - no wait, that's the one we swapped last month.
 * It's the one ending in 0035", "La …084. Uy, no, perdón, esa es la que sí funciona; la que falla es la …050") may be
 * followed by the reason, up to this many words in all.
 */
const MAX_EXPLAINED_WORDS = 20;
/** How many words into the gap a take-back may start and still open it. */
const OPENS_WITHIN = 3;

/**
 * The SIM references a message takes back as it goes: "the SIM 0005 — sorry, 0050", "la 0043, perdón, quiero
 * decir la 0034", "8946…0027, I mean 8946…0072". A reference is taken back when the next one follows it within a
 * few words that take it back (the `takeBack` list: "sorry", "I mean", "perdón", "quiero decir") — or by a take-back
 * that opens a longer gap, the reason after it ("0043 - no wait, that's the one we swapped. It's 0035") — and nothing joins
 * the two (the `connective` list: "and", "y" — "0043 and, sorry, also 0027" names both). A SIM taken back is named
 * again only by going back to it ("0050, sorry 0005 — no wait, 0050" names 0050), not by the reason after a
 * correction that stands ("0043 dead. wait no, 0035 - 0043's the one we had topped up" names 0035).
 *
 * @param folded - The message from `foldText`.
 * @param references - The references found (ICCIDs' digits, phone numbers' digits, last digits), any order.
 * @returns The references taken back.
 */
export function retractedSims(
  vocabulary: Vocabulary,
  folded: string,
  references: readonly string[],
): Set<string> {
  const placed = references
    .flatMap((value) => placesOf(folded, value).map(([start, end]) => ({ value, start, end })))
    .sort((a, b) => a.start - b.start);
  const takenBackAt = (i: number): boolean => {
    const here = placed[i];
    const next = placed[i + 1];
    if (!here || !next || here.value === next.value || next.start < here.end) return false;
    const gap = messageWords(folded.slice(here.end, next.start));
    // `connective` phrases lead a clause: tried at every word ("0043, sorry, and 0027" names both).
    if (gap.length === 0 || gap.some((_, k) => vocabulary.has('connective', gap.slice(k)))) return false;
    const marks = vocabulary.find('takeBack', gap);
    const marked = marks.reduce((n, m) => n + (m.end - m.start), 0);
    if (marks.length > 0 && gap.length - marked <= MAX_OTHER_WORDS) return true;
    return gap.length <= MAX_EXPLAINED_WORDS && marks.some((m) => m.start < OPENS_WITHIN);
  };
  // Read in order: a mention taken back drops its SIM; a later mention names it again only when the message goes
  // back to it, i.e. the reference just before it was taken back ("0050, sorry 0005 — no wait, 0050"). After a
  // correction that stands, it is the reason, not the SIM meant: "0043 dead. wait no, 0035 - 0043's the one we
  // had topped up" means 0035 only.
  const retracted = new Set<string>();
  placed.forEach((place, i) => {
    if (takenBackAt(i)) retracted.add(place.value);
    else if (i > 0 && takenBackAt(i - 1)) retracted.delete(place.value);
  });
  return retracted;
}
