import { isProblemIntent, type Entities, type Recognition } from '../nlu/types.js';
import { correctedNumber, restatedNumber } from '../nlu/entities/corrections.js';
import { reportedWords } from '../nlu/reportedWords.js';
import type { Vocabulary } from '../nlu/words/vocabulary.js';
import type { CaseCategory, Severity } from './caseSchema.js';

/** The most SIMs one case can claim: a typo like "20000000000 devices" must not break the case. */
const MAX_AFFECTED = 10_000_000;

/** What a customer's problem report says about its size and kind: they drive the case's priority. */
export interface ReportedImpact {
  /** "Slow", "drops now and then" are degraded; anything else reported as a problem is an outage. */
  severity: Severity;
  /** The number of SIMs or devices the customer gave ("2000 meters"), when they gave one. */
  affectedCount?: number;
}

/**
 * The impact of a problem as the customer described it — the one reading of it that every path opening a
 * case for a problem uses (troubleshooting, and a person asked for in the same breath).
 *
 * @param fleetSize - How many SIMs the organisation has: "all of them" with no number counts that many.
 */
export function reportedImpact(
  words: Vocabulary,
  text: string,
  entities: Entities,
  fleetSize?: number,
): ReportedImpact {
  const severity: Severity = words.has('degraded', text) ? 'degraded' : 'outage';
  const affected = entities.affected;
  // "Export line 8946…092, y otros 12 contadores igual": the SIMs named and the 12 besides them.
  const named = affected?.besidesNamed ? entities.iccids.filter((i) => i.valid).length : 0;
  // "All our meters dropped off", "son todos los camiones de la flota": with no number, all of their SIMs.
  const all = affected?.all && fleetSize !== undefined && fleetSize > 1 ? fleetSize : undefined;
  const count = affected?.count === undefined ? all : correctedCount(words, text, affected.count) + named;
  if (!count) return { severity };
  return { severity, affectedCount: Math.min(MAX_AFFECTED, Math.max(1, Math.round(count))) };
}

/**
 * The count as the customer corrected it in the same message: "about 30 trackers… sorry, typo, 300, not 30" (taken
 * back), "tenemos 200 localizadores sin datos. Perdón, 250" (restated after a correction word).
 */
function correctedCount(words: Vocabulary, text: string, count: number): number {
  const corrected = correctedNumber(words, text);
  if (corrected?.takenBack === count && corrected.value > 1) return corrected.value;
  const restated = restatedNumber(words, text);
  return restated !== undefined && restated > 1 && restated !== count ? restated : count;
}

/** How sure the classifier must be of a service, beside a request for a person, to call the message a problem. */
const PROBLEM_BESIDE_REQUEST = 0.2;

/** A problem described in the same message as a request for a person, and how big it is. */
export interface ProblemBesideRequest extends ReportedImpact {
  category: CaseCategory;
}

/**
 * "We have some 2000 meters down, I need someone on it now": the customer asks for a person AND reports a
 * problem. The case the person gets is about that problem — its service, severity and count drive the
 * priority — not a question. A plain "can I talk to someone" is no problem report (undefined).
 */
export function problemBesideRequest(
  words: Vocabulary,
  recognition: Recognition,
): ProblemBesideRequest | undefined {
  const { runnerUp, entities, text } = recognition;
  // "meters down. urgent. need someone now": with a symptom reported, the service the classifier puts next to
  // the request for a person is the problem's, however unsure — the request takes the confidence.
  const symptom = words.has('symptom', reportedWords(text, words));
  const service =
    runnerUp && (symptom || runnerUp.confidence >= PROBLEM_BESIDE_REQUEST) && isProblemIntent(runnerUp.intent)
      ? runnerUp.intent
      : undefined;
  // A count or "all of them" is about devices that fail: a problem, whatever the classifier's runner-up.
  if (!service && !entities.affected?.count && !entities.affected?.all) return undefined;
  return { category: service ?? 'other', ...reportedImpact(words, text, entities) };
}
