import { withoutPlanNames } from '../knowledgeBase/planNames.js';
import type { Plan } from '../knowledgeBase/types.js';
import type { ServiceReader } from './entities/services.js';
import type { ProblemIntent, Recognition } from './types.js';
import type { Vocabulary } from './words/vocabulary.js';

/**
 * A question about one plan of the catalogue ("What do we get with the IoT Data Only plan?", "On the data + SMS plan,
 * can the machine place a voice call?", "¿cuántos MB incluye al mes y tiene itinerancia en la UE?"): the plan, and
 * what the question asks of it — the answer leads with that, then tells the whole plan.
 */
export interface PlanQuestion {
  /** The plan asked about, by its catalogue name. */
  plan: string;
  /** Other plans the question names ("the difference between IoT Data Only and IoT Data SMS"): asked the same of each. */
  alsoNamed?: string[];
  /** The services asked whether it includes ("can it place a voice call?"). */
  services: ProblemIntent[];
  /** The countries asked whether it works in ("does it work in Germany?"), ISO alpha-2. */
  countries: string[];
  /** Where it roams asked, without a country ("¿tiene itinerancia?"). */
  roaming: boolean;
  /** Its monthly data asked ("how much data per month?", "¿cuántos MB al mes?"). */
  allowance: boolean;
  /** Its APN asked. */
  apn: boolean;
}

/**
 * A question which plans have a service or work in a country, naming none ("Which of your plans support CSD?",
 * "¿Tenéis algún plan con voz que funcione en Marruecos?"): the plans that fit answer it.
 */
export interface PlanChoice {
  /** The services every plan of the answer must include. */
  services: ProblemIntent[];
  /** The countries every plan of the answer must work in, ISO alpha-2. */
  countries: string[];
}

/** What reading a plan question needs of the knowledge: the word lists, the plans, the service words. */
export interface PlanQuestionKnowledge {
  vocabulary: Vocabulary;
  plans: { list(): readonly Plan[] };
  entityWords: { services: Pick<ServiceReader, 'named'> };
}

/**
 * What a question asks of `plan` (see {@link PlanQuestion}), read without the plans' own names: "IoT Data SMS" asks
 * about no SMS, "IoT Data Only" about no data. The data a plan includes, asked by its amount ("how much data a
 * month?"), is its allowance, not whether it has data.
 */
export function planQuestionOf(
  recognition: Recognition,
  kb: PlanQuestionKnowledge,
  plan: Plan,
): PlanQuestion {
  const words = kb.vocabulary;
  const rest = withoutPlanNames(kb.plans.list(), recognition.text);
  const allowance = words.has('planAllowance', rest);
  const apn = words.has('planApn', rest);
  const services = kb.entityWords.services
    .named(rest)
    .filter((service) => !(service === 'data' && (allowance || apn)));
  // "Does it work in Germany?", "¿funciona en Oporto?": the countries of the places named too.
  const countries = [...new Set([...recognition.entities.countries, ...(recognition.entities.places ?? [])])];
  return {
    plan: plan.name,
    services,
    countries,
    roaming: countries.length === 0 && words.has('filterRoaming', rest),
    allowance,
    apn,
  };
}

/** The question asks something of the plan (a service, a country, roaming, its data or its APN). */
export function asksOfPlan(question: PlanQuestion): boolean {
  return (
    question.services.length > 0 ||
    question.countries.length > 0 ||
    question.roaming ||
    question.allowance ||
    question.apn
  );
}
