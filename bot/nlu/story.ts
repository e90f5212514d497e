import { clausesOf, reportedWords } from './reportedWords.js';
import type { Vocabulary } from './words/vocabulary.js';

/** A message of this many sentences or more tells a story around what it asks (background, then the ask). */
export const STORY_SENTENCES = 3;

/** The sentences of a message (a dot inside "v2.1" or "iot.firstline.example" ends none). */
export function sentencesOf(text: string): string[] {
  return text.match(/(?:[^.!?\n]|\.(?=[^\s.!?]))+[.!?]*/g) ?? [];
}

/** Long enough to hold background around what it asks ({@link STORY_SENTENCES}). */
export function isStory(text: string): boolean {
  return sentencesOf(text).filter((s) => s.trim()).length >= STORY_SENTENCES;
}

/**
 * The clauses a how-to opener is read in. In a story only the sentences that ask, or ask to be told ("lo que
 * necesito es que me expliquen cómo…"): a writer of paragraphs marks questions, and "como andamos cortos de
 * presupuesto" ("as we are short of budget") opens no how-to.
 */
export function howToClauses(text: string, words: Vocabulary): string[][] {
  if (!isStory(text)) return clausesOf(text);
  return sentencesOf(text)
    .filter((s) => /[?¿]/.test(s) || words.has('explainHow', s))
    .flatMap((s) => clausesOf(s));
}

/**
 * A change asked for after the story that explains it: "…on the first truck the data has already run out, so the
 * tracker has gone quiet too. IT have asked me to get the monthly data limit raised on that SIM. Could you set that
 * up?" — the request is the message; the problem told before it is why they ask. Only in a story, only when the
 * change is asked for in its sentence or the next ("already swapped the SIM into a spare modem" asks for nothing),
 * and only when no sentence after the change tells a problem again.
 */
export function changeAfterStory(text: string, words: Vocabulary): boolean {
  const sentences = sentencesOf(text);
  if (!isStory(text)) return changeAfterReason(sentences, words);
  const tells = (s: string): boolean => {
    const reported = reportedWords(s, words);
    return words.has('symptom', reported) || words.has('stillBroken', reported);
  };
  // "Could you set that up?" right after the change asks for it; "Can I speak to someone?" asks for a person.
  const asksForIt = (i: number): boolean => {
    const next = sentences[i + 1];
    return (
      words.has('askAction', sentences[i] ?? '') ||
      (next !== undefined &&
        (/[?¿]/.test(next) || words.has('askAction', next)) &&
        !words.has('askPerson', next) &&
        !words.has('serviceRequest', next))
    );
  };
  const changeAt = sentences.findIndex(
    (s, i) =>
      (words.has('serviceRequest', s) || words.has('changeRequest', s)) &&
      !tells(s) &&
      asksForIt(i) &&
      sentences.slice(i + 1).every((after) => !tells(after)),
  );
  return changeAt > 0 && sentences.slice(0, changeAt).some(tells);
}

/** Words of a `serviceRequest` phrase that name the change ("raise the data limit on", "pasarla al plan"), not a verb. */
const NAMED_CHANGE_WORDS = 2;

/**
 * Shorter than a story: the problem told, then the change asked for in the last sentence, opened by the asking
 * ("Ya comprobamos que la SIM 0068 no recibe SMS porque su plan es solo de datos. Queremos pasarla al plan IoT Data
 * SMS.", "…the button to raise it is greyed out for me. Please raise the data limit on …043 to 1 GB.") — the problem is
 * why they ask. A change verb alone ("SIM …035 is dead. Kindly activate it") is not enough: the change must be named.
 */
function changeAfterReason(sentences: readonly string[], words: Vocabulary): boolean {
  const last = sentences.at(-1);
  if (sentences.length < 2 || last === undefined || /[?¿]/.test(last)) return false;
  const asked =
    words.leading('askAction', last) !== undefined &&
    words.find('serviceRequest', last).some((m) => m.end - m.start >= NAMED_CHANGE_WORDS);
  const told = sentences
    .slice(0, -1)
    .some((s) => words.has('symptom', reportedWords(s, words)) || words.has('stillBroken', s));
  return asked && told && !words.has('symptom', reportedWords(last, words));
}
