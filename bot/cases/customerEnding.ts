import { messageWords, type Vocabulary } from '../nlu/words/vocabulary.js';
import type { CaseStatus } from './caseSchema.js';

/**
 * How a customer ends their own case in words:
 * - `works_again`: it works again, whatever the cause ("it's reporting again", "came back on its own",
 *   "olvídalo, ya va bien") — the problem is gone;
 * - `withdrawn`: they ask to close it, or withdraw it because the cause was theirs ("close my ticket",
 *   "never mind, it was our server", "cierren el caso").
 */
export type CustomerEnding = 'works_again' | 'withdrawn';

/**
 * The one policy for a case the customer ends: working again is `resolved` (the follow-up may still reopen
 * it), withdrawn is `closed`. Either way the customer is asked for a rating. Every path that reads such a
 * message — a dialog's interruption, the main dialog, a queued case — goes through {@link readCustomerEnding}
 * and ends the case with this status.
 */
export const ENDING_STATUS = {
  works_again: 'resolved',
  withdrawn: 'closed',
} as const satisfies Record<CustomerEnding, CaseStatus>;

/**
 * Whether a message ends the customer's case, and how (see {@link CustomerEnding}). It works again — only without a
 * problem in the same message ("stopped reporting again") — is resolved, even when the customer also asks to close
 * it ("it's back online, you can close the ticket": what happened is that it was fixed, and the follow-up may still
 * reopen it); asking to close with nothing working again ("we're scrapping that unit, close it"), or "never mind"
 * with a cause on the customer's side ("it was our server"), or withdrawing it in words ("we withdraw the request",
 * "cancel the ticket"), withdraws it — and so does asking to close beside one working again with no watch wanted
 * ("rather than keeping an eye on it, just close the ticket"). "Close it as solved" is resolved.
 */
export function readCustomerEnding(words: Vocabulary, text: string): CustomerEnding | undefined {
  const folded = messageWords(text);
  // "From my side the case can be closed as solved": solved is what they tell.
  if (words.has('closeAsSolved', folded)) return 'works_again';
  // "We withdraw the request, it is back in Sweden tomorrow": withdrawn, whatever comes back.
  if (words.has('withdrawCase', folded) && asksToClose(words, text)) return 'withdrawn';
  // "It's back. Actually, rather than keeping an eye on it, just close the ticket - we're scrapping that unit": works
  // again, but nothing is to be followed up — closed as they ask.
  if (words.has('noWatch', folded) && asksToClose(words, text)) return 'withdrawn';
  if (worksAgain(words, text)) return 'works_again';
  if (asksToClose(words, text)) return 'withdrawn';
  if (words.has('neverMind', folded) && words.has('customerCause', folded)) return 'withdrawn';
  return undefined;
}

/**
 * A clause asks to close: "Los repartidores no pueden cerrar entregas" does not (a close phrase right after a
 * negation in its clause); "Siempre no. Cancela esa solicitud" and "Uy, no, cancélalo" do.
 */
function asksToClose(words: Vocabulary, text: string): boolean {
  return text.split(/[.!?\n,;:]+/).some((sentence) => {
    const folded = messageWords(sentence);
    const negated = (at: number): boolean =>
      words.find('negation', folded.slice(0, at)).some((n) => n.end === at);
    return words.find('closeCase', folded).some((m) => !negated(m.start));
  });
}

/**
 * A sentence says it works again, and neither it nor any sentence after it says something is broken or asks: "All
 * good?" asks; "the trackers are online but the meters are not" is not everything working again; "Falsa alarma: el
 * técnico había desconectado la antena. Ya llama bien, está resuelto." tells the cause, then that it works.
 */
function worksAgain(words: Vocabulary, text: string): boolean {
  // "Lo necesito resuelto ya, es crítico" asks for it to work.
  if (words.has('urgent', text)) return false;
  // "Please reactivate SIM …035. We suspended it ourselves. It's back in service now": a change asked for first — the
  // device back in use is why, nothing was broken and fixed.
  if (changeAskedFirst(words, text)) return false;
  let fixed = false;
  const closesIt = asksToClose(words, text);
  for (const sentence of text.split(/[.!\n]+/)) {
    const folded = messageWords(sentence);
    if (folded.length === 0) continue;
    // "Problem solved": a symptom word inside the phrase that says it works again reports nothing.
    // "We need it solved this week": a works phrase right after wanting it says nothing works.
    const wanted = words.find('wantsFixed', folded);
    // "Please move the SIM onto IoT Connect EU so it works outside the Nordics": what a change asked for would do.
    // "Ya hemos subido el límite desde el portal y vuelve a ir": a change told as done asks for nothing.
    // "The dot is moving on the map again": a change word inside a works phrase asks for nothing.
    const worksPhrases = words.find('worksNow', folded);
    const asked = words
      .find('serviceRequest', folded)
      .filter(
        (a) =>
          !ledBy(words, 'alreadyDone', folded, a.start) &&
          !worksPhrases.some((w) => w.start <= a.start && a.end <= w.end),
      );
    // "done. works", "listo. funciona bien": a sentence of its own that is only the device working.
    const alone = words.whole('worksAlone', folded) ? [{ start: 0, end: folded.length }] : [];
    const found = [...worksPhrases, ...alone]
      // "That tracker is back in service, please reactivate the SIM": the device back in use, the SIM asked to follow.
      .filter((m) => !wanted.some((w) => w.end === m.start) && asked.length === 0);
    // "No está resuelto", "not solved yet", "it hasn't been resolved": a works phrase taken back is still broken.
    const negated = found.filter((m) => ledBy(words, 'reportNegation', folded, m.start));
    // "Let me know when it's resolved", "avísame cuando esté resuelto", "hopefully solved soon": not yet.
    const pending = found.filter((m) => ledBy(words, 'worksPending', folded, m.start));
    // "El router dice que tiene conexión y navega bien": what the device claims, not what the customer tells.
    const claimed = words.find('deviceSays', folded);
    const works = found.filter(
      (m) => !negated.includes(m) && !pending.includes(m) && !claimed.some((c) => c.end <= m.start),
    );
    const inside = (m: { start: number; end: number }): boolean =>
      works.some((w) => w.start <= m.start && m.end <= w.end);
    // "Pueden cerrar la incidencia": the case named in asking to close it is no symptom.
    const closing = words.find('closeCase', folded);
    // "Esta mañana no se ha caído ni una vez, funciona bien": a symptom denied is none (nor any part of it).
    const symptoms = words.find('symptom', folded);
    const denied = symptoms.filter((m) => ledBy(words, 'reportNegation', folded, m.start));
    const symptom = symptoms.some(
      (m) =>
        !inside(m) &&
        !closing.some((c) => c.start <= m.start && m.end <= c.end) &&
        !denied.some((d) => d.start <= m.start && m.end <= d.end),
    );
    // "All good?" asks whether it works; a question after it asks for more ("could you check these?") — unless the
    // customer also closes the case ("…you can close that one. Oh and do you work weekends?": a side question), or
    // it is a tag of a few words that asks for nothing ("Ni gracias, ¿eh?", "why?").
    const tag = found.length === 0 && folded.length < QUESTION_TAG_WORDS;
    // "…The first three weeks it's fine. Please raise the data limit on that SIM.": a change asked for, nothing fixed.
    const asksChange = asked.length > 0 && works.length === 0;
    const broken =
      symptom ||
      asksChange ||
      negated.length > 0 ||
      words.has('stillBroken', folded) ||
      (/[?¿]/.test(sentence) && (found.length > 0 || (!closesIt && !tag)));
    if (broken) fixed = false;
    else if (works.length > 0) fixed = true;
  }
  return fixed;
}

/** A question sentence shorter than this, with no works phrase in it, is a tag ("¿eh?", "right?"), not a request. */
const QUESTION_TAG_WORDS = 4;

/**
 * A phrase of `lead` right before word `at`, or before a few linking words that carry it on: a negation ("no está
 * resuelto", "hasn't been resolved"), a time to come ("once it is resolved").
 */
function ledBy(
  words: Vocabulary,
  lead: 'reportNegation' | 'worksPending' | 'alreadyDone',
  folded: readonly string[],
  at: number,
): boolean {
  const links = words.find('negationLink', folded);
  return words.find(lead, folded).some((n) => {
    if (n.end > at || at - n.end > 3) return false;
    for (let i = n.end; i < at; i++) if (!links.some((l) => l.start <= i && i < l.end)) return false;
    return true;
  });
}

/**
 * The message opens by asking for a change ("Please reactivate SIM …", "Can you move 0068 to…", "Reactivate 0035"):
 * a change word after an asking word, or a service request on its own ("raised the limit myself" tells one done).
 */
function changeAskedFirst(words: Vocabulary, text: string): boolean {
  const first = messageWords(text.split(/[.!?\n]+/).find((s) => s.trim()) ?? '');
  const asked = words.leading('askAction', first) ?? words.leading('politeness', first);
  if (asked !== undefined)
    return (
      words.leading('serviceRequest', asked) !== undefined ||
      words.leading('changeRequest', asked) !== undefined
    );
  return words.leading('serviceRequest', first) !== undefined;
}
