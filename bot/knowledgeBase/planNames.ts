import { foldWords } from '../nlu/normalize.js';
import { messageWords, type Vocabulary } from '../nlu/words/vocabulary.js';
import type { Plan } from './types.js';

/**
 * The plan of the catalogue a message names: by its name ("IoT Connect EU"), by what customers call it (its
 * `aliases`: "the data-only plan", "el de datos y SMS") when only one plan is called so, or without its first word
 * ("the Data SMS plan") when no other plan ends the same — of several, the one called a plan. Read by the order
 * form's plan field and by the fleet filter ("which of our SIMs are on the data-only plan?").
 */
export function planNamedIn(words: Vocabulary, plans: readonly Plan[], text: string): Plan | undefined {
  const folded = ` ${foldWords(text)} `;
  const named = plans.find((plan) => folded.includes(` ${foldWords(plan.name)} `));
  if (named) return named;
  // "El plan con datos y SMS", "the EU one": what customers call a plan (its `aliases`), when only one is called so.
  const aliased = plans.filter((plan) =>
    Object.values(plan.aliases ?? {})
      .flat()
      .some((alias) => alias !== undefined && folded.includes(` ${foldWords(alias)} `)),
  );
  if (aliased.length === 1 && aliased[0]) return aliased[0];
  // "with the Data SMS plan": a plan named without its first word ("IoT"), when no other plan ends the same.
  const short = (plan: Plan): string | undefined => {
    const planWords = foldWords(plan.name).split(' ');
    return planWords.length >= 3 ? planWords.slice(1).join(' ') : undefined;
  };
  const matches = plans.filter((plan) => {
    const rest = short(plan);
    return rest !== undefined && folded.includes(` ${rest} `);
  });
  if (matches.length <= 1) return matches[0];
  // "50 nano SIMs on the Data SMS plan … half our panels sat on data-only SIMs": the one called a plan.
  const folds = messageWords(folded);
  const besideNouns = words
    .find('planNoun', folds)
    .map((noun) => ` ${folds.slice(Math.max(0, noun.start - 3), noun.end + 3).join(' ')} `);
  const called = matches.filter((plan) =>
    besideNouns.some((around) => around.includes(` ${short(plan) ?? ''} `)),
  );
  return called.length === 1 ? called[0] : undefined;
}
