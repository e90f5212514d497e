import { asksForBot, asksForPersonInWords } from '../bot/nlu/words/deskWords.js';
import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { readCustomerEnding } from '../bot/cases/customerEnding.js';
import { shouldHandOff } from '../bot/handoff/triggers.js';
import { planAnswer, planChoiceAnswer } from '../bot/knowledgeBase/planAnswer.js';
import { requestedLanguage } from '../bot/nlu/languageRequest.js';
import { CLEAR_MATCH, isQuestion, namesASim, readMessageAct } from '../bot/nlu/messageAct.js';
import { restBesideMeta } from '../bot/nlu/metaRequest.js';
import { messageWords } from '../bot/nlu/words/vocabulary.js';
import { claimInterruptionCheck, recognitionOf } from '../bot/turn/turnKeys.js';
import type { CloseCaseOptions } from './closeCaseDialog.js';
import type { DialogKit } from './dialogKit.js';
import { DIALOG } from './dialogIds.js';

/** Confidence above which "talk to a person" interrupts whatever is going on. */
const AGENT_INTERRUPT_CONFIDENCE = 0.6;

/**
 * The one base for interruptions, so every step of every dialog understands "help", "cancel",
 * "start over", "talk to a person", "close my case" and the kit's side questions ("is there an outage?"). Only the outermost dialog acts (Main, as the root), so an
 * interruption is handled once per turn whatever the depth of the stack.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(
    id: string,
    protected readonly kit: DialogKit,
  ) {
    super(id);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(innerDc);
    return interrupted ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    if (context.activity.type !== 'message' || context.activity.value) return undefined;
    if (!claimInterruptionCheck(context)) return undefined;
    const recognition = recognitionOf(context);
    if (!recognition) return undefined;
    const words = this.kit.vocabulary();
    const profile = await this.kit.profileOf(context);
    const caseNote = profile.caseId
      ? await this.kit.text(context, 'bot.caseKept', { caseId: profile.caseId })
      : '';

    // "Close my case" / "it's reporting again" ends whatever was going on (the one policy: customerEnding).
    // Before "cancel": "never mind" alone stops, "never mind, it works again now" ends the case. An answer
    // that starts with yes or no ("yes, it works now") answers the question asked: the dialog reads it.
    const ending = readCustomerEnding(words, recognition.text);
    // "…right. The test alarm just came through. It's working now." at "what is not working?" answers no yes/no.
    const answers = words.leadingYesNo(recognition.text) !== undefined && pendingYesNo(innerDc);
    // "ok all good, send it" at a request's summary: a go-ahead — nothing was broken to work again.
    const requesting = this.id === DIALOG.request || activeOnStack(innerDc, DIALOG.request);
    // "cancela" at a request's summary withdraws that request: the dialog that offered "Cancel" reads it.
    const cancelling = recognition.smallTalk === 'cancel' || ending === 'withdrawn';
    if (cancelling && answersWhatWasAsked(innerDc)) return undefined;
    if (ending && !(ending === 'works_again' && (answers || requesting))) {
      if (!innerDc.findDialog(DIALOG.closeCase)) return undefined;
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(DIALOG.closeCase, {
        caseIds: recognition.entities.caseIds,
        ending,
      } satisfies CloseCaseOptions);
    }
    switch (recognition.smallTalk) {
      case 'help':
        await this.kit.say(context, 'bot.help');
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      case 'cancel':
        await this.kit.say(context, 'bot.cancelled', { caseNote });
        return innerDc.cancelAllDialogs(true);
      case 'restart':
        await innerDc.cancelAllDialogs(true);
        await this.kit.say(context, 'bot.restart', { caseNote }, CHOICE_KEYS);
        return Dialog.EndOfTurn;
      default:
        break;
    }
    // "Do you need the address? OK: deliver to …": the answer to the question the dialog asked, whatever else it asks.
    if (answersWhatWasAsked(innerDc)) return undefined;
    // "yep it's online again … one more thing, are you open on Saturdays?": answered, and the yes read too.
    const yesOrNo = words.answer(recognition.text);
    // Only where the pending question says it is a yes/no one: at a request's summary "no" would cancel it.
    const alsoAnswers = (yesOrNo === 'yes' || yesOrNo === 'no') && pendingYesNo(innerDc, false);
    if (await this.kit.answerSideQuestion(context)) {
      if (alsoAnswers) return undefined;
      await innerDc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    const kb = this.kit.knowledge.current();
    const act = readMessageAct(recognition, kb);
    switch (act.kind) {
      case 'howto':
        // "How do I change the APN?" in the middle of the checks: answered from the article, then the question again.
        profile.lastArticleId = act.article.id;
        await this.kit.sayText(context, this.kit.articleText(context, act.article, profile.lang));
        if (alsoAnswers) return undefined;
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      case 'plan_question':
      case 'plan_choice':
        // "Does the data + SMS plan have voice?", "Which plan has voice?" in the middle of a form: answered from the
        // plans, then the question again.
        await this.kit.sayText(
          context,
          act.kind === 'plan_question'
            ? planAnswer(kb, profile.lang, act.question, this.kit.plansFor(context), act.article)
            : planChoiceAnswer(kb, profile.lang, act.choice, this.kit.plansFor(context), act.article),
        );
        if (alsoAnswers) return undefined;
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      case 'back_to_bot':
        // Nobody but the bot has them (a queued case is handled by the desk before any dialog): carry on here.
        // "No person needed" in the middle of the checks: unresolved checks leave the case with the bot.
        profile.personDeclined = true;
        await this.kit.say(context, 'bot.backToBot.continue');
        // "No hace falta el técnico, lo miro contigo. ¿Qué le pasa a la SIM 0050?": the SIM named is the answer.
        if (namesASim(recognition)) return undefined;
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      case 'switch_language': {
        // "Can we continue in Spanish? What now?": the same question again, in the language asked for.
        await this.kit.say(context, 'bot.language.switched');
        // "Kindly respond in English from now on: what APN should be configured on the router?": answered too.
        const rest = restBesideMeta(recognition.text, kb);
        const answer = rest && isQuestion(rest, words) ? kb.articles.match(rest) : undefined;
        if (answer && answer.score >= CLEAR_MATCH) {
          profile.lastArticleId = answer.article.id;
          await this.kit.sayText(context, this.kit.articleText(context, answer.article, act.lang));
        }
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      }
      default:
        break;
    }
    // The classifier's "agent" alone is not a person asked for ("I've just heard back from my manager", "the only
    // thing on the label is a phone number"): the words must ask for one too (the same policy as readMessageAct).
    // "Todo eso ya lo hemos probado. Pásame con una persona del equipo": asked in words whatever the classifier heard.
    // "When are human agents available, in case I need one later?" asks about people, and an article answers it: the
    // dialog reads it as the question it is.
    const askedForPerson =
      ((recognition.intent === 'agent' &&
        recognition.confidence >= AGENT_INTERRUPT_CONFIDENCE &&
        words.has('askPerson', recognition.text) &&
        !(isQuestion(recognition.text, words) && readMessageAct(recognition, kb).kind === 'howto')) ||
        asksForPersonInWords(words, recognition.text)) &&
      requestedLanguage(recognition.text, kb) === undefined;
    // "Never mind the operator, I'll stay here": the person named in taking them back.
    const folded = messageWords(recognition.text);
    const backToBot =
      asksForBot(words, folded) ||
      words.find('withdrawPerson', folded).some((m) => words.has('personNoun', folded.slice(m.start, m.end)));
    if (shouldHandOff({ askedForPerson, backToBot }) === 'customer_request') {
      if (!innerDc.findDialog(DIALOG.handoff)) return undefined;
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(DIALOG.handoff, { reason: 'customer_request' });
    }
    return undefined;
  }
}

/**
 * A dialog whose question a message can answer unmistakably (an address after "deliver to"): such a message is
 * read by the dialog, not taken for a side question or a how-to.
 */
export interface AnswerAware {
  answersQuestion(context: TurnContext, instance: DialogInstance): boolean;
}

function isAnswerAware(dialog: unknown): dialog is AnswerAware {
  return typeof (dialog as Partial<AnswerAware> | undefined)?.answersQuestion === 'function';
}

/** A dialog that knows whether the question it waits on is a yes/no one ("does it work now?") or a choice. */
export interface YesNoAware {
  asksYesNo(instance: DialogInstance): boolean;
}

function isYesNoAware(dialog: unknown): dialog is YesNoAware {
  return typeof (dialog as Partial<YesNoAware> | undefined)?.asksYesNo === 'function';
}

/** A dialog of this id runs somewhere on the stack. */
function activeOnStack(innerDc: DialogContext, id: string): boolean {
  for (let dc: DialogContext | undefined = innerDc; dc?.activeDialog; dc = dc.child)
    if (dc.stack.some((instance) => instance.id === id)) return true;
  return false;
}

/** The question pending on the stack is a yes/no one; `unknown` when no dialog on it says. */
function pendingYesNo(innerDc: DialogContext, unknown = true): boolean {
  for (let dc: DialogContext | undefined = innerDc; dc?.activeDialog; dc = dc.child) {
    const dialog = dc.findDialog(dc.activeDialog.id);
    if (isYesNoAware(dialog)) return dialog.asksYesNo(dc.activeDialog);
  }
  return unknown;
}

/** Some dialog on the stack, from the outermost in, reads this message as the answer to its question. */
function answersWhatWasAsked(innerDc: DialogContext): boolean {
  for (let dc: DialogContext | undefined = innerDc; dc?.activeDialog; dc = dc.child) {
    const dialog = dc.findDialog(dc.activeDialog.id);
    if (isAnswerAware(dialog) && dialog.answersQuestion(dc.context, dc.activeDialog)) return true;
  }
  return false;
}

/** The buttons offered whenever the customer can start something new. */
export const CHOICE_KEYS = [
  'bot.choice.data',
  'bot.choice.sms',
  'bot.choice.voice',
  'bot.choice.csd',
  'bot.choice.case_status',
  'bot.choice.agent',
];
