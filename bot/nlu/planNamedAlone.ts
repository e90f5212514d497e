import { planNamed, withoutPlanNames } from '../knowledgeBase/planNames.js';
import type { Plan } from '../knowledgeBase/types.js';
import { namesASim } from './messageAct.js';
import { reportedWords } from './reportedWords.js';
import type { Recognition } from './types.js';
import { messageWords, type Vocabulary } from './words/vocabulary.js';

/** Words beside a plan's name that still leave it alone ("it's on IoT Connect EU", "el plan IoT Data SMS"). */
const BESIDE_PLAN_WORDS = 3;

/**
 * The plan a message is no more than the name of ("IoT Connect EU", "it's the IoT Nordic Data plan", "el de IoT Data
 * SMS"): with no SIM, no problem and no modem output, a reply that names the plan the customer is on — an answer to an
 * article that depends on the plan ("Not sure which plan a SIM is on?"), never a report. Undefined when the message
 * says more.
 */
export function planNamedAlone(
  recognition: Recognition,
  words: Vocabulary,
  plans: readonly Plan[],
): Plan | undefined {
  const { text, entities } = recognition;
  if (namesASim(recognition) || entities.modem.length > 0) return undefined;
  if (words.has('symptom', reportedWords(text, words)) || words.has('stillBroken', text)) return undefined;
  const plan = planNamed(words, plans, text, { aliasBesideNoun: true });
  if (!plan) return undefined;
  const rest = messageWords(withoutPlanNames(plans, text));
  const nouns = words.find('planNoun', rest).reduce((n, m) => n + m.end - m.start, 0);
  return rest.length - nouns <= BESIDE_PLAN_WORDS ? plan : undefined;
}
