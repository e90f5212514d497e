import { messageWords, type Vocabulary } from './words/vocabulary.js';

/** Stands where words were left out, so the words on either side never join into a phrase. */
const GAP = '';

/** The words of each clause of a message (split at punctuation), for lists read at a clause's start. */
export function clausesOf(text: string): string[][] {
  return text
    .split(/[,.;:!?¿¡—–]+|\s-+\s/)
    .map((clause) => messageWords(clause))
    .filter((clause) => clause.length > 0);
}

/**
 * The words of a message that report what is happening — the ones symptom words are read in. Left out: a case
 * imagined, from its opener to the end of its clause ("what happens once a SIM runs out of data?" asks how
 * things work; "the meters are down — what happens if we reboot?" still reports them down), and phrases
 * whose symptom word reports nothing ("reactivate it, we deactivated it por error").
 */
export function reportedWords(text: string, words: Vocabulary): string[] {
  // The case imagined runs on to the end of its sentence: "what happens once a tracker burns through it - cut
  // off or slowed down?" imagines the cut-off too ("¿" and "¡" open a clause inside the sentence, they end none).
  // "Si la terminal se queda sin internet un domingo, ¿hay alguien?": a sentence asking something, opened by "if".
  // "…¿qué hace la red? ¿Se rechaza el contexto PDP o se reduce la velocidad?": a question right after one that
  // imagines a case asks about the same case.
  let imaginedAsked = false;
  const kept = (text.match(/[^.!?]+[.!?]*/g) ?? []).flatMap((sentence) => {
    // "…she wants to know what actually happens when a SIM reaches its limit. Does it stop working…?": a question
    // relayed or put as a letter asks as much as a question mark.
    // "y si una se queda sin datos qué pasa": a question of two words or more ending it, too.
    const folded = messageWords(sentence);
    const asks =
      sentence.includes('?') ||
      words.has('relayedQuestion', folded) ||
      words.has('politeAsk', folded) ||
      words.find('question', folded).some((m) => m.end === folded.length && m.end - m.start >= 2);
    let imagining = imaginedAsked && asks;
    imaginedAsked = imagining;
    return clausesOf(sentence).flatMap((clause, i) => {
      // "I was wondering if you could look at 0050; it hasn't reported since Tuesday": that "if" is "whether".
      const whether = words.find('whetherIf', clause);
      const imagines = (m: { start: number; end: number }): boolean =>
        !whether.some((w) => w.start <= m.start && m.end <= w.end);
      if (i === 0 && asks && words.leading('imaginedLead', clause) !== undefined) {
        imaginedAsked = true;
        return [GAP];
      }
      if (imagining || toldAsOver(clause, words)) return [GAP];
      // "…keeps asking: if a tracker goes over its data, is it cut off?", "is your team on duty at weekends if
      // something goes down?": in a sentence that asks, "if" opens the case imagined wherever it stands.
      const imagined =
        words.find('imagined', clause).filter(imagines)[0] ??
        (asks ? words.find('imaginedLead', clause).filter(imagines)[0] : undefined);
      if (imagined) {
        imagining = true;
        if (asks) imaginedAsked = true;
      }
      return [...(imagined ? clause.slice(0, imagined.start) : clause), GAP];
    });
  });
  const out = [...kept];
  for (const match of words.find('notSymptom', kept)) out.fill(GAP, match.start, match.end);
  return out;
}

/**
 * A clause telling an episode that is over ("last Christmas we had a problem with the tyre supplier", "a principios
 * de año retiramos una furgoneta"), not one going on since then ("since last year the meters drop out").
 */
function toldAsOver(clause: readonly string[], words: Vocabulary): boolean {
  return words
    .find('pastEpisode', clause)
    .some((m) => !words.has('ongoingSince', clause.slice(Math.max(0, m.start - 2), m.start)));
}

/**
 * The message asks what happens in a case imagined: a clause whose imagined opener is itself a question ("what
 * happens if we suspend a SIM?", "¿qué pasa cuando…?") — not "activate roaming in case they cross the border".
 */
export function asksWhatIf(text: string, words: Vocabulary): boolean {
  return clausesOf(text).some((clause) =>
    words
      .find('imagined', clause)
      .some((m) => words.leading('question', clause.slice(m.start)) !== undefined),
  );
}
