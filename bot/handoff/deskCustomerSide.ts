import { TurnContext } from 'botbuilder';
import type { Case, StoredReference } from '../cases/caseSchema.js';
import type { CaseOrganisation, CaseService } from '../cases/caseService.js';
import type { TextFn } from '../cases/texts.js';
import { tappedBackToBot } from './agentCommands.js';
import { countNotice, readBareCount, readCountUpdate, readFirstCount } from '../cases/affectedCorrection.js';
import { holdsNothing } from '../cases/emptyCase.js';
import { readCustomerEnding } from '../cases/customerEnding.js';
import { asksHowTo, isQuestion, namesASim } from '../nlu/messageAct.js';
import type { ArticleFile } from '../knowledgeBase/schemas/articleSchema.js';
import { reportedWords } from '../nlu/reportedWords.js';
import { wantsBackToBotWords, withdrawsPersonRequest } from '../nlu/words/deskWords.js';
import type { Vocabulary } from '../nlu/words/vocabulary.js';
import type { CaseLog } from './caseLog.js';
import type { DeskAgentState } from './deskAgentState.js';
import type { DeskOffers } from './deskOffers.js';
import type { DeskQueue } from './deskQueue.js';
import type { DeskRelay } from './deskRelay.js';
import { recognitionOf } from '../turn/turnKeys.js';
import { textActivity } from './messenger.js';
import { quoteCustomerText } from './relayText.js';
import type { HandoffReason } from './triggers.js';
import type { SimIdentification, SimReferences } from '../connectivity/simLookup.js';
import { maskIccid } from '../connectivity/iccid.js';
import { findingSentence, toCaseFindings } from '../connectivity/findingText.js';
import type { Finding } from '../domain/findings.js';
import type { Entities, Recognition } from '../nlu/types.js';
import type { Lang } from '../domain/language.js';

/** "Priority P1: a person responds within 1 hour, day and night." */
function responseTarget(c: Case, lang: Parameters<TextFn>[0], text: TextFn): string {
  const response = text(lang, `cases.response.${c.priority.level}`);
  return text(lang, 'desk.customer.target', { priority: c.priority.level, response });
}

/** What happened to a customer's message while their case is handed off. */
/**
 * `to_bot`: the case left the queue and the bot handles this very message ("please close the case" while
 * nobody has picked it up yet).
 */
/**
 * `withdrawn`: back with the bot, and the case — opened only for the person asked for, with nothing told — is gone.
 */
export type CustomerTurnOutcome = 'relayed' | 'queued_note' | 'back_to_bot' | 'withdrawn' | 'to_bot';

/** Dependencies of a {@link DeskCustomerSide}. */
export interface DeskCustomerSideOptions {
  cases: CaseService;
  queue: DeskQueue;
  relay: DeskRelay;
  agentState: DeskAgentState;
  offers: DeskOffers;
  text: TextFn;
  now: () => Date;
  /** A customer's name from the directory (agents read it next to the case id). */
  person?: (userId: string) => string | undefined;
  organisation?: (organisationId: string) => CaseOrganisation | undefined;
  /** The case log: a withdrawn case's log goes with it. */
  log: CaseLog;
  /** The knowledge's word lists ("back to the bot", "close the case"): the one vocabulary the bot reads with. */
  vocabulary: () => Vocabulary;
  /**
   * Which of the organisation's own SIMs a message's identifiers name (inventory only): SIMs given while the
   * case waits go on the case. Without it they are only kept as words on the transcript.
   */
  identifySims?: (organisationId: string, refs: SimReferences) => SimIdentification;
  /**
   * What the platform shows now on SIMs given while the case waits (their findings, nothing when all is well): the
   * agent finds them on the case, and the waiting customer is told. Without it the SIMs are only attached.
   */
  checkSims?: (organisationId: string, iccids: readonly string[]) => Promise<Finding[]>;
  /**
   * What pasted modem output proves (`+CEREG: 0,3`, `+CMS ERROR: 330`…): output pasted while the case waits or is
   * with an agent goes on the case's findings, and a waiting customer is told what it means. Without it the
   * output is only kept on the transcript.
   */
  interpretEvidence?: (entities: Entities) => Finding[];
  /**
   * The answer to a how-to question asked while the case waits ("separate question while I have you — what APN should
   * the rest use?"), in `lang`, for the organisation: the bot answers it and the case keeps its place. Undefined
   * for anything else. Without it such questions only go on the case for the agent.
   */
  answerHowTo?: (
    recognition: Recognition,
    lang: Lang,
    organisationId: string,
    accept?: (article: ArticleFile, score: number) => boolean,
  ) => string | undefined;
  /**
   * The language a message asks for ("sorry, can you answer in Spanish?"), and whether it says more beside it: a waiting
   * customer is told the switch (the turn already speaks the language asked for) with their place in the queue.
   */
  languageAsked?: (text: string) => { lang: Lang; more: boolean } | undefined;
  /**
   * The case's own SIMs from the live look-up, in `lang` (plan, usage, what the checks found), for a question about them
   * asked while the case waits ("which plan is it on?", "¿cuánto hemos gastado?"); undefined when the look-up fails.
   * Without it such questions only go on the case for the agent.
   */
  describeSims?: (
    c: Pick<Case, 'id' | 'organisationId' | 'sims' | 'category'>,
    lang: Lang,
  ) => Promise<string | undefined>;
}

/**
 * How closely a question asked while the case waits must match an article to be answered from it though it is about the
 * case's topic ("¿con esa señal debería bastar?" matches none: the agent's).
 */
const GENERAL_QUESTION_MATCH = 0.4;

/** The most SIMs of a waiting case described in one answer (a fleet case's SIMs are the agent's to go through). */
const MAX_SIMS_DESCRIBED = 3;

/** The customer's side of the desk: joining the queue and talking while handed off. */
export class DeskCustomerSide {
  constructor(private readonly options: DeskCustomerSideOptions) {}

  /**
   * Put the case in the queue and tell the customer their position (in their latest language) — in the turn when
   * `context` is the customer's turn (its reference is stored for later relays), otherwise proactively. Posts the
   * handoff card to the agents' conversation when one is configured and offers the case to an available agent.
   */
  async enqueue(
    caseId: string,
    context?: TurnContext,
    reason?: HandoffReason,
    detail?: string,
  ): Promise<number> {
    const { cases, queue, relay, text } = this.options;
    const reference = context
      ? (TurnContext.getConversationReference(context.activity) as StoredReference)
      : undefined;
    const queued = await cases.handOver(caseId, {
      channel: 'desk',
      event: 'status:queued',
      at: this.options.now(),
      ...(reason ? { reason } : {}),
      ...(detail ? { detail } : {}),
      ...(reference ? { conversation: reference } : {}),
    });
    const position = queue.positionOf(caseId) ?? 1;
    // What the case's priority promises (a P1 is answered within the hour), with the place in the queue.
    const say = (lang: Parameters<TextFn>[0]) =>
      `${text(lang, 'desk.customer.queued', { position, id: caseId })} ${responseTarget(queued, lang, text)}`;
    if (context) await context.sendActivity(textActivity(say(relay.customerLang(queued))));
    else await relay.toCustomer(caseId, (_c, lang) => [textActivity(say(lang))]);
    await relay.postToAgents(queued);
    await this.options.offers.offer(caseId);
    return position;
  }

  /**
   * A customer message while their case is handed off: relayed to the chat the agent works the case in (the
   * console shows it from the case's log), appended to the case while it waits (shown at pick-up), or — "back to
   * the bot" — the case leaves the queue and the bot takes over again.
   */
  async handleTurnWhileHandedOff(c: Case, context: TurnContext): Promise<CustomerTurnOutcome> {
    const { cases, queue, relay, agentState, text: t } = this.options;
    const text = context.activity.text?.trim() ?? '';
    const lang = relay.customerLang(c);
    const words = this.options.vocabulary();
    const value = context.activity.value;
    // "No, wait, it's not necessary — the SIM ending 0043 has no data": still queued for the person asked for, the
    // request is taken back and the bot goes on. "No hace falta pasarlo a nadie, ya veo lo del límite": the person the
    // bot chose is declined the same way, before anyone has it.
    const withdrawn = c.status === 'queued' && withdrawsPersonRequest(words, text);
    const back = wantsBackToBotWords(words, text) || tappedBackToBot(value) || withdrawn;
    // Nobody has it yet and the customer ends it ("it works again", "close the case"): the bot does that.
    const closing = c.status === 'queued' && readCustomerEnding(words, text) !== undefined;
    if (back || closing) {
      const agentId = c.status === 'with_agent' ? c.assignedAgentId : undefined;
      const chat = agentId ? agentState.chatOf(agentId, c.id) : undefined;
      await cases.returnToBot(c.id, c.contactUserId, 'back_to_bot');
      await this.options.offers.clear(c.id);
      if (agentId) {
        await agentState.forget(agentId, c.id);
        if (chat) await relay.toAgent(agentId, (l) => t(l, 'desk.agent.customerLeft', { id: c.id }), chat);
      }
      if (closing) return 'to_bot';
      // Asked for a person, then taken back with nothing told: the case opened for the queue holds nothing and is
      // withdrawn. A problem told with the take-back ("forget it, I'll try you first — sim 8946… has no data")
      // goes on it instead.
      const empty = c.status === 'queued' && holdsNothing(c) && !tellsProblem(context, words);
      if (empty) {
        await cases.withdraw(c.id);
        await this.options.log.remove(c.id);
      }
      // Waiting in the queue: say that it left it; with an agent: back with the bot.
      const said = empty
        ? 'desk.customer.leftQueueWithdrawn'
        : c.status === 'queued'
          ? 'desk.customer.leftQueue'
          : 'desk.customer.backToBot';
      await context.sendActivity(t(lang, said, { id: c.id }));
      return empty ? 'withdrawn' : 'back_to_bot';
    }
    if (text) await cases.appendTranscript(c.id, [{ from: 'customer', text }]);
    // "Le corrijo: son 75, no 60", "it's actually 52 vans now", the count alone ("75 equipos"), or the first count a
    // case without one hears ("tenemos una caída de todos los contadores, unos 800"): the case gets the new count
    // (it drives the priority).
    const count =
      c.type === 'incident'
        ? (readCountUpdate(words, text, recognitionOf(context)?.entities, c.affectedCount) ??
          readBareCount(words, text, recognitionOf(context)?.entities, c.affectedCount) ??
          readFirstCount(text, recognitionOf(context)?.entities, c.affectedCount))
        : undefined;
    const recounted =
      count === undefined ? undefined : await cases.reprioritise(c.id, { affectedCount: count });
    const evidence = await this.recordEvidence(c, context, lang);
    if (c.status === 'with_agent' && c.assignedAgentId) {
      const agentId = c.assignedAgentId;
      const chat = agentState.chatOf(agentId, c.id);
      if (!chat || !text) return 'relayed';
      const onHold = agentState.activeCase(agentId, chat)?.id !== c.id;
      const vars = {
        id: c.id,
        customer: this.options.person?.(c.contactUserId) ?? c.contactUserId,
        organisation: this.options.organisation?.(c.organisationId)?.name ?? c.organisationName,
        quoted: quoteCustomerText(text),
      };
      await relay.toAgent(
        agentId,
        (l) => ({
          type: 'message',
          // Plain text: the customer's words are shown as typed, never rendered as markup of the desk's own.
          textFormat: 'plain',
          text: t(l, onHold ? 'desk.agent.fromCustomerOnHold' : 'desk.agent.fromCustomer', vars),
        }),
        chat,
      );
      return 'relayed';
    }
    const position = queue.positionOf(c.id);
    if (recounted) {
      const noted = countNotice(t, lang, recounted);
      const place = position === undefined ? '' : ` ${t(lang, 'desk.customer.position', { position })}`;
      await context.sendActivity(`${noted}${place}`);
      return 'queued_note';
    }
    // "Sorry, can you answer in Spanish? My colleague who handles this will read it": the switch is said, with the place
    // kept (and what else it told is on the case for the agent).
    const asked = position !== undefined ? this.options.languageAsked?.(text) : undefined;
    if (asked && position !== undefined) {
      const kept = asked.more
        ? t(lang, 'desk.customer.detailAdded', { position, id: c.id })
        : t(lang, 'desk.customer.position', { position });
      await context.sendActivity(`${t(lang, 'bot.language.switched')} ${kept}`);
      return 'queued_note';
    }
    const recognition = recognitionOf(context);
    // "Mientras espero: ¿trabajáis los fines de semana?", "While I wait: what's the AT command to set the APN?": a
    // question marked as apart from the case is answered first, whatever "espero" suggests about the wait.
    const asideAsked =
      position !== undefined &&
      recognition !== undefined &&
      evidence.length === 0 &&
      words.has('asideQuestion', text) &&
      isQuestion(text, words);
    const aside = asideAsked ? this.options.answerHowTo?.(recognition, lang, c.organisationId) : undefined;
    if (aside !== undefined && position !== undefined)
      return this.answerWhileQueued(context, lang, position, aside);
    const aboutItsSims =
      position !== undefined &&
      recognition !== undefined &&
      evidence.length === 0 &&
      c.sims.length > 0 &&
      c.sims.length <= MAX_SIMS_DESCRIBED &&
      !namesASim(recognition) &&
      isQuestion(text, words) &&
      (words.has('simStateQuestion', text) || words.has('ownSim', text)) &&
      // "Which plan would it need then?": what would be, not what is — the plans' article answers that.
      !words.has('askWhatNeeded', text);
    // "What are your support hours, in case this gets worse overnight?": an article on nothing on the network that the
    // question clearly asks answers it — before any reading of it as a question about the wait.
    const ownTopic =
      aside === undefined &&
      !aboutItsSims &&
      isQuestion(text, words) &&
      // "What's the status of CS-10001?" names its case: the status, read below.
      (recognition?.entities.caseIds.length ?? 0) === 0 &&
      position !== undefined &&
      recognition !== undefined &&
      evidence.length === 0
        ? this.options.answerHowTo?.(
            recognition,
            lang,
            c.organisationId,
            (article, score) => article.topic === 'other' && score >= GENERAL_QUESTION_MATCH,
          )
        : undefined;
    if (ownTopic !== undefined && position !== undefined)
      return this.answerWhileQueued(context, lang, position, ownTopic);
    // "What's the status?" while waiting: the customer gets it (place, priority, its response target), not only the agent.
    const asksStatus = recognition?.intent === 'case_status' || words.has('waitQuestion', text);
    if (position !== undefined && asksStatus) {
      await context.sendActivity(
        t(lang, 'desk.customer.statusQueued', {
          id: c.id,
          position,
          priority: c.priority.level,
          response: t(lang, `cases.response.${c.priority.level}`),
        }),
      );
      return 'queued_note';
    }
    // "Why not? Which plan is it on exactly?", "¿Cuánto hemos gastado y cuál es el límite?": the case's SIMs from the
    // live look-up while it waits; the question stays on the case for the agent.
    const described = aboutItsSims ? await this.options.describeSims?.(c, lang) : undefined;
    if (described !== undefined && position !== undefined)
      return this.answerWhileQueued(context, lang, position, described);
    // "Separate question while I have you: what APN should the rest of our trackers use?": answered while it waits.
    // A question marked as apart, or asking how to do something: one about the case itself ("with that signal, is it
    // enough?") is the agent's.
    const apart = words.has('asideQuestion', text) || asksHowTo(text, words);
    // "r u even open on sundays?": an article about nothing on a network (opening hours, the assistant, the PIN) is
    // never about the case; "¿qué significa eso del límite?" asks what the case's finding means — its article says.
    const found = new Set<string>(c.findings.map((f) => f.code));
    const meaning = words.has('askMeaning', text);
    // "What exactly happens when a SIM reaches its monthly limit?", "¿Qué valores de AT+CSQ se consideran buenos?": a
    // question an article answers this closely asks how things work, whatever the case is about.
    const general = (article: ArticleFile, score: number): boolean =>
      article.topic === 'other' ||
      score >= GENERAL_QUESTION_MATCH ||
      (meaning && (article.fixes ?? []).some((code) => found.has(code)));
    // A question marked as apart was already tried above, with the same answer.
    const answer =
      !asideAsked &&
      position !== undefined &&
      recognition &&
      evidence.length === 0 &&
      (apart || isQuestion(text, words))
        ? this.options.answerHowTo?.(recognition, lang, c.organisationId, apart ? undefined : general)
        : undefined;
    if (answer !== undefined && position !== undefined)
      return this.answerWhileQueued(context, lang, position, answer);
    // "+CEREG: 0,3": what it means, said to the customer while the case waits (the agent reads it on the case).
    if (evidence.length > 0) await context.sendActivity(textActivity(evidence.join(' ')));
    const sims = await this.attachNamedSims(c, context, lang);
    if (sims) return 'queued_note';
    await context.sendActivity(
      position === undefined
        ? t(lang, 'desk.customer.detailAddedForAgent', { id: c.id })
        : t(lang, 'desk.customer.detailAdded', { position, id: c.id }),
    );
    return 'queued_note';
  }

  /**
   * Modem output in the customer's message: its findings go on the case (new ones only); the sentences that say
   * what each means, in the customer's language. Empty when the message holds no output the bot reads.
   */
  /** An answer given while the case waits, then its place in the queue: the case keeps its place. */
  private async answerWhileQueued(
    context: TurnContext,
    lang: Parameters<TextFn>[0],
    position: number,
    answer: string,
  ): Promise<CustomerTurnOutcome> {
    await context.sendActivity(textActivity(answer));
    await context.sendActivity(this.options.text(lang, 'desk.customer.position', { position }));
    return 'queued_note';
  }

  private async recordEvidence(
    c: Case,
    context: TurnContext,
    lang: Parameters<TextFn>[0],
  ): Promise<string[]> {
    const entities = recognitionOf(context)?.entities;
    const interpret = this.options.interpretEvidence;
    if (!entities || !interpret || entities.modem.length === 0) return [];
    const findings = interpret(entities).filter((f) => !c.findings.some((x) => x.code === f.code));
    if (findings.length === 0) return [];
    await this.options.cases.addFindings(c.id, toCaseFindings(findings, lang), [], c.contactUserId);
    return findings.map((f) => findingSentence(f, lang));
  }

  /**
   * SIMs the customer names while the case waits ("it's the meter with SIM 8946…", "the one ending 0043"): the
   * organisation's own go on the case's SIM list, and the customer is told which were added and which are not
   * theirs (another organisation's SIM is never attached). `false` when the message names no SIM.
   */
  private async attachNamedSims(
    c: Case,
    context: TurnContext,
    lang: Parameters<TextFn>[0],
  ): Promise<boolean> {
    const entities = recognitionOf(context)?.entities;
    const identify = this.options.identifySims;
    if (!entities || !identify) return false;
    const refs: SimReferences = {
      iccids: entities.iccids,
      msisdns: entities.msisdns,
      lastDigits: entities.lastDigits,
    };
    if (refs.iccids.length + refs.msisdns.length + refs.lastDigits.length === 0) return false;
    const found = identify(c.organisationId, refs);
    const { cases, text: t } = this.options;
    const lines: string[] = [];
    if (found.iccids.length > 0) {
      await cases.addSims(c.id, found.iccids, c.contactUserId);
      const sims = found.iccids.map(maskIccid).join(', ');
      lines.push(t(lang, 'desk.customer.simsAdded', { sims, id: c.id }));
      // "Es por el chip que termina en 35": what the platform shows on it, on the case for the agent and told now.
      const known = new Set<string>(c.findings.map((f) => `${f.code}:${f.iccid ?? ''}`));
      const fresh = ((await this.options.checkSims?.(c.organisationId, found.iccids)) ?? []).filter(
        (f) => !known.has(`${f.code}:${f.iccid ?? ''}`),
      );
      if (fresh.length > 0) {
        await cases.addFindings(c.id, toCaseFindings(fresh, lang));
        lines.push(...fresh.map((f) => findingSentence(f, lang)));
      }
    }
    if (found.notOwned.length > 0)
      lines.push(t(lang, 'desk.customer.simsNotYours', { sims: found.notOwned.map(maskIccid).join(', ') }));
    if (found.ambiguous.length > 0)
      lines.push(t(lang, 'desk.customer.simsAmbiguous', { sims: found.ambiguous.join(', ') }));
    const position = this.options.queue.positionOf(c.id);
    if (position !== undefined) lines.push(t(lang, 'desk.customer.stillQueued', { position }));
    await context.sendActivity(textActivity(lines.join(' ')));
    return true;
  }
}

/**
 * The message names a SIM (outside a question: "back to the bot, what APN does 8946…019 need?" only asks), pastes
 * modem output, gives a count or tells a symptom (outside a case imagined).
 */
function tellsProblem(context: TurnContext, words: Vocabulary): boolean {
  const recognition = recognitionOf(context);
  if (!recognition) return false;
  return (
    (namesASim(recognition) && !isQuestion(recognition.text, words)) ||
    recognition.entities.modem.length > 0 ||
    (recognition.entities.affected?.count ?? 0) > 1 ||
    words.has('symptom', reportedWords(recognition.text, words))
  );
}
