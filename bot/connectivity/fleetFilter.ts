import { planNamed } from '../knowledgeBase/planNames.js';
import type { Plan } from '../knowledgeBase/types.js';
import type { CountryIndex } from '../nlu/entities/countries.js';
import { clausesOf } from '../nlu/reportedWords.js';
import type { Entities } from '../nlu/types.js';
import { afterWords } from '../nlu/words/deskWords.js';
import { messageWords, type Vocabulary } from '../nlu/words/vocabulary.js';
import { normaliseStatus, statusAllowsTraffic } from './provider.js';
import type { SimLookupResult } from './simLookup.js';
import type { SimRecord } from './simRecord.js';

/** Which SIMs of a fleet the customer means ("the ones in Germany", "roaming", "without a session"). */
export interface FleetFilter {
  /** ISO alpha-2 countries the SIMs were last seen in. */
  countries?: string[];
  /** ISO alpha-2 countries the SIMs were NOT last seen in ("outside Sweden": abroad relative to it). */
  outsideCountries?: string[];
  /** Only SIMs abroad (roaming). */
  roaming?: boolean;
  /** Only SIMs without a data session right now. */
  noSession?: boolean;
  /** Only active (true) or only not active (false) SIMs. */
  active?: boolean;
  /** Only SIMs over their data limit. */
  dataLimit?: boolean;
  /** Only SIMs whose device asks for an APN their plan does not have ("the ones with the wrong APN"). */
  wrongApn?: boolean;
  /** Only SIMs on these plans, by name ("which of our SIMs are on the data-only plan?"). */
  plans?: string[];
  /** Only SIMs NOT on these plans, by name ("which ones are NOT on IoT Connect EU?"). */
  outsidePlans?: string[];
  /** Only SIMs in a country their plan does not cover ("¿alguna está en un país que su plan no cubre?"). */
  roamingNotAllowed?: boolean;
}

/**
 * The filter a message names, read from its entities and the word lists; undefined when it names none. In a
 * problem report ("our trackers in Germany have no data") the symptom is not a filter — only where the SIMs
 * are and their state narrow the fleet: pass `symptoms: false` (and `many` when the report is about several SIMs:
 * then a missing data session narrows too). `countries` (the knowledge's country words) tells which clause leaves a
 * country out ("Not the ones in Sweden"); `plans` (the catalogue) which plan the SIMs asked about are on — read only
 * in a question about the fleet: a plan told in a report ("we only use data only, and the trackers are down") is
 * what they have, not which of them.
 */
export function fleetFilterOf(
  message: string,
  named: Entities,
  words: Vocabulary,
  options: {
    symptoms?: boolean;
    many?: boolean;
    countries?: Pick<CountryIndex, 'find'>;
    plans?: readonly Plan[];
  } = {},
): FleetFilter | undefined {
  const symptoms = options.symptoms ?? true;
  // "¿Cuántas SIM tenemos en Alemania? Perdona, no era eso: ¿cuáles están desactivadas?": only the question asked
  // after the one taken back — Germany is no filter of it.
  const text = afterTakenBack(message, words);
  const entities =
    text === message || !options.countries ? named : { ...named, countries: options.countries.find(text) };
  const filter: FleetFilter = {};
  if (entities.countries.length > 0) {
    const left = excludedCountries(text, entities, words, options.countries);
    const kept = entities.countries.filter((code) => !left.includes(code));
    if (left.length > 0) filter.outsideCountries = left;
    if (kept.length > 0) filter.countries = kept;
  }
  if (words.has('filterRoaming', text)) filter.roaming = true;
  if (words.has('filterInactive', text)) filter.active = false;
  // "Our dashboard says 'Active SIMs: 7 / 8'. Which one is the odd one out?": the one that is not.
  else if (symptoms && words.has('filterActive', text)) filter.active = !words.has('filterOddOneOut', text);
  // "30 of our machines have had no data session": in a report about many SIMs the missing session is both the
  // symptom and a state the live check reads, so it narrows the fleet to the SIMs affected. About one device
  // ("tracker offline") it stays the symptom, and the customer is asked which SIM.
  if ((symptoms || options.many) && words.has('filterNoSession', text)) filter.noSession = true;
  // "Over 40 of our devices don stop to send data. I think na the ones wey don finish their data bundle": in a report
  // about many SIMs, the data limit told of which ones — in a clause apart from the devices counted — narrows the
  // fleet to the SIMs over it; "varios equipos se quedaron sin datos" only tells the symptom.
  // "Los que están en roaming se han quedado sin datos": which ones is told by where they are — losing data is the
  // symptom there, not their limit.
  const limitOfWhich = (): boolean =>
    clausesOf(text).some(
      (clause) =>
        words.has('filterDataLimit', clause) &&
        !words.has('countedThings', clause) &&
        !words.has('filterRoaming', clause) &&
        (options.countries?.find(clause.join(' ')).length ?? 0) === 0,
    );
  if ((symptoms || (options.many && limitOfWhich())) && words.has('filterDataLimit', text))
    filter.dataLimit = true;
  if (symptoms && words.has('filterWrongApn', text)) filter.wrongApn = true;
  if (symptoms && words.has('filterRoamingNotAllowed', text)) filter.roamingNotAllowed = true;
  const plan = symptoms && options.plans ? planNamed(words, options.plans, text) : undefined;
  // "Which ones are NOT on IoT Connect EU?": the plan named in a clause that leaves out is the one they are not on.
  if (plan && options.plans) {
    const plans = options.plans;
    const left = clausesOf(text).some(
      (clause) => words.has('filterOutside', clause) && planNamed(words, plans, clause.join(' ')) === plan,
    );
    if (left) filter.outsidePlans = [plan.name];
    else filter.plans = [plan.name];
  }
  return Object.keys(filter).length > 0 ? filter : undefined;
}

/**
 * The filters of a message that asks about the fleet twice ("Which of our SIMs are deactivated, and which ones are
 * abroad?", "…which are roaming right now and which one is deactivated"): one per question, each read on its own —
 * a question opens at a question mark, or at a clause or "and" followed by a question word (`question`). Empty when
 * the message asks fewer than two different ones: a single question's filters narrow the same SIMs ("which are active
 * and roaming?").
 */
export function fleetFiltersAsked(
  message: string,
  named: Entities,
  words: Vocabulary,
  options: { countries?: Pick<CountryIndex, 'find'>; plans?: readonly Plan[] } = {},
): FleetFilter[] {
  const questions = questionsOf(message, words);
  if (questions.length < 2 || !options.countries) return [];
  const countries = options.countries;
  const filters: FleetFilter[] = [];
  const seen = new Set<string>();
  for (const question of questions) {
    // The countries the message names (a signature's "registered in England" is none), those of this question.
    const asked = countries.find(question).filter((code) => named.countries.includes(code));
    const filter = fleetFilterOf(question, { ...named, countries: asked }, words, options);
    const key = JSON.stringify(filter);
    const last = filters.at(-1);
    // "1. How many are on IoT Connect EU? 2. Are any of them deactivated?": a question about the SIMs of the one
    // before narrows them further.
    if (filter && last && words.has('backReference', question))
      filters[filters.length - 1] = { ...last, ...filter };
    else if (filter && !seen.has(key)) {
      seen.add(key);
      filters.push(filter);
    }
  }
  return filters.length >= 2 ? filters : [];
}

/** The questions of a message: pieces split at "?", and at a clause or connective that a question word opens. */
function questionsOf(message: string, words: Vocabulary): string[] {
  const pieces: string[] = [];
  for (const asked of message.split(/[?¿]+/)) {
    let current = '';
    for (const clause of asked.split(/(?<=[,;:])/)) {
      const folded = messageWords(clause);
      const opened = words.leading('connective', folded) ?? folded;
      if (current && words.leading('question', opened) !== undefined) {
        pieces.push(current);
        current = '';
      }
      current += clause;
    }
    // "…roaming right now and which one is deactivated": a connective followed by a question word opens one too.
    const folded = messageWords(current);
    const split = words
      .find('connective', folded)
      .find((m) => m.start > 0 && words.leading('question', folded.slice(m.end)) !== undefined);
    if (split) {
      const after = afterWords(current, split.start);
      pieces.push(current.slice(0, current.length - after.length), afterWords(current, split.end));
    } else pieces.push(current);
  }
  return pieces.filter((piece) => messageWords(piece).length > 0);
}

/** Where a message's pieces end: a clause's punctuation or a dash between words. */
const PIECE_END = /[,.;:!?—–]+|\s-+\s/g;

/**
 * The message after the last piece that takes back what was asked before it (`questionTakenBack`: "¿Cuántas SIM
 * tenemos en Alemania? Perdona, no era eso: ¿cuáles están desactivadas?" → "¿cuáles están desactivadas?"); the
 * whole message when it takes nothing back, or nothing follows the take-back.
 */
export function afterTakenBack(text: string, words: Vocabulary): string {
  let from = 0;
  let kept = 0;
  for (const end of text.matchAll(PIECE_END)) {
    const next = end.index + end[0].length;
    if (words.has('questionTakenBack', text.slice(from, end.index))) kept = next;
    from = next;
  }
  const rest = text.slice(kept);
  return kept > 0 && /\p{L}/u.test(rest) ? rest : text;
}

/**
 * The countries a message leaves out: those named in a clause that excludes ("outside Sweden", "not the ones in
 * Sweden, I know about those", "no me refiero a las de Suecia") — the others it names are where the SIMs are
 * ("¿Cuáles están en Alemania? No me refiero a las de Suecia"). Without a way to find the countries of a clause,
 * an exclusion anywhere leaves out every country named.
 */
function excludedCountries(
  text: string,
  entities: Entities,
  words: Vocabulary,
  countries: Pick<CountryIndex, 'find'> | undefined,
): string[] {
  // "300 of our trackers in Germany stopped reporting. Trucks in Sweden and Denmark are fine.", "Los de Suecia van
  // bien, solo fallan esos": a clause that tells them working, with nothing wrong in it, leaves its countries out too.
  const leaves = (clause: string): boolean =>
    words.has('filterOutside', clause) || (words.has('fineThere', clause) && !words.has('symptom', clause));
  const clauses = text.split(/[,.;:!?¿¡—–]+|\s-+\s/);
  if (!clauses.some(leaves)) return [];
  if (!countries) return words.has('filterOutside', text) ? [...entities.countries] : [];
  const left = clauses.filter(leaves).flatMap((clause) => countries.find(clause));
  return entities.countries.filter((code) => left.includes(code));
}

/** The part of a filter our own inventory answers (no platform call): country, SIM state and plan. */
export function inventoryMatches(record: SimRecord, filter: FleetFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.countries && !filter.countries.includes(record.lastCountry ?? '')) return false;
  if (filter.outsideCountries?.includes(record.lastCountry ?? '')) return false;
  if (filter.active !== undefined && statusAllowsTraffic(normaliseStatus(record.status)) !== filter.active)
    return false;
  if (filter.plans && !filter.plans.includes(record.communicationPlan ?? '')) return false;
  if (filter.outsidePlans?.includes(record.communicationPlan ?? '')) return false;
  return true;
}

/** The part of a filter only the live check answers: roaming (and whether the plan covers it), session, data limit, the APN asked for. */
export function liveMatches(result: SimLookupResult, filter: FleetFilter | undefined): boolean {
  if (!filter) return true;
  if (result.outcome !== 'found') return false;
  const facts = result.facts;
  if (filter.roaming && facts['roaming.abroad'] !== true) return false;
  if (filter.noSession && facts['session.active'] !== false) return false;
  if (filter.dataLimit && facts['sim.dataLimitReached'] !== true) return false;
  if (filter.wrongApn && facts['apn.matchesPlan'] !== false) return false;
  if (filter.roamingNotAllowed && facts['roaming.allowed'] !== false) return false;
  if (filter.active !== undefined && facts['sim.active'] !== filter.active) return false;
  return true;
}
