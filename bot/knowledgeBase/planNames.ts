import { foldWords } from '../nlu/normalize.js';
import { messageWords, type Vocabulary } from '../nlu/words/vocabulary.js';
import type { Plan } from './types.js';

/** Words on either side of a plan noun that may call a plan ("the data + SMS plan", "el plan de solo datos"). */
const NOUN_REACH = 3;

/** How a plan's name may be said without its first word ("Data SMS" for "IoT Data SMS"), for names of three words or more. */
function shortName(plan: Plan): string | undefined {
  const words = foldWords(plan.name).split(' ');
  return words.length >= 3 ? words.slice(1).join(' ') : undefined;
}

/** What customers call a plan besides its name (`aliases` of every language), folded. */
function aliasesOf(plan: Plan): string[] {
  return Object.values(plan.aliases ?? {})
    .flat()
    .flatMap((alias) => (alias === undefined ? [] : [foldWords(alias)]));
}

/** The folded message with every stretch beside a plan noun ("the data + SMS plan": "the data sms plan"). */
function besidePlanNouns(words: Vocabulary, folded: string): string[] {
  const all = messageWords(folded);
  return words
    .find('planNoun', all)
    .map((noun) => ` ${all.slice(Math.max(0, noun.start - NOUN_REACH), noun.end + NOUN_REACH).join(' ')} `);
}

/**
 * The plan of `plans` a message names: by its name; by what customers call it (`aliases`: "the EU one", "el de banda
 * ancha") when only one plan is called so — with `aliasBesideNoun`, only beside a plan noun ("on the data + SMS
 * plan", "el plan de solo datos": "data only" alone may be the data a device sends); or by its name without its first
 * word ("the Data SMS plan") when no other plan ends the same, or only one such plan is called a plan. The one
 * reading of a plan's name: an order's plan question and a question about a plan.
 */
export function planNamed(
  words: Vocabulary,
  plans: readonly Plan[],
  text: string,
  options: { aliasBesideNoun?: boolean } = {},
): Plan | undefined {
  const folded = ` ${foldWords(text)} `;
  const named = plans.find((plan) => folded.includes(` ${foldWords(plan.name)} `));
  if (named) return named;
  const nouns = besidePlanNouns(words, folded);
  const aliasPlaces = options.aliasBesideNoun ? nouns : [folded];
  const aliased = plans.filter((plan) =>
    aliasesOf(plan).some((alias) => aliasPlaces.some((place) => place.includes(` ${alias} `))),
  );
  if (aliased.length === 1) return aliased[0];
  const matches = plans.filter((plan) => {
    const rest = shortName(plan);
    return rest !== undefined && folded.includes(` ${rest} `);
  });
  if (matches.length <= 1) return matches[0];
  // "50 nano SIMs on the Data SMS plan … half our panels sat on data-only SIMs": the one called a plan.
  const called = matches.filter((plan) =>
    nouns.some((around) => around.includes(` ${shortName(plan) ?? ''} `)),
  );
  return called.length === 1 ? called[0] : undefined;
}

/** Every plan of `plans` a message names by its full name, in catalogue order ("IoT Data Only and IoT Data SMS"). */
export function plansNamedInFull(plans: readonly Plan[], text: string): Plan[] {
  const folded = ` ${foldWords(text)} `;
  return plans.filter((plan) => folded.includes(` ${foldWords(plan.name)} `));
}

/**
 * The message with every plan's name, short name and aliases left out (as folded words): what it asks of a plan is
 * read without the plan's own words — "IoT Data SMS" names no SMS asked about, "IoT Data Only" no data.
 */
export function withoutPlanNames(plans: readonly Plan[], text: string): string {
  const names = plans
    .flatMap((plan) => [foldWords(plan.name), shortName(plan), ...aliasesOf(plan)])
    .filter((name): name is string => name !== undefined && name.length > 0);
  return withoutNames(` ${foldWords(text)} `, names);
}

/** `folded` (spaced at both ends) with each of `names` left out, the longest first ("iot data sms" before "data sms"). */
function withoutNames(folded: string, names: readonly string[]): string {
  let left = folded;
  for (const name of [...names].sort((a, b) => b.length - a.length))
    left = left.split(` ${name} `).join(' , ');
  return left.trim();
}

/**
 * The message without the plans it calls by name (as folded words), so that what a plan is called names no service
 * of the customer's: "I told your colleague the panel was on the Data SMS plan … it's the data only one, SIM 0068 …
 * nothing SMS works on it" names SMS only. A plan's full name calls it anywhere; its short name or an alias only
 * beside a plan noun ("the Data SMS plan", "el plan de solo datos"), or an alias that calls a plan by itself, with a
 * `planPronoun` ("the data only one", "el de solo datos") — "data and SMS" alone may be the services a device uses.
 * Undefined when the message calls no plan.
 */
export function withoutPlanCalls(
  words: Vocabulary,
  plans: readonly Plan[],
  text: string,
): string | undefined {
  const folded = ` ${foldWords(text)} `;
  const nouns = besidePlanNouns(words, folded);
  const calls = plans
    .flatMap((plan) => [
      foldWords(plan.name),
      ...[shortName(plan), ...aliasesOf(plan)].filter(
        (name): name is string =>
          name !== undefined &&
          name.length > 0 &&
          (words.has('planPronoun', name.split(' ')) || nouns.some((around) => around.includes(` ${name} `))),
      ),
    ])
    .filter((name) => folded.includes(` ${name} `));
  return calls.length === 0 ? undefined : withoutNames(folded, calls);
}
