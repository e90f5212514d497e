import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type Dialog,
  type DialogState,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { INTENTS, type Intent, type Recognition, type Recognizer } from '../bot/nlu/types.js';
import { recognitionOf } from '../bot/turn/turnKeys.js';
import { DIALOG } from './dialogIds.js';
import { routeIntent } from './intentRoute.js';
import { incomingText, matchesLabel, type DialogKit } from './dialogKit.js';
import { CHOICE_KEYS, InterruptibleDialog } from './interruptibleDialog.js';

const ROUTE = 'mainRoute';
/** "all good, thanks": a thank-you the small-talk matcher leaves to the classifier. */
const THANKS = /\b(thanks|thank you|thx|cheers|gracias|muchas gracias)\b/i;
/** Misunderstood messages in a row before a person takes over. */
const MAX_MISUNDERSTANDINGS = 2;

/** What the route step needs from the understand step. */
interface Understood {
  intent: Intent;
  recognition: Recognition;
}

/**
 * The root dialog: understands what the customer wants (asking a clarifying question when unsure)
 * and routes to troubleshooting, case status, a request, or a person.
 */
export class MainDialog extends InterruptibleDialog {
  constructor(
    kit: DialogKit,
    private readonly recognizer: Recognizer,
    children: Dialog[],
  ) {
    super(DIALOG.main, kit);
    for (const child of children) this.addDialog(child);
    this.addDialog(
      new WaterfallDialog(ROUTE, [
        this.understandStep.bind(this),
        this.clarifiedStep.bind(this),
        this.routeStep.bind(this),
      ]),
    );
    this.initialDialogId = ROUTE;
  }

  /** Run the main dialog for this turn: continue what is active, or start understanding the message. */
  async runDialog(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  /** Decide from the message alone when possible; small talk is answered here. */
  private async understandStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const recognition = recognitionOf(context) ?? this.recognizer.recognize(incomingText(context));
    const profile = await this.kit.profileOf(context);
    // The same side questions a running dialog answers in passing (InterruptibleDialog).
    if (await this.kit.answerSideQuestion(context)) return step.endDialog();
    if (recognition.intent !== 'unclear' && recognition.intent !== 'other') {
      profile.misunderstandings = 0;
      return step.next({ intent: recognition.intent, recognition } satisfies Understood);
    }
    const smallTalkReply = await this.answerSmallTalk(context, recognition);
    if (!smallTalkReply && recognition.intent === 'other' && THANKS.test(recognition.text)) {
      await this.kit.say(context, 'bot.thanks');
      return step.endDialog();
    }
    if (smallTalkReply) return step.endDialog();
    if (recognition.intent === 'other') {
      profile.misunderstandings = 0;
      return step.next({ intent: 'other', recognition } satisfies Understood);
    }
    return this.askToClarify(step, recognition);
  }

  /** The customer picked an option after a clarifying question (or typed something new). */
  private async clarifiedStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (isUnderstood(step.result)) return step.next(step.result);
    const { context } = step;
    const text = incomingText(context);
    const kb = this.kit.knowledge.current();
    const picked = INTENTS.find(
      (intent) =>
        CHOICE_KEYS.includes(`bot.choice.${intent}`) && matchesLabel(kb, text, `bot.choice.${intent}`),
    );
    const recognition = recognitionOf(context) ?? this.recognizer.recognize(text);
    const intent = picked ?? (recognition.intent === 'unclear' ? undefined : recognition.intent);
    if (!intent) return this.askToClarify(step, recognition);
    (await this.kit.profileOf(context)).misunderstandings = 0;
    return step.next({ intent, recognition } satisfies Understood);
  }

  /** Hand the conversation to the dialog that owns the intent. */
  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { intent, recognition } = step.result as Understood;
    return routeIntent(step, intent, recognition);
  }

  private async askToClarify(
    step: WaterfallStepContext,
    recognition: Recognition,
  ): Promise<DialogTurnResult> {
    const profile = await this.kit.profileOf(step.context);
    profile.misunderstandings += 1;
    if (profile.misunderstandings >= MAX_MISUNDERSTANDINGS) {
      profile.misunderstandings = 0;
      return step.replaceDialog(DIALOG.handoff, { reason: 'not_understood' });
    }
    const key = recognition.top.confidence > 0.2 ? 'bot.clarify.guess' : 'bot.clarify';
    const guess = await this.kit.text(step.context, `bot.intent.${recognition.top.intent}`);
    await this.kit.say(step.context, key, { guess }, CHOICE_KEYS);
    return { status: DialogTurnStatus.waiting };
  }

  /** Greeting, thanks, help or a stray yes/no with nothing else in the message. */
  private async answerSmallTalk(context: TurnContext, recognition: Recognition): Promise<boolean> {
    switch (recognition.smallTalk) {
      case 'greeting':
        await this.kit.say(context, 'bot.greeting', undefined, CHOICE_KEYS);
        return true;
      case 'thanks':
        await this.kit.say(context, 'bot.thanks');
        return true;
      case 'help':
        await this.kit.say(context, 'bot.help', undefined, CHOICE_KEYS);
        return true;
      case 'cancel':
      case 'restart':
      case 'yes':
      case 'no':
        await this.kit.say(context, 'bot.whatNow', undefined, CHOICE_KEYS);
        return true;
      default:
        return false;
    }
  }
}

function isUnderstood(value: unknown): value is Understood {
  return typeof value === 'object' && value !== null && 'intent' in value && 'recognition' in value;
}
