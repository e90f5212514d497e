import type { TroubleshootOptions } from './troubleshootDialog.js';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type Dialog,
  type DialogState,
  type DialogStateManagerConfiguration,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { shouldHandOff } from '../bot/handoff/triggers.js';
import { planAnswer, planChoiceAnswer } from '../bot/knowledgeBase/planAnswer.js';
import { planQuestionOf, type PlanQuestion } from '../bot/nlu/planQuestion.js';
import { planNamedAlone } from '../bot/nlu/planNamedAlone.js';
import {
  actBesideMeta,
  CLEAR_MATCH,
  isQuestion,
  problemBeside,
  questionBeside,
  namesASim,
  readMessageAct,
  type MessageAct,
} from '../bot/nlu/messageAct.js';
import { OPEN_STATUSES } from '../bot/cases/caseSchema.js';
import type { CaseService } from '../bot/cases/caseService.js';
import { restBesideMeta } from '../bot/nlu/metaRequest.js';
import { clausesOf, reportedWords } from '../bot/nlu/reportedWords.js';
import { messageWords, type Vocabulary } from '../bot/nlu/words/vocabulary.js';
import type { WordList } from '../bot/nlu/words/wordLists.js';
import { withSimsInContext } from '../bot/nlu/simsInContext.js';
import { fleetFilterOf } from '../bot/connectivity/fleetFilter.js';
import {
  INTENTS,
  isProblemIntent,
  type Intent,
  type Recognition,
  type Recognizer,
} from '../bot/nlu/types.js';
import type { CloseCaseOptions } from './closeCaseDialog.js';
import type { FleetOptions } from './fleetDialog.js';
import { holdsRequest, type RequestOptions } from './requestDialog.js';
import { recognitionOf, setRecognition } from '../bot/turn/turnKeys.js';
import { DIALOG } from './dialogIds.js';
import { routeIntent } from './intentRoute.js';
import { incomingText, matchesLabel, type DialogKit } from './dialogKit.js';
import { CHOICE_KEYS, InterruptibleDialog } from './interruptibleDialog.js';

const ROUTE = DIALOG.route;
/** Where botbuilder-dialogs' DialogStateManager looks for (and caches) its configuration in a turn's state. */
const STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

/**
 * The message asks for a case and says nothing else ("Abre incidencia.", "please open a ticket for it"): no SIM, no
 * symptom, no other words than the ask and politeness.
 */
function onlyAsksForACase(recognition: Recognition, words: Vocabulary): boolean {
  const all = messageWords(recognition.text);
  const asks = words.find('openCase', all);
  if (asks.length === 0 || namesASim(recognition) || recognition.entities.modem.length > 0) return false;
  const covered = new Set<number>();
  for (const m of [...asks, ...words.find('politeness', all), ...words.find('thanks', all)])
    for (let k = m.start; k < m.end; k++) covered.add(k);
  return all.filter((_, k) => !covered.has(k)).length <= OTHER_WORDS_BESIDE_CASE_ASK;
}

/** "Please open a ticket for it": the words beside the ask that still say nothing new. */
const OTHER_WORDS_BESIDE_CASE_ASK = 2;

/** A message this short may be the second half of the one before it ("¿me cortan?", "every time it boots"). */
const FRAGMENT_WORDS = 6;

/** "And the ones abroad?", "¿y las que están en Alemania?": a follow-up to a fleet list is this short. */
const FOLLOW_UP_WORDS = 8;

/** "99,99", "0, 3": two numbers of a modem reading, not part of a longer number nor a measure ("2,5 GB", "1,5 h"). */
const BARE_READING =
  /(?<![\d.,:])(\d{1,3})\s*,\s*(\d{1,3})(?!\d|[.,]\d|\s*(?:%|[kmg]b\b|dbm\b|ms\b|min\b|h\b|s\b|€|eur\b))/i;

/** What the route step needs from the understand step. */
interface Understood {
  intent: Intent;
  recognition: Recognition;
}

/** What the last turn left for this one to read a short message by ({@link MainDialog}'s `act`). */
interface LastTurn {
  /** The request sent to the team in the last turn, if any. */
  requestSent?: string;
  /** The SIMs the last turn was about: a turn that only switches language keeps them for the next. */
  simsBefore?: string[];
  /** A follow-up to the fleet list of the last turn, read already (`fleetFollowUp`). */
  fleetFollowUp?: MessageAct;
  /** The question about a plan the last turn answered: "how much data does it allow?" asks it of that plan. */
  planBefore?: PlanQuestion;
  /** The article the last turn answered: "en castellano, por favor" next wants it again in that language. */
  articleBefore?: string;
}

/** The words of the sentences a fleet question, a request or a case question is made of (never a question beside). */
const FLEET_PARTS = [
  'fleetQuestion',
  'simStateQuestion',
  'ownSim',
  'askList',
] as const satisfies readonly WordList[];
const REQUEST_PARTS = [
  'order',
  'serviceRequest',
  'changeRequest',
  'informationRequest',
  'sendUs',
] as const satisfies readonly WordList[];
const CASE_PARTS = [
  'caseListQuestion',
  'waitQuestion',
  'reportedBefore',
] as const satisfies readonly WordList[];

/**
 * The root dialog: understands what the customer wants (asking a clarifying question when unsure)
 * and routes to troubleshooting, case status, a request, or a person.
 */
export class MainDialog extends InterruptibleDialog {
  /**
   * The dialog memory's scopes and path resolvers, as the SDK built them on the first turn. It builds them
   * again on every turn otherwise (a service collection of nine memory scopes and five path resolvers, with a
   * zod parse of the settings); they are the same objects each time — none keeps anything of a turn.
   */
  private memoryConfiguration: DialogStateManagerConfiguration | undefined;

  constructor(
    kit: DialogKit,
    private readonly recognizer: Recognizer,
    children: Dialog[],
    /** The conversation's case, to tell whether it is still open ("abre incidencia" when one is). */
    private readonly cases: Pick<CaseService, 'get'>,
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
    if (this.memoryConfiguration)
      context.turnState.set(STATE_MANAGER_CONFIGURATION, this.memoryConfiguration);
    const dc = await dialogSet.createContext(context);
    this.memoryConfiguration ??= dc.state.configuration;
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  /** Decide from the message alone when possible; small talk is answered here. */
  private async understandStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const profile = await this.kit.profileOf(context);
    const simsBefore = profile.simsInContext;
    const heard = this.withFragment(
      this.withReadingAsked(
        recognitionOf(context) ?? this.recognizer.recognize(incomingText(context)),
        profile.readingAsked,
      ),
      profile.fragment,
    );
    // "And the ones abroad?" right after a list of the fleet: the same question with another filter, not the SIMs listed.
    const fleetFollowUp = profile.fleetListed ? this.fleetFollowUp(heard) : undefined;
    const recognition = fleetFollowUp
      ? heard
      : withSimsInContext(heard, profile.simsInContext, this.kit.knowledge.current());
    profile.simsInContext = undefined;
    const planBefore = profile.planInContext;
    profile.planInContext = undefined;
    profile.fleetListed = undefined;
    profile.readingAsked = undefined;
    const articleBefore = profile.articleAnswered;
    profile.articleAnswered = undefined;
    profile.fragment = undefined;
    const requestSent = profile.requestSent;
    profile.requestSent = undefined;
    setRecognition(context, recognition);
    // The same side questions a running dialog answers in passing (InterruptibleDialog).
    if (await this.kit.answerSideQuestion(context)) return step.endDialog();
    const acted = await this.act(step, recognition, {
      requestSent,
      simsBefore,
      fleetFollowUp,
      planBefore,
      articleBefore,
    });
    if (acted) return acted;
    if (recognition.intent !== 'unclear' && recognition.intent !== 'other') {
      profile.misunderstandings = 0;
      return step.next({ intent: recognition.intent, recognition } satisfies Understood);
    }
    const smallTalkReply = await this.answerSmallTalk(context, recognition);
    if (
      !smallTalkReply &&
      recognition.intent === 'other' &&
      this.kit.vocabulary().has('thanks', recognition.text)
    ) {
      await this.kit.say(context, 'bot.thanks');
      return step.endDialog();
    }
    if (smallTalkReply) return step.endDialog();
    if (recognition.intent === 'other') {
      profile.misunderstandings = 0;
      profile.fragment = recognition.text;
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
    const profile = await this.kit.profileOf(context);
    const recognition = picked
      ? (recognitionOf(context) ?? this.recognizer.recognize(text))
      : this.withFragment(recognitionOf(context) ?? this.recognizer.recognize(text), profile.fragment);
    profile.fragment = undefined;
    // "pa mandar un msj desde el modem q comando le meto?" typed instead of picking: read as any first message is
    // (a question answered, a request prepared), not routed by its topic alone.
    if (!picked) {
      setRecognition(context, recognition);
      const acted = await this.act(step, recognition);
      if (acted) return acted;
    }
    const intent = picked ?? (recognition.intent === 'unclear' ? undefined : recognition.intent);
    if (!intent) return this.askToClarify(step, recognition);
    if (intent === 'other' && !picked) profile.fragment = recognition.text;
    profile.misunderstandings = 0;
    return step.next({ intent, recognition } satisfies Understood);
  }

  /** Hand the conversation to the dialog that owns the intent. */
  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { intent, recognition } = step.result as Understood;
    if (isProblemIntent(intent)) await this.answerBeside(step.context, recognition);
    return routeIntent(step, intent, recognition);
  }

  /**
   * "That's what I'm getting on the loader, 99,99" in the message right after an article asked for the modem's
   * answer (its `reading`, `command` here): the bare reading is that command's output, read as if pasted ("+CSQ:
   * 99,99").
   */
  private withReadingAsked(recognition: Recognition, command: string | undefined): Recognition {
    if (!command || recognition.entities.modem.length > 0) return recognition;
    const [, first, second] = BARE_READING.exec(recognition.text) ?? [];
    if (first === undefined || second === undefined) return recognition;
    return this.recognizer.recognize(
      `${recognition.text}\n+${command}: ${first},${second}`,
      recognition.lang,
    );
  }

  /**
   * "si me paso de los gigas del mes" (not understood) · "¿me cortan?": a short message the bot would not understand
   * either is read together with the one before it, as a person reads chat lines typed one after another — when
   * together they say something the bot acts on.
   */
  private withFragment(recognition: Recognition, fragment: string | undefined): Recognition {
    if (!fragment || recognition.smallTalk) return recognition;
    if (recognition.intent !== 'other' && recognition.intent !== 'unclear') return recognition;
    if (messageWords(recognition.text).length > FRAGMENT_WORDS) return recognition;
    const kb = this.kit.knowledge.current();
    if (readMessageAct(recognition, kb).kind !== 'route') return recognition;
    const joined = this.recognizer.recognize(`${fragment}\n${recognition.text}`, recognition.lang);
    const act = readMessageAct(joined, kb);
    const understood = act.kind === 'route' ? isProblemIntent(joined.intent) : act.kind !== 'nothing';
    return understood ? joined : recognition;
  }

  /**
   * A question of its own beside what the message is about is answered first ({@link questionBeside}): a sentence made
   * of none of `parts` (the act's own words), nor `alsoPart` of it.
   */
  private async answerBeside(
    context: TurnContext,
    recognition: Recognition,
    parts: readonly WordList[] = [],
    alsoPart: (sentence: string) => boolean = () => false,
  ): Promise<void> {
    const kb = this.kit.knowledge.current();
    const article = questionBeside(
      recognition,
      kb,
      (s) => alsoPart(s) || parts.some((list) => kb.vocabulary.has(list, s)),
    );
    if (!article) return;
    const lang = await this.kit.langOf(context);
    await this.kit.sayText(context, this.kit.articleText(context, article, lang));
  }

  /**
   * After an answer (an article, the plans): "Our SIM …092 has had no session for two days. Also, which APN should it
   * be on?", "The EV charger on SIM 0076 can't place its voice call, and which of your plans include voice anyway?" — the
   * problem told beside the question is checked; else what more the customer may need (`choices`: the topic's button).
   */
  private async afterAnswer(
    step: WaterfallStepContext,
    recognition: Recognition,
    choices: readonly string[] = [],
  ): Promise<DialogTurnResult> {
    const problem = problemBeside(recognition, this.kit.knowledge.current());
    if (problem) return routeIntent(step, problem, recognition);
    await this.kit.say(step.context, 'bot.article.more', undefined, [...choices, 'bot.choice.agent']);
    return step.endDialog();
  }

  /**
   * What the message asks beyond its topic (see {@link readMessageAct}): "back to the bot" when nobody has
   * them, closing a case, a how-to question, a question about their SIMs, a request, pasted modem output.
   * Undefined leaves the message to small talk and intent routing.
   */
  private async act(
    step: WaterfallStepContext,
    recognition: Recognition,
    before: LastTurn = {},
  ): Promise<DialogTurnResult | undefined> {
    const { requestSent, simsBefore, fleetFollowUp, planBefore, articleBefore } = before;
    const { context } = step;
    const kb = this.kit.knowledge.current();
    const profile = await this.kit.profileOf(context);
    // "Abre incidencia." after the checks, with the case still open: it is the case — no second one.
    const current = profile.caseId ? this.cases.get(profile.caseId) : undefined;
    if (current && OPEN_STATUSES.includes(current.status) && onlyAsksForACase(recognition, kb.vocabulary)) {
      await this.kit.say(context, 'bot.case.alreadyOpen', { caseId: current.id }, ['bot.choice.agent']);
      return step.endDialog();
    }
    // "Hold on, not yet. I need to check it with my manager first", right after the request went to the team: that
    // request is held — whatever the classifier hears in the reason ("not yet" is no fault still there), no case is
    // opened. A problem told, a SIM named or a question asked with it is read as any message.
    const sent = requestSent ? this.cases.get(requestSent) : undefined;
    if (
      sent &&
      OPEN_STATUSES.includes(sent.status) &&
      holdsRequest(kb, recognition.text) &&
      !/[?¿]/.test(recognition.text) &&
      nothingNew(recognition, kb.vocabulary)
    )
      return step.replaceDialog(DIALOG.request, {
        text: recognition.text,
        holdFor: sent.id,
      } satisfies RequestOptions);
    const act =
      fleetFollowUp ??
      this.followUpArticle(
        readMessageAct(recognition, kb, planBefore ? { plan: planBefore } : {}),
        recognition,
        profile.lastArticleId,
      );
    if (act.kind === 'howto') {
      profile.lastArticleId = act.article.id;
      profile.articleAnswered = act.article.id;
      profile.readingAsked = act.article.reading;
    }
    switch (act.kind) {
      case 'back_to_bot': {
        // "No person needed": checks that end unresolved leave the case with the bot (the handoff policy).
        profile.personDeclined = true;
        // "I don't need a person, just the bot. How do I check the registration?": what else it asks is the turn;
        // "the agent queue was taking forever" says nothing to act on.
        const besides = await this.besideMeta(step, recognition, { withoutPerson: true });
        if (besides) return besides;
        // A bare "back to the bot" with no case in the conversation declines nobody — nobody was offered: a problem
        // told next still goes to a person when the checks cannot solve it.
        if (profile.caseId === undefined && !kb.vocabulary.has('declinePerson', recognition.text))
          delete profile.personDeclined;
        // Nobody has them: they are with the bot already, and no case changes (its handoff reason neither).
        await this.kit.say(context, 'bot.backToBot.here', undefined, CHOICE_KEYS);
        return step.endDialog();
      }
      case 'switch_language': {
        // The turn already speaks the language asked for (SupportBot).
        await this.kit.say(context, 'bot.language.switched');
        const besides = await this.besideMeta(step, recognition);
        if (besides) return besides;
        // "Could you give us that in English?" after an answer: that answer again, in the language asked for — and so
        // is "en castellano, por favor" right after it (that answer is what they could not read).
        const last = profile.lastArticleId ? kb.articles.get(profile.lastArticleId) : undefined;
        if (last && (articleBefore === last.id || this.kit.vocabulary().has('repeatIn', recognition.text))) {
          const lang = await this.kit.langOf(context);
          await this.kit.sayText(context, this.kit.articleText(context, last, lang));
          return step.endDialog();
        }
        // "sim 0043" · "mejor en español" · "no tiene datos desde ayer": still about 0043.
        if (simsBefore) profile.simsInContext = simsBefore;
        await this.kit.say(context, 'bot.whatNow', undefined, CHOICE_KEYS);
        return step.endDialog();
      }
      case 'nothing':
        // "Thanks, that's all for now": thanked, not only nothing needed.
        await this.kit.say(
          context,
          this.kit.vocabulary().has('thanks', recognition.text) ? 'bot.thanks' : 'bot.nothingNeeded',
        );
        return step.endDialog();
      case 'scene':
        // Who is writing, and nothing yet to act on: ask what is happening rather than open a case about nothing.
        // A plan told ("40 new trackers arrive next week"): ask what it needs.
        await this.kit.say(context, act.plan ? 'bot.planTold' : 'bot.sceneSet');
        return step.endDialog();
      case 'close_case':
        return step.replaceDialog(DIALOG.closeCase, {
          caseIds: act.caseIds,
          ending: act.ending,
        } satisfies CloseCaseOptions);
      case 'howto': {
        const lang = await this.kit.langOf(context);
        // "What APN should the trackers use, and is anyone about over the bank holiday?": each question answered.
        const articles = [act.article, ...kb.articles.alsoAnswered(recognition.text, act.article.id)];
        for (const article of articles)
          await this.kit.sayText(context, this.kit.articleText(context, article, lang));
        const topic = act.article.topic === 'other' ? [] : [`bot.choice.${act.article.topic}`];
        return this.afterAnswer(step, recognition, topic);
      }
      case 'plan_question': {
        // "Does the IoT Nordic Data plan work in Germany or not?": what was asked first, then the whole plan — no case.
        const lang = await this.kit.langOf(context);
        await this.kit.sayText(
          context,
          planAnswer(kb, lang, act.question, this.kit.plansFor(context), act.article),
        );
        profile.planInContext = act.question;
        return this.afterAnswer(step, recognition);
      }
      case 'plan_choice': {
        // "Which of your plans support CSD?": the plans that fit, from plans.json — no case.
        const lang = await this.kit.langOf(context);
        await this.kit.sayText(
          context,
          planChoiceAnswer(kb, lang, act.choice, this.kit.plansFor(context), act.article),
        );
        return this.afterAnswer(step, recognition);
      }
      case 'fleet_question':
        // "Which of our SIMs hit the limit? And what happens exactly when one does?": that question answered first.
        // A sentence about a SIM named ("can the SIM ending 0068 send SMS?") is the fleet question's own.
        await this.answerBeside(context, recognition, FLEET_PARTS, (s) => /\d{2,}/.test(s));
        return step.replaceDialog(DIALOG.fleet, {
          ...(act.filter ? { filter: act.filter } : {}),
          ...(act.also ? { also: act.also } : {}),
          ...(act.refs ? { refs: act.refs } : {}),
          ...(act.service ? { service: act.service } : {}),
          ...(act.own ? { own: act.own } : {}),
          ...(act.change ? { change: recognition.text } : {}),
          ...(act.order ? { order: recognition.text } : {}),
        } satisfies FleetOptions);
      case 'request':
        // "Perfect, thanks — a spreadsheet would be ideal" right after the request went: about it, not a new one.
        if (requestSent && act.type === 'information_request' && tellsMore(recognition, kb.vocabulary))
          return this.addToRequest(step, recognition, requestSent);
        // "¿Podéis revisar la factura? Y otra cosa, ¿en qué países pueden hacer roaming?": that question answered first.
        await this.answerBeside(context, recognition, REQUEST_PARTS);
        return step.replaceDialog(DIALOG.request, {
          type: act.type,
          text: recognition.text,
          entities: recognition.entities,
          ...(planBefore ? { planInContext: planBefore.plan } : {}),
        } satisfies RequestOptions);
      case 'ask_team':
        // A question no article answers, about nothing to check: the offer to pass it to the team.
        return step.replaceDialog(DIALOG.request, {
          text: recognition.text,
          entities: recognition.entities,
          unanswered: true,
        } satisfies RequestOptions);
      case 'problem':
        await this.answerBeside(context, recognition);
        return routeIntent(step, act.intent, recognition);
      case 'case_asked':
        // "¿Qué casos tengo abiertos? Y ya que estamos, ¿a qué hora abre soporte?": that question answered first.
        await this.answerBeside(context, recognition, CASE_PARTS);
        return routeIntent(step, 'case_status', recognition);
      case 'person':
        // A problem told with it opens its incident first (an urgent VIP report gets its priority), then the person.
        if (act.problem)
          return step.replaceDialog(DIALOG.troubleshoot, {
            intent: act.problem,
            entities: recognition.entities,
            text: recognition.text,
            personAsked: true,
          } satisfies TroubleshootOptions);
        return routeIntent(step, 'agent', recognition);
      case 'route':
        // "It's for all our active SIMs, not just one", right after the request went to the team: more about it.
        if (requestSent && tellsMore(recognition, kb.vocabulary))
          return this.addToRequest(step, recognition, requestSent);
        return undefined;
    }
  }

  /** More about the request sent last turn: it goes on that request ({@link RequestOptions.detailFor}). */
  private addToRequest(
    step: WaterfallStepContext,
    recognition: Recognition,
    requestSent: string,
  ): Promise<DialogTurnResult> {
    return step.replaceDialog(DIALOG.request, {
      text: recognition.text,
      detailFor: requestSent,
    } satisfies RequestOptions);
  }

  /**
   * The message beside "back to the bot" or "in Spanish, please" ({@link restBesideMeta}), read as the turn's
   * message: its question answered, its problem troubleshot. Undefined when there is nothing beside it, or it
   * is nothing the bot acts on.
   */
  private async besideMeta(
    step: WaterfallStepContext,
    recognition: Recognition,
    options: { withoutPerson?: boolean } = {},
  ): Promise<DialogTurnResult | undefined> {
    const { context } = step;
    const kb = this.kit.knowledge.current();
    const rest = restBesideMeta(recognition.text, kb, options);
    if (!rest) return undefined;
    const restRecognition = this.recognizer.recognize(rest, await this.kit.langOf(context));
    const act = actBesideMeta(restRecognition, kb);
    if (!act) return undefined;
    setRecognition(context, restRecognition);
    const { intent } = restRecognition;
    if (act.kind === 'route' && isProblemIntent(intent)) return routeIntent(step, intent, restRecognition);
    return this.act(step, restRecognition);
  }

  /**
   * "¿Y cómo lo configuro en el módem?" right after the APN article: a question for the team only because it does
   * not repeat the topic's words is read again with the last article's keywords — another article that answers it
   * is the answer (the same one again is not: the offer to ask the team stands).
   */
  /**
   * "And the ones abroad?", "¿Y desactivadas?" after a list of the fleet: a short question (or one opened by "and")
   * that names no SIM and no problem, only a filter, asks for the fleet again with that filter.
   */
  private fleetFollowUp(recognition: Recognition): MessageAct | undefined {
    const kb = this.kit.knowledge.current();
    const words = kb.vocabulary;
    const { text, entities } = recognition;
    const folded = messageWords(text);
    if (folded.length > FOLLOW_UP_WORDS || namesASim(recognition)) return undefined;
    if (!/[?¿]/.test(text) && words.leading('connective', folded) === undefined) return undefined;
    const act = readMessageAct(recognition, kb);
    // "Pregunta 2: ¿Y en IoT Data SMS?" after the SIMs on IoT Data Only: a question no article answers, with a filter,
    // opened by "and" ("¿Las desactivadas tienen algún coste?" asks about them, not for them).
    const andThen =
      act.kind === 'ask_team' &&
      clausesOf(text).some((clause) => words.leading('connective', clause) !== undefined);
    if (act.kind !== 'route' && act.kind !== 'howto' && act.kind !== 'fleet_question' && !andThen)
      return undefined;
    if (act.kind === 'fleet_question' && (act.refs || act.change || act.own)) return undefined;
    if (words.has('symptom', reportedWords(text, words))) return undefined;
    const filter = fleetFilterOf(text, entities, words, {
      countries: kb.entityWords.countries,
      plans: kb.plans.list(),
    });
    return filter ? { kind: 'fleet_question', filter } : undefined;
  }

  private followUpArticle(act: MessageAct, recognition: Recognition, lastArticleId?: string): MessageAct {
    const kb = this.kit.knowledge.current();
    const last = lastArticleId ? kb.articles.get(lastArticleId) : undefined;
    // "IoT Connect EU" right after the APN article ("Not sure which plan a SIM is on?…"): the plan named alone asks
    // that answer for its plan (an article told per plan, told again for it) — a plan's name reports no fault.
    const alone =
      last && (act.kind === 'route' || act.kind === 'ask_team')
        ? planNamedAlone(recognition, kb.vocabulary, kb.plans.list())
        : undefined;
    if (last && alone) {
      const perPlan = Object.values(last.answer).some((answer) => answer.includes('{plans.'));
      return {
        kind: 'plan_question',
        question: planQuestionOf(recognition, kb, alone),
        ...(perPlan ? { article: last } : {}),
      };
    }
    // "And how do I set it with an AT command?" (the topic only in "it"): a question the classifier placed nowhere.
    // "¿Y con qué comando AT lo cambio? Mi compañero solo habla español": the classifier's "agent" with no person
    // asked for in words is placed nowhere too (the handoff policy's reading of "agent").
    const words = this.kit.vocabulary();
    const placedNowhere =
      act.kind === 'route' &&
      (recognition.intent === 'other' ||
        recognition.intent === 'unclear' ||
        (recognition.intent === 'agent' && !words.has('askPerson', recognition.text))) &&
      (isQuestion(recognition.text, words) || asksAfterArticle(recognition, words));
    // "¿Y cómo se cambia eso en el equipo? El instalador es de Sevilla" after the APN article: a weak match on a place
    // named is no answer when "eso" is the article before.
    // A match that only the place named makes (read as a question about going abroad) is as weak.
    const placeOnly =
      act.kind === 'howto' && kb.articles.match(recognition.text)?.article.id !== act.article.id;
    const weak = act.kind === 'howto' && (act.score < CLEAR_MATCH || placeOnly);
    if ((act.kind !== 'ask_team' && !placedNowhere && !weak) || !last) return act;
    const topic = Object.values(last.keywords).flat().join(' ');
    const match = kb.articles.match(`${recognition.text} ${topic}`, undefined, lastArticleId);
    // A match only the place makes gives way to the follow-up, however it scores; a merely low one to a better one.
    if (!match || (weak && !placeOnly && act.kind === 'howto' && match.score <= act.score)) return act;
    return { kind: 'howto', article: match.article, score: match.score };
  }

  private async askToClarify(
    step: WaterfallStepContext,
    recognition: Recognition,
  ): Promise<DialogTurnResult> {
    const profile = await this.kit.profileOf(step.context);
    profile.misunderstandings += 1;
    if (shouldHandOff({ failedUnderstandings: profile.misunderstandings }) === 'not_understood') {
      profile.misunderstandings = 0;
      return step.replaceDialog(DIALOG.handoff, { reason: 'not_understood' });
    }
    profile.fragment = recognition.text;
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

/** Words that acknowledge rather than tell ("thanks", "ok", "great, thanks a lot"). */
const ACKNOWLEDGING = ['thanks', 'politeness', 'yes', 'greeting'] as const;
/** Words beyond acknowledgements a message needs to tell something ("a spreadsheet would be ideal"). */
const TELLING_WORDS = 3;
/** "por AT", "with AT commands?": right after an article, a fragment this short asks more of it. */
const ARTICLE_FRAGMENT_WORDS = 3;

/**
 * A fragment of a few words that is more than an acknowledgement ("por AT" after the APN article — not "ok gracias")
 * and tells nothing new: the customer's next question on the article's topic, typed without its question.
 */
function asksAfterArticle(recognition: Recognition, words: Vocabulary): boolean {
  const folded = messageWords(recognition.text);
  const acknowledged = ACKNOWLEDGING.flatMap((list) => words.find(list, folded)).reduce(
    (n, m) => n + m.end - m.start,
    0,
  );
  return (
    folded.length <= ARTICLE_FRAGMENT_WORDS &&
    folded.length > acknowledged &&
    words.answer(recognition.text) === undefined &&
    nothingNew(recognition, words)
  );
}

/**
 * A message that only tells more — no problem (outside a case imagined), no modem output, no question, no SIM, and
 * more than thanks or "ok" — is more about what the customer just asked for.
 */
function tellsMore(recognition: Recognition, words: Vocabulary): boolean {
  const folded = messageWords(recognition.text);
  const acknowledged = new Set(
    ACKNOWLEDGING.flatMap((list) =>
      words.find(list, folded).flatMap((m) => folded.slice(m.start, m.end).map((_, k) => m.start + k)),
    ),
  );
  return (
    folded.length - acknowledged.size >= TELLING_WORDS &&
    nothingNew(recognition, words) &&
    !words.has('stillBroken', recognition.text) &&
    !isQuestion(recognition.text, words)
  );
}

/** No problem told (outside a case imagined), no modem output, no SIM named: nothing for a case of its own. */
function nothingNew(recognition: Recognition, words: Vocabulary): boolean {
  return (
    !words.has('symptom', reportedWords(recognition.text, words)) &&
    recognition.entities.modem.length === 0 &&
    !namesASim(recognition)
  );
}
