import { readTypedRating } from './followUp/typedRating.js';
import { ownText } from './nlu/ownText.js';
import {
  TeamsActivityHandler,
  type BotState,
  type ChannelAccount,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import type { ContactLog } from './api/contactLog.js';
import type { CaseService } from './cases/caseService.js';
import type { Directory } from './directory/directory.js';
import { organisationNameIn } from './directory/schemas.js';
import type { Identity } from './directory/identity.js';
import type { Lang } from './domain/language.js';
import { requestedLanguage } from './nlu/languageRequest.js';
import { actBesideMeta, isQuestion, namesASim, readMessageAct, type MessageAct } from './nlu/messageAct.js';
import type { Vocabulary } from './nlu/words/vocabulary.js';
import { restBesideMeta } from './nlu/metaRequest.js';
import { withSimsInContext } from './nlu/simsInContext.js';
import type { FollowUpService } from './followUp/followUpService.js';
import type { AgentDesk } from './handoff/agentDesk.js';
import type { ContactCentreHandoff } from './handoff/contactCentre.js';
import type { IncidentConversation } from './incidents/incidentConversation.js';
import type { KnownConversations } from './turn/knownConversations.js';
import { isProblemIntent, type Recognition, type Recognizer } from './nlu/types.js';
import type { Case } from './cases/caseSchema.js';
import type { ConversationProfile } from './turn/conversationProfile.js';
import { identityOf, recognitionOf, setIdentity, setRecognition } from './turn/turnKeys.js';
import type { DialogKit } from '../dialogs/dialogKit.js';
import { CHOICE_KEYS } from '../dialogs/interruptibleDialog.js';
import type { MainDialog } from '../dialogs/mainDialog.js';

/** Everything the bot delegates to; built in bot/index.ts. */
export interface SupportBotDeps {
  conversationState: BotState;
  userState: BotState;
  dialogState: StatePropertyAccessor<DialogState>;
  mainDialog: MainDialog;
  kit: DialogKit;
  directory: Directory;
  recognizer: Recognizer;
  cases: CaseService;
  desk: AgentDesk;
  followUps: FollowUpService;
  contactCentre?: ContactCentreHandoff;
  contacts: ContactLog;
  /** Where customers' conversation references are kept for incident notices. */
  knownConversations: KnownConversations;
  /** Outage questions and the check-in after an incident's fix. */
  incidents: IncidentConversation;
  logger: Logger;
}

/** Longer messages (whole log files) get a request to send the relevant part instead. */
const MAX_MESSAGE_LENGTH = 4000;

/**
 * Firstline's activity handler (a TeamsActivityHandler, so Teams works too). It decides who is
 * speaking — agent, customer with a case at the desk, or customer talking to the bot — and hands
 * the turn to the desk or the dialogs. State is saved once at the end of every turn.
 */
/** Acts on the rest of a "back to the bot" message that stand on their own, beside the problem told before. */
const CONCRETE_ACTS: ReadonlySet<string> = new Set(['howto', 'fleet_question', 'request', 'close_case']);

export class SupportBot extends TeamsActivityHandler {
  constructor(private readonly deps: SupportBotDeps) {
    super();
    this.onMembersAdded(async (context, next) => {
      await this.welcome(context, context.activity.membersAdded ?? []);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      // handoff.status comes from the contact-centre hub, never from a customer or agent we know.
      if (this.deps.contactCentre && identityOf(context).kind === 'anonymous') {
        await this.deps.contactCentre.handleStatus(context);
      } else if (context.activity.name?.startsWith('handoff.')) {
        this.deps.logger.warn(
          { conversationId: context.activity.conversation.id },
          'handoff event from a user ignored',
        );
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const { from, channelId } = context.activity;
    // Only Teams vouches for aadObjectId (it comes from the signed-in account); elsewhere a client could send any.
    setIdentity(
      context,
      this.deps.directory.identify({
        id: from?.id ?? '',
        ...(channelId === 'msteams' && from?.aadObjectId ? { aadObjectId: from.aadObjectId } : {}),
      }),
    );
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
    await this.deps.userState.saveChanges(context, false);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const identity = identityOf(context);
    const profile = await this.deps.kit.profileOf(context);
    const text = context.activity.text?.trim() ?? '';
    if (text.length > MAX_MESSAGE_LENGTH) {
      await this.deps.kit.say(context, 'bot.tooLong', { length: text.length, limit: MAX_MESSAGE_LENGTH });
      return;
    }
    // Every reply of the turn in one language: the customer's latest clear one, else the conversation's
    // (on a first message without a greeting, the channel's locale). "ok", "0043", an ICCID, a plan name or
    // pasted modem output show no language and keep the conversation's.
    // "Can we continue in Spanish?" asks for a language whatever the language it is written in.
    const kb = this.deps.kit.knowledge.current();
    // Identified once: the recogniser reads the message in the same language without identifying it again.
    // A forwarded e-mail's quoted lines and disclaimer are not the customer's language (ownText).
    // A delivery address's names ("Dronning Eufemias gate 16, 0191 Oslo") are no language either.
    const own = ownText(text);
    const spoken = kb.orderDetails.withoutAddress(own);
    const identified = { lang: kb.languages.identify(spoken) };
    // A mixed message ("The tracker connects but no data passes. ¿Puedes revisar qué pasa?") switches nothing: the
    // customer still writes in the language they set out in, and a first one keeps the channel's locale.
    const switched = kb.languages.switchedTo(spoken);
    const evidenced = requestedLanguage(text, kb) ?? (profile.langPinned ? undefined : switched);
    if (evidenced) profile.lang = evidenced;
    else if (!profile.langKnown)
      profile.lang = kb.spoken.fromLocale(context.activity.locale) ?? identified.lang ?? profile.lang;
    profile.langKnown = true;
    const recognition = this.recognizeNote(text, own, profile.lang, identified);
    setRecognition(context, recognition);
    await this.logContact(context, identity, profile);
    if (identity.kind === 'customer')
      await this.deps.knownConversations.remember(
        context,
        identity.organisation.id,
        identity.user.id,
        profile.lang,
      );

    if (identity.kind === 'agent') {
      await this.deps.desk.handleAgentTurn(
        {
          id: identity.user.id,
          name: identity.user.name,
          lang: kb.spoken.fromLocale(identity.user.locale) ?? profile.lang,
        },
        context,
      );
      return;
    }
    const organisationId = identity.kind === 'customer' ? identity.organisation.id : 'unidentified';
    // The case follows the customer's language, so what the desk and follow-ups say about it does too.
    if (evidenced) await this.keepCasesInLanguage(context, profile);
    if (await this.deps.followUps.handleAction(context, organisationId, profile.lang)) return;
    if (await this.deps.incidents.handleCheckIn(context, identity, profile.lang)) return;
    const handedOff = this.deps.desk.handedOffCase(context.activity.conversation.id);
    if (handedOff) {
      const outcome = await this.deps.desk.handleCustomerTurnWhileHandedOff(handedOff, context);
      if (outcome === 'relayed' || outcome === 'queued_note') return;
      if (outcome === 'back_to_bot' || outcome === 'withdrawn') {
        profile.personDeclined = true;
        // The withdrawn case is gone: nothing may say it is kept or write to it.
        if (outcome === 'withdrawn' && profile.caseId === handedOff.id) delete profile.caseId;
        // "forget the agent. what is wrong with it?": what the checks already found on the case answers it.
        if (outcome === 'back_to_bot' && this.asksWhatWasFound(text, handedOff, profile.lang)) {
          const findings = handedOff.findings.filter((f) => f.code !== 'HEALTHY').map((f) => `• ${f.text}`);
          await this.deps.kit.say(context, 'bot.backToBot.found', {
            caseId: handedOff.id,
            findings: findings.join('\n'),
          });
          return;
        }
        const resumed = this.afterBackToBot(text, handedOff, profile.lang);
        if (!resumed) {
          await this.deps.kit.say(context, 'bot.whatNow', undefined, CHOICE_KEYS);
          return;
        }
        setRecognition(context, resumed);
      }
    }
    if (await this.answerPendingRating(context, profile, text)) return;
    if (await this.answerPendingFollowUp(context, profile, text)) return;
    if (await this.reopenWhenBack(context, profile, text)) return;
    await this.deps.mainDialog.runDialog(context, this.deps.dialogState);
    if (profile.caseId && text)
      await this.recordTranscript(profile.caseId, text, recognitionOf(context)?.text);
  }

  /**
   * A note above a forwarded e-mail ("os reenvío la respuesta del fabricante… el teléfono de la 0076 no consigue hacer
   * llamadas") says what the customer wants; the e-mail below may tell them what to ask of their operator ("Please
   * check with your mobile operator that voice is enabled"). A problem the note reports wins over a request the whole
   * reads as; the SIMs and modem output named anywhere in the message still count.
   */
  private recognizeNote(
    text: string,
    own: string,
    lang: Lang,
    identified: { lang: Lang | undefined },
  ): Recognition {
    const whole = this.deps.recognizer.recognize(text, lang, identified);
    if (!own || own === text) return whole;
    const kb = this.deps.kit.knowledge.current();
    if (readMessageAct(whole, kb).kind !== 'request') return whole;
    const note = this.deps.recognizer.recognize(own, lang, identified);
    const act = readMessageAct(note, kb).kind;
    const reports = act === 'problem' || (act === 'route' && isProblemIntent(note.intent));
    return reports ? { ...note, entities: whole.entities } : whole;
  }

  /**
   * What the bot goes on with once the customer took their case back from the queue: what else the message says
   * ("scrap that, back to the bot — here's the SIM: …"), else the problem they told before asking for a person
   * ("modem on 0043 is offline — can I talk to a real person?": the checks of 0043); undefined when there is neither.
   */
  private afterBackToBot(text: string, c: Case, lang: Lang): Recognition | undefined {
    const kb = this.deps.kit.knowledge.current();
    // "Oh go on then, forget the human, I'll try you first. A driver says…": the clauses about the person left too.
    const rest = restBesideMeta(text, kb, { withoutPerson: true });
    const restRecognition = rest ? this.deps.recognizer.recognize(rest, lang) : undefined;
    const restAct = restRecognition ? actBesideMeta(restRecognition, kb) : undefined;
    // Only a problem not checked yet: one checked before the customer asked for a person is not walked again.
    // Whatever category the person request gave the case: "is about a sim that dont work" told a problem.
    const told =
      c.summary && c.findings.length === 0
        ? restBesideMeta(c.summary, kb, { withoutPerson: true })
        : undefined;
    const problem = told ? this.deps.recognizer.recognize(told, lang) : undefined;
    const problemAct = problem ? actBesideMeta(problem, kb) : undefined;
    // "Olvidadlo, seguimos con el bot. ¿Qué le pasa a esa tarjeta?", "I won't wait": the problem told before,
    // unless the rest asks something else the bot answers or names a SIM or pastes the modem's output.
    const e = restRecognition?.entities;
    const concrete =
      restAct !== undefined &&
      (CONCRETE_ACTS.has(restAct.kind) ||
        (e !== undefined && e.iccids.length + e.msisdns.length + e.lastDigits.length + e.modem.length > 0));
    // "Forget it, I continue here with you. The sim is 8946…035" after "a sim that doesn't work": the problem told
    // before, on the SIM named now.
    if (restRecognition && problem && problemAct && onlyNamesSims(restRecognition, restAct, kb.vocabulary))
      return {
        ...problem,
        entities: {
          ...problem.entities,
          iccids: [...problem.entities.iccids, ...restRecognition.entities.iccids],
          msisdns: [...problem.entities.msisdns, ...restRecognition.entities.msisdns],
          lastDigits: [...problem.entities.lastDigits, ...restRecognition.entities.lastDigits],
        },
      };
    // "Bueno, da igual, sigo contigo. ¿Qué le pasa a la SIM?": the SIMs given while the case waited are the ones meant.
    // (Not when a problem was told before: "…la SIM 068 no manda SMS" · "déjalo, dime tú qué le pasa" walks that one.)
    // Only a problem to check: "just tell me which plan would cover Germany" is answered as asked.
    const onCaseSims =
      restRecognition && !problemAct && c.sims.length > 0
        ? withSimsInContext(restRecognition, c.sims, kb)
        : undefined;
    if (onCaseSims && onCaseSims !== restRecognition && readMessageAct(onCaseSims, kb).kind === 'problem')
      return onCaseSims;
    if (restRecognition && concrete) return restRecognition;
    if (problemAct) return problem;
    return restAct ? restRecognition : undefined;
  }

  /**
   * Back with the bot, the customer asks about the case the checks already ran on ("what is wrong with it?", "how is
   * my case going?") and names no other SIM and no new fault: what they found is the answer.
   */
  private asksWhatWasFound(text: string, c: Case, lang: Lang): boolean {
    // Only a case the checks ran on (its problem's category): SIMs only looked up while it waited are checked now.
    if (c.category === 'other' || !c.findings.some((f) => f.code !== 'HEALTHY')) return false;
    const kb = this.deps.kit.knowledge.current();
    const rest = restBesideMeta(text, kb, { withoutPerson: true });
    if (!rest) return false;
    const recognition = this.deps.recognizer.recognize(rest, lang);
    if (namesASim(recognition) || recognition.entities.modem.length > 0) return false;
    const words = kb.vocabulary;
    const act = readMessageAct(recognition, kb);
    return (
      act.kind === 'case_asked' ||
      (isQuestion(rest, words) &&
        !words.has('symptom', rest) &&
        (act.kind === 'problem' || act.kind === 'route' || act.kind === 'ask_team'))
    );
  }

  /** "Les pongo un 2 sobre 5", "4/5" typed instead of tapping the rating card of this conversation's case. */
  private async answerPendingRating(
    context: TurnContext,
    profile: ConversationProfile,
    text: string,
  ): Promise<boolean> {
    if (!profile.caseId) return false;
    const rating = readTypedRating(this.deps.kit.vocabulary(), text);
    if (rating === undefined || !(await this.dialogIdle(context))) return false;
    const c = this.deps.cases.get(profile.caseId);
    if (!c || c.conversation?.conversation?.id !== context.activity.conversation.id) return false;
    return this.deps.followUps.rateTyped(context, c, rating);
  }

  /**
   * "yes, check back" / "no, it broke again" typed instead of pressing the follow-up card's buttons:
   * answered for this conversation's resolved case when no dialog is waiting for an answer.
   */
  private async answerPendingFollowUp(
    context: TurnContext,
    profile: ConversationProfile,
    text: string,
  ): Promise<boolean> {
    const yes = this.deps.kit.vocabulary().yesNo(text);
    if (yes === undefined || !profile.caseId) return false;
    if (!(await this.dialogIdle(context))) return false;
    const c = this.deps.cases.get(profile.caseId);
    if (!c || c.conversation?.conversation?.id !== context.activity.conversation.id) return false;
    // "no data since this morning" answers "is everything still working?", not the offer to check back.
    const short = text.split(/\s+/).length <= 4;
    return this.deps.followUps.handleTypedAnswer(context, c, yes, { checkInOnly: !short });
  }

  /**
   * "Sorry, spoke too soon - it dropped off again": the problem of this conversation's case, which the customer said
   * works again, is back. The checks already ran on it, so it is reopened at its priority and put in front of a
   * person, as a "no" to the check-in would; a second case would split its history. Another SIM named is another
   * problem, left to the dialogs.
   */
  private async reopenWhenBack(
    context: TurnContext,
    profile: ConversationProfile,
    text: string,
  ): Promise<boolean> {
    if (!profile.caseId) return false;
    const words = this.deps.kit.vocabulary();
    if (!words.has('problemBack', text) || words.has('worksNow', text)) return false;
    const c = this.deps.cases.get(profile.caseId);
    if (c?.status !== 'resolved' || c.conversation?.conversation?.id !== context.activity.conversation.id)
      return false;
    const recognition = recognitionOf(context);
    if (recognition && namesASim(recognition) && !namesOnly(recognition, c.sims)) return false;
    if (!(await this.dialogIdle(context))) return false;
    await this.deps.followUps.reopen(c, context, profile.lang);
    return true;
  }

  /**
   * The conversation switched language: its case — and the one with the desk, if any — now speaks it, so the
   * queue line, agent relays and follow-ups come in the language the customer writes in.
   */
  private async keepCasesInLanguage(context: TurnContext, profile: ConversationProfile): Promise<void> {
    const ids = new Set<string>();
    if (profile.caseId) ids.add(profile.caseId);
    const handedOff = this.deps.desk.handedOffCase(context.activity.conversation.id);
    if (handedOff) ids.add(handedOff.id);
    for (const id of ids) {
      const c = this.deps.cases.get(id);
      if (c && c.lang !== profile.lang && c.status !== 'closed')
        await this.deps.cases.setLanguage(id, profile.lang);
    }
  }

  /** No dialog is waiting for an answer (a question to the bot is not an answer to one of its questions). */
  private async dialogIdle(context: TurnContext): Promise<boolean> {
    const stack = (await this.deps.dialogState.get(context))?.dialogStack ?? [];
    return stack.length === 0;
  }

  /** Greet each new member (not the bot) in their language, naming their organisation when known. */
  private async welcome(context: TurnContext, members: ChannelAccount[]): Promise<void> {
    const botId = context.activity.recipient?.id;
    for (const member of members) {
      if (member.id === botId) continue;
      const identity = this.deps.directory.identify({
        id: member.id,
        ...(context.activity.channelId === 'msteams' && member.aadObjectId
          ? { aadObjectId: member.aadObjectId }
          : {}),
      });
      const profile = await this.deps.kit.profileOf(context);
      profile.lang = this.languageFor(context, identity);
      profile.langKnown = true;
      const kb = this.deps.kit.knowledge.current();
      if (identity.kind === 'agent') {
        await this.deps.kit.say(context, 'bot.welcome.agent', { name: identity.user.name });
      } else if (identity.kind === 'customer') {
        await this.deps.kit.say(
          context,
          'bot.welcome.customer',
          {
            name: identity.user.name.split(' ')[0] ?? identity.user.name,
            organisation: organisationNameIn(identity.organisation, profile.lang),
          },
          CHOICE_KEYS,
        );
      } else {
        await this.deps.kit.say(context, 'bot.welcome.anonymous', undefined, CHOICE_KEYS);
      }
      this.deps.logger.debug({ version: kb.version, kind: identity.kind }, 'welcomed member');
    }
  }

  /** The channel's locale first (the browser's or Teams' language), then the directory's. */
  private languageFor(context: TurnContext, identity: Identity): Lang {
    const spoken = this.deps.kit.knowledge.current().spoken;
    const fromChannel = spoken.fromLocale(context.activity.locale);
    if (fromChannel) return fromChannel;
    const fromDirectory = identity.kind === 'anonymous' ? undefined : spoken.fromLocale(identity.user.locale);
    return fromDirectory ?? spoken.fallback;
  }

  private async logContact(
    context: TurnContext,
    identity: Identity,
    profile: ConversationProfile,
  ): Promise<void> {
    if (profile.contactLogged || identity.kind === 'agent') return;
    await this.deps.contacts.recordContact({
      channelId: context.activity.channelId,
      conversationId: context.activity.conversation.id,
      ...(identity.kind === 'customer' ? { organisationId: identity.organisation.id } : {}),
      userId: identity.kind === 'anonymous' ? identity.userId : identity.user.id,
    });
    profile.contactLogged = true;
  }

  /** Keep the customer's words on the case, so an agent never asks them to repeat themselves. */
  private async recordTranscript(caseId: string, text: string, read?: string): Promise<void> {
    const current = this.deps.cases.get(caseId);
    // Once: a dialog put the message on the case this turn, as typed or as read ("pls" written out as "please").
    const last = current?.transcript.at(-1)?.text;
    if (!current || last === text || (read !== undefined && last === read)) return;
    await this.deps.cases.appendTranscript(caseId, [{ from: 'customer', text }]);
  }
}

/** The rest of a message names SIMs and tells or asks nothing else ("The sim is 8946…035"). */
function onlyNamesSims(recognition: Recognition, act: MessageAct | undefined, words: Vocabulary): boolean {
  // "La SIM acaba en 0100": a SIM named and nothing asked about it (asked, "¿está activa la 0100?" is answered).
  const bare =
    act?.kind === 'fleet_question' && act.refs !== undefined && !isQuestion(recognition.text, words);
  return (
    namesASim(recognition) &&
    recognition.entities.modem.length === 0 &&
    (act === undefined || act.kind === 'route' || bare) &&
    !isProblemIntent(recognition.intent)
  );
}

/** Every SIM the message names is one of `sims` (an ICCID of them, or the last digits of one). */
function namesOnly(recognition: Recognition, sims: readonly string[]): boolean {
  const { iccids, lastDigits, msisdns, imsis } = recognition.entities;
  return (
    msisdns.length === 0 &&
    imsis.length === 0 &&
    iccids.every((i) => sims.includes(i.value)) &&
    lastDigits.every((digits) => sims.some((sim) => sim.endsWith(digits)))
  );
}
