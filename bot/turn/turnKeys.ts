import type { TurnContext } from 'botbuilder';
import type { Identity } from '../directory/identity.js';
import type { Recognition } from '../nlu/types.js';

const IDENTITY = Symbol('firstline.identity');
const RECOGNITION = Symbol('firstline.recognition');
const INTERRUPTION_CHECKED = Symbol('firstline.interruptionChecked');

/** Who is speaking this turn; set once by SupportBot before any dialog runs. */
export function setIdentity(context: TurnContext, identity: Identity): void {
  context.turnState.set(IDENTITY, identity);
}

/** The identity SupportBot resolved for this turn. Throws when called outside a SupportBot turn. */
export function identityOf(context: TurnContext): Identity {
  const identity = context.turnState.get(IDENTITY) as Identity | undefined;
  if (!identity) throw new Error('identityOf: no identity on this turn (SupportBot must set it first)');
  return identity;
}

/** The message understood once per turn, shared by every dialog that looks at it. */
export function setRecognition(context: TurnContext, recognition: Recognition): void {
  context.turnState.set(RECOGNITION, recognition);
}

export function recognitionOf(context: TurnContext): Recognition | undefined {
  return context.turnState.get(RECOGNITION) as Recognition | undefined;
}

/** Only the outermost interruptible dialog acts on an interruption; nested ones see this flag. */
export function claimInterruptionCheck(context: TurnContext): boolean {
  if (context.turnState.get(INTERRUPTION_CHECKED)) return false;
  context.turnState.set(INTERRUPTION_CHECKED, true);
  return true;
}
