import type { TurnContext } from 'botbuilder';
import {
  Dialog,
  WaterfallDialog,
  type DialogInstance,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { CaseService } from '../bot/cases/caseService.js';
import type { SimLookupService, SimReferences } from '../bot/connectivity/simLookup.js';
import { extractIdentifiers } from '../bot/nlu/entities/identifiers.js';
import { foldText } from '../bot/nlu/normalize.js';
import { messageWords } from '../bot/nlu/words/vocabulary.js';
import { CLEAR_MATCH, isQuestion, readMessageAct, type MessageAct } from '../bot/nlu/messageAct.js';
import { sentencesOf } from '../bot/nlu/story.js';
import type { KnowledgeBase } from '../bot/knowledgeBase/knowledgeBase.js';
import { openOrContinueCase } from '../bot/cases/openOrContinue.js';
import type { RequestField, RequestType } from '../bot/knowledgeBase/schemas/requestsSchema.js';
import type { Entities } from '../bot/nlu/types.js';
import type { Lang } from '../bot/domain/language.js';
import { caseRequestOf } from '../bot/turn/caseOrganisation.js';
import { identityOf, recognitionOf } from '../bot/turn/turnKeys.js';
import { DIALOG } from './dialogIds.js';
import {
  incomingText,
  matchesLabel,
  recognizedText,
  replaceThisDialog,
  type DialogKit,
} from './dialogKit.js';
import { CHOICE_KEYS, InterruptibleDialog, type AnswerAware } from './interruptibleDialog.js';
import { readField, showField, UNKNOWN_VALUE } from './requestForm.js';
import { correctedNumber, restatedNumber } from '../bot/nlu/entities/corrections.js';
import { POSTCODE_TOWN } from '../bot/nlu/orderForm.js';

export interface RequestOptions {
  text: string;
  /** The kind of request the message is (an order, a service request…); without it the bot offers one. */
  type?: RequestType;
  entities?: Entities;
  /** A question on the bot's own topics that no article answers: the offer says so, rather than "not my topic". */
  unanswered?: boolean;
  /** The request just sent that this message tells more about: it goes on that case, nothing new is opened. */
  detailFor?: string;
  /** The request just sent that this message holds ("Hold on, not yet…"): it waits at its summary, nothing is opened. */
  holdFor?: string;
  /** The plan the turn before answered a question about: "that plan" in the request names it. */
  planInContext?: string;
}

/** One pass of the form loop: what is known so far and what was just asked. */
interface FormState {
  type: RequestType;
  text: string;
  values: Record<string, string>;
  /** The field just asked, or `confirm` for the summary. */
  asked?: string;
  misses?: number;
  /** The case opened once every field was known: later corrections change it, nothing new is opened. */
  caseId?: string;
  /** The summary is shown again after a correction (it says "updated"). */
  amended?: boolean;
  /** A SIM the customer named is not their organisation's: their one SIM is never assumed instead. */
  notOwnedNamed?: boolean;
  /** "Don't send it yet": the summary waits for the go-ahead without being shown again. */
  held?: boolean;
}

const STEPS = 'requestSteps';
const FORM = 'requestForm';
/** Where questions asked at the summary are kept on the request, for the team to answer with it. */
const QUESTION_NOTE = 'customerQuestions';
/** Words that make a question the order itself ("can we get 40 more SIMs?"), not one asked beside it. */
const REQUEST_CONTENT = ['orderItem', 'serviceRequest'] as const;
/** Answers in a row that do not fit one question before it is left for the team to ask. */
const MAX_MISSES = 2;
/** What a question after an OK at the offer asks of its own ("Perfecto. ¿Cuántas SIM tenemos?"): it is read afresh. */
const OWN_ACTS: ReadonlySet<MessageAct['kind']> = new Set(['fleet_question', 'howto', 'case_asked']);
/** When the customer held the request, as the case's timeline says it. */
const HELD_WHEN = { summary: 'at the summary', sent: 'after it was sent' } as const;

/**
 * Orders, service and information requests: collects what the operations team needs (knowledge/requests.json:
 * for an order the quantity, SIM type, plan and delivery address), asking only what the customer has not
 * said, and opens the case as soon as everything is known — a customer who leaves at the summary loses
 * nothing. A request type that asks for confirmation (`confirm`) then shows the summary: corrections change
 * the open case, "cancel" closes it. A message that only might be a request ("other") gets the offer first.
 */
export class RequestDialog extends InterruptibleDialog implements AnswerAware {
  constructor(
    kit: DialogKit,
    private readonly cases: CaseService,
    private readonly sims: Pick<SimLookupService, 'identify' | 'iccidsOf' | 'plansOf'>,
  ) {
    super(DIALOG.request, kit);
    this.addDialog(new WaterfallDialog(STEPS, [this.offerStep.bind(this), this.acceptStep.bind(this)]));
    this.addDialog(new WaterfallDialog(FORM, [this.askStep.bind(this), this.readStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** A known request goes straight to its form; anything else gets the offer of an information request. */
  private async offerStep(step: WaterfallStepContext<RequestOptions>): Promise<DialogTurnResult> {
    const { type, text, detailFor, holdFor } = step.options;
    if (holdFor) return this.holdSent(step, holdFor);
    if (detailFor) {
      // "It's for all our active SIMs, not just one": more about the request sent, for the team on that case.
      await this.cases.appendTranscript(detailFor, [{ from: 'customer', text }]);
      await this.cases.addNote(detailFor, 'bot', text);
      await this.kit.say(step.context, 'bot.request.detailAdded', { caseId: detailFor });
      return step.endDialog();
    }
    if (type) return this.startForm(step, type);
    await this.offer(step.context, step.options.unanswered === true);
    (step.values as { text?: string }).text = text;
    return Dialog.EndOfTurn;
  }

  /** The answer to the offer: the form, a person, a new request — or nothing. */
  private async acceptStep(step: WaterfallStepContext<RequestOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const kb = this.kit.knowledge.current();
    const answer = incomingText(context);
    const recognition = recognitionOf(context);
    if (matchesLabel(kb, answer, 'bot.choice.agent'))
      return replaceThisDialog(step, DIALOG.handoff, { reason: 'customer_request' });
    // "Perfecto, mil gracias, ¡que tengas muy buen día!": thanks and a farewell — nothing accepted, nothing opened.
    if (kb.vocabulary.has('farewell', answer) && !matchesLabel(kb, answer, 'bot.request.open')) {
      (await this.kit.profileOf(context)).fragment = undefined;
      await this.kit.say(context, 'bot.thanks');
      return step.endDialog();
    }
    // "Vale, no abras nada todavía": an OK that opens nothing.
    // "Perfecto. ¿Cuántas SIM tenemos en total?": an OK opening a question of its own (the fleet, an article, a
    // case) takes nothing — the question is read afresh below.
    const labelled = matchesLabel(kb, answer, 'bot.request.open');
    const okThenAsked =
      !labelled &&
      recognition?.smallTalk === 'yes' &&
      OWN_ACTS.has(readMessageAct(recognition, kb).kind) &&
      isQuestion(answer, kb.vocabulary);
    const yes =
      (labelled || (recognition?.smallTalk === 'yes' && !okThenAsked)) &&
      !kb.vocabulary.has('noCaseWanted', answer);
    // A new request instead of an answer ("status of CS-10001", "no data on …", "¿el chip 0068 puede mandar
    // SMS?"): read afresh, as the main dialog reads a first message — its question answered, its problem checked.
    // "Bueno, lo que quiero saber es cuáles de nuestras SIM están desactivadas": whatever the classifier's topic, a
    // message the bot acts on (a fleet question, a how-to, a request) is read afresh too.
    const act = recognition && !yes ? readMessageAct(recognition, kb).kind : undefined;
    if (
      !yes &&
      recognition &&
      ((recognition.intent !== 'other' &&
        recognition.intent !== 'unclear' &&
        recognition.confidence >= 0.6) ||
        (act !== undefined && act !== 'route' && act !== 'nothing'))
    ) {
      return replaceThisDialog(step, DIALOG.route);
    }
    // "si me paso de los gigas del mes" (offered this) · "¿me cortan?": read with the message before it, afresh.
    const profile = await this.kit.profileOf(context);
    if (
      !yes &&
      profile.fragment &&
      recognition &&
      !recognition.smallTalk &&
      !matchesLabel(kb, answer, 'bot.request.noThanks')
    )
      return replaceThisDialog(step, DIALOG.route);
    profile.fragment = undefined;
    if (!yes) {
      await this.kit.say(context, 'bot.whatNow', undefined, CHOICE_KEYS);
      return step.endDialog();
    }
    return this.startForm(step, 'information_request');
  }

  /** Say what is being prepared and fill in what the request message already says. */
  private async startForm(
    step: WaterfallStepContext<RequestOptions>,
    type: RequestType,
  ): Promise<DialogTurnResult> {
    const lang = await this.kit.langOf(step.context);
    const kb = this.kit.knowledge.current();
    const text = step.options.text;
    const entities = step.options.entities ?? recognitionOf(step.context)?.entities;
    const values: Record<string, string> = {};
    for (const field of kb.requests.types[type].fields) {
      // "…y con el mismo plan que tengo yo": the plan they are on, told with the order.
      const value =
        (entities
          ? readField(kb, lang, field, text, entities, false, this.kit.plansFor(step.context))
          : undefined) ??
        (field.kind === 'plan'
          ? (this.samePlan(step.context, text) ?? this.planInContext(step.options, text))
          : undefined);
      if (value !== undefined) values[field.id] = value;
    }
    await this.kit.say(step.context, `bot.request.start.${type}`);
    // "We need 40 nano SIMs for the new trackers. How long does an order usually take to arrive?": a question asked
    // beside an order is answered when an article clearly does, else it goes on the request for the team.
    const questions = sentencesOf(text).filter((s) => /[?¿]/.test(s));
    if (type === 'order') await this.answerOrKeep(step.context, values, questions);
    return step.replaceDialog(FORM, { type, text, values } satisfies FormState);
  }

  /**
   * Questions asked beside a request or where a field was asked ("¿Qué plan nos recomendáis…?"): each is answered when
   * an article clearly does, else kept on the request for the team (`values`, changed in place) — said once.
   */
  private async answerOrKeep(
    context: TurnContext,
    values: Record<string, string>,
    questions: readonly string[],
  ): Promise<void> {
    const lang = await this.kit.langOf(context);
    const kb = this.kit.knowledge.current();
    const kept: string[] = [];
    for (const question of questions) {
      if (REQUEST_CONTENT.some((list) => kb.vocabulary.has(list, question))) continue;
      const match = kb.articles.match(question);
      if (match && match.score >= CLEAR_MATCH)
        await this.kit.sayText(context, this.kit.articleText(context, match.article, lang));
      else kept.push(question.trim());
    }
    if (kept.length === 0) return;
    const note = values[QUESTION_NOTE];
    values[QUESTION_NOTE] = [...(note ? [note] : []), ...kept].join(' — ');
    await this.kit.say(context, 'bot.request.questionKept');
  }

  /** Ask the next field nobody answered yet — or, with everything known, show the summary to send. */
  private async askStep(step: WaterfallStepContext<FormState>): Promise<DialogTurnResult> {
    const state = step.options;
    if (state.held) {
      state.held = false;
      return Dialog.EndOfTurn;
    }
    if (await this.keepOwnSims(step.context, state)) state.notOwnedNamed = true;
    // "Súbanme los datos del mes" from an account with one SIM (a household): that SIM, without asking which — not
    // when the SIM they named is not theirs (they meant another one). Filled before the form is judged complete, so a
    // case opened with it is opened before its summary shows its id.
    const simsField = this.fields(state.type).find((f) => f.kind === 'sims');
    const only = simsField && !state.notOwnedNamed ? this.onlySim(step.context) : undefined;
    if (simsField && only && state.values[simsField.id] === undefined)
      state.values[simsField.id] = `…${only.slice(-4)}`;
    const complete = this.fields(state.type).every((f) => state.values[f.id] !== undefined);
    // A question for the team changes nothing: it goes as soon as it is known (requests.json `confirm`).
    if (complete && !this.kit.knowledge.current().requests.types[state.type].confirm)
      return this.open(step, state);
    // Everything known: the case is opened now (or, after a correction, changed) and the summary asks if it is right.
    if (complete) {
      const amended = state.caseId !== undefined;
      state.caseId = amended
        ? (await this.amend(step.context, state, 'request_amended')).id
        : await this.openCase(step.context, state);
      state.amended = amended;
    }
    await this.ask(step.context, state);
    return Dialog.EndOfTurn;
  }

  /**
   * After an interruption answered in passing ("how do I…?", "can we continue in Spanish?"): the offer or the
   * form's question again (in the conversation's language now).
   */
  protected override async onRepromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const form = formStateOf(instance);
    if (form) await this.ask(context, form);
    else if (innerStackTop(instance)?.id === STEPS) await this.offer(context);
  }

  /**
   * An address told after its lead-in ("deliver to …") where the form asked for it answers the form; at the summary,
   * "cancela" withdraws the request (not the conversation: the open case is closed, not left open) and "not yet"
   * holds it.
   */
  answersQuestion(context: TurnContext, instance: DialogInstance): boolean {
    const state = formStateOf(instance);
    // "espera, todavía no, lo tengo que hablar con mi pareja": not yet — held, whatever person "hablar con" names.
    if (state?.asked === 'confirm') {
      const kb = this.kit.knowledge.current();
      const text = incomingText(context);
      return withdraws(kb, text) || holdsRequest(kb, text);
    }
    const field = state && this.fields(state.type).find((f) => f.id === state.asked);
    const kb = this.kit.knowledge.current();
    // "Mejor cancélalo, al final encontramos una caja en el almacén", "Todavía no, espera a que lo confirme mi jefe"
    // where a field is asked: the order being prepared is withdrawn or waits — no case of theirs is closed.
    if (field && (cancelsInWords(kb, incomingText(context)) || holdsRequest(kb, incomingText(context))))
      return true;
    const entities = recognitionOf(context)?.entities;
    // "¿Para qué quieres saber el formato? Pues los de triple corte… Plan IoT Connect EU, y mándalos a …": the value
    // asked, told beside more of the order, answers the form whatever the message asks beside it.
    const text = incomingText(context);
    if (
      field &&
      entities &&
      state?.type === 'order' &&
      kb.orderDetails.told(text) >= 2 &&
      readField(
        kb,
        kb.spoken.fallback,
        field,
        toldPart(kb, text),
        entities,
        true,
        this.kit.plansFor(context),
      ) !== undefined
    )
      return true;
    if (field?.kind !== 'text' || !field.after || !entities) return false;
    return readField(kb, kb.spoken.fallback, field, text, entities, false, []) !== undefined;
  }

  private async offer(context: TurnContext, unanswered = false): Promise<void> {
    const key = unanswered ? 'bot.request.offer.unanswered' : 'bot.request.offer.information_request';
    await this.kit.say(context, key, undefined, [
      'bot.request.open',
      'bot.choice.agent',
      'bot.request.noThanks',
    ]);
  }

  /** Say the next question of the form (or its summary) and note what was asked in `state`. */
  private async ask(context: TurnContext, state: FormState): Promise<void> {
    const lang = await this.kit.langOf(context);
    const kb = this.kit.knowledge.current();
    const field = this.fields(state.type).find((f) => state.values[f.id] === undefined);
    if (!field) {
      const lines = this.fields(state.type).map(
        (f) => `• ${kb.text(lang, f.label)}: ${this.shown(context, lang, f, state.values[f.id])}`,
      );
      await this.kit.say(
        context,
        state.amended ? 'bot.request.summaryUpdated' : 'bot.request.summary',
        {
          type: kb.text(lang, `bot.caseType.${state.type}`),
          caseId: state.caseId ?? '',
          lines: lines.join('\n'),
        },
        ['bot.request.send', 'bot.request.cancel'],
      );
      state.asked = 'confirm';
      return;
    }
    const buttons =
      field.kind === 'choice'
        ? field.choices.map((c) => kb.text(lang, c.label))
        : field.kind === 'plan'
          ? this.kit.plansFor(context).map((p) => p.name)
          : undefined;
    await this.kit.sayText(context, kb.text(lang, field.ask), buttons);
    state.asked = field.id;
  }

  /** Take the answer to the field (or to the summary) and go on. */
  private async readStep(step: WaterfallStepContext<FormState>): Promise<DialogTurnResult> {
    const { context } = step;
    const state = step.options;
    const lang = await this.kit.langOf(context);
    const kb = this.kit.knowledge.current();
    const text = recognizedText(context);
    if (state.asked === 'confirm') {
      const held = holdsRequest(kb, text);
      // "One change before you send it: make it 300" — a change to what the summary shows goes first, whatever
      // go-ahead comes with it: the summary is shown again with it.
      const changed = this.corrections(context, state, text, lang);
      if (changed) return step.replaceDialog(FORM, { ...state, values: changed, asked: undefined });
      // "wait, don't send it yet, I'll confirm tomorrow": the open request waits for the go-ahead, whatever "send it" is
      // in it.
      if (state.caseId && held) return this.hold(step, state, state.caseId, 'summary');
      if (confirms(kb, text)) return this.confirmed(step, state);
      if (withdraws(kb, text)) {
        if (!state.caseId) {
          await this.kit.say(context, 'bot.request.cancelled');
          return step.endDialog();
        }
        const by = caseRequestOf(context, lang).contactUserId;
        await this.cases.close(state.caseId, by, 'cancelled by the customer at the summary');
        await this.kit.say(context, 'bot.request.withdrawn', { caseId: state.caseId });
        return step.endDialog();
      }
      // "all our SIMs, Q3 — send it to the account email", "just that one SIM for now, thanks": more detail
      // told, not asked — it goes on the request with it, and the request goes to the team.
      const detail = this.fields(state.type).find((f) => f.kind === 'text' && f.fromMessage);
      const recognition = recognitionOf(context);
      const asked = isQuestion(text, kb.vocabulary);
      const symptom = kb.vocabulary.has('symptom', text);
      const aside =
        asked || symptom || (recognition !== undefined && readMessageAct(recognition, kb).kind !== 'route');
      if (detail && !aside && text.trim().length >= 3) {
        const before = state.values[detail.id];
        const values = { ...state.values, [detail.id]: before ? `${before} — ${text.trim()}` : text.trim() };
        return this.confirmed(step, { ...state, values }, 'request_detail');
      }
      // "Roughly how long do these take to arrive?": a question for the team goes on the open request (the team
      // answers it with the confirmation); the summary is shown again.
      if (asked && !symptom) {
        const note = state.values[QUESTION_NOTE];
        const values = { ...state.values, [QUESTION_NOTE]: note ? `${note} — ${text.trim()}` : text.trim() };
        await this.kit.say(context, 'bot.request.questionNoted', { caseId: state.caseId ?? '' });
        return step.replaceDialog(FORM, { ...state, values, asked: undefined });
      }
      return step.replaceDialog(FORM, { ...state, asked: undefined });
    }
    const field = this.fields(state.type).find((f) => f.id === state.asked);
    if (!field) return step.replaceDialog(FORM, { ...state, asked: undefined });
    // "Perdona, cancela el pedido…" where the address was asked: withdrawn before anything was opened, no address.
    if (cancelsInWords(kb, text)) {
      await this.kit.say(context, 'bot.request.cancelled');
      return step.endDialog();
    }
    // "Hold on — not yet, I still need the PO number from finance" where the plan is asked: there is no case yet
    // (it opens at the summary), so nothing waits on the team's side — the customer is told nothing was sent and
    // what they told is kept, and the question is asked again for whenever they are ready. What the message names
    // besides ("make it 60, but not yet") is kept too. "No lo sé, tengo que consultarlo" answers it (not known), and
    // so does "Le confirmo la dirección: Calle Mayor 10, 50001 Zaragoza" or "not yet sure, maybe 50" (the field told
    // as clearly as in a first message).
    const entities = recognitionOf(context)?.entities;
    if (holdsRequest(kb, text) && !kb.vocabulary.dontKnow(text)) {
      const told = this.corrections(context, state, text, lang);
      const answered =
        told?.[field.id] !== undefined ||
        (entities !== undefined &&
          (field.kind !== 'text' || field.after !== undefined) &&
          readField(kb, lang, field, text, entities, false, this.kit.plansFor(context)) !== undefined);
      if (!answered) {
        await this.kit.say(context, 'bot.request.heldUnsent');
        return step.replaceDialog(FORM, { ...state, values: told ?? state.values, asked: undefined });
      }
    }
    // "uy perdón, que sean 150 y no 120, y en nano" asked for the address: corrections, not the address.
    if (field.kind === 'text' && field.after && entities) {
      const addressed = readField(kb, lang, field, text, entities, false, []);
      const corrected =
        addressed === undefined ? this.corrections(context, state, text, lang, field.id) : undefined;
      if (corrected) return step.replaceDialog(FORM, { ...state, values: corrected, asked: undefined });
    }
    // "What's the difference between MFF2 and the normal plastic ones?" where the form factor is asked: a question
    // about a choice is not that choice — only what the message tells beside its questions answers ("Nano?" alone
    // does).
    const told =
      (field.kind === 'choice' || field.kind === 'plan') && !kb.vocabulary.dontKnow(text)
        ? toldPart(kb, text)
        : text;
    const value =
      (entities ? readField(kb, lang, field, told, entities, true, this.kit.plansFor(context)) : undefined) ??
      (field.kind === 'plan' ? this.samePlan(context, told) : undefined);
    // "Deliver to Acme Logistics, unit four…" where the plan was asked: another field answered — it is kept, and
    // the plan asked again.
    const elsewhere =
      value === undefined ? this.corrections(context, state, text, lang, field.id) : undefined;
    if (elsewhere) return step.replaceDialog(FORM, { ...state, values: elsewhere, asked: undefined });
    // "¿Qué plan nos recomendáis para equipos que solo mandan datos?" where the form factor was asked: a question, not
    // a wrong answer — answered or kept for the team, and the field asked again without counting a miss.
    if (value === undefined && isQuestion(text, kb.vocabulary) && !kb.vocabulary.has('symptom', text)) {
      const values = { ...state.values };
      await this.answerOrKeep(context, values, [text]);
      return step.replaceDialog(FORM, { ...state, values, asked: undefined });
    }
    // "Yes, that all looks right to me. Please go ahead" where the address was asked: a go-ahead before the form is
    // complete — what is still needed is asked again, without counting a miss.
    // "Yes, place the order" with the plan and the address both still missing: both are named, the first asked.
    if (value === undefined && confirms(kb, text)) {
      const missing = this.fields(state.type).filter((f) => state.values[f.id] === undefined);
      if (missing.length > 1)
        await this.kit.say(context, 'bot.request.stillNeededMany', {
          fields: missing.map((f) => kb.text(lang, f.label)).join(' · '),
        });
      else await this.kit.say(context, 'bot.request.stillNeeded');
      return step.replaceDialog(FORM, { ...state, asked: undefined });
    }
    const misses = value === undefined ? (state.misses ?? 0) + 1 : 0;
    if (value === undefined && misses < MAX_MISSES) {
      // A text field offers no options to pick: its question again, with what it is for.
      await this.kit.say(
        context,
        field.kind === 'number'
          ? 'bot.request.badNumber'
          : field.kind === 'text'
            ? 'bot.request.stillNeeded'
            : 'bot.request.pickOne',
      );
      return step.replaceDialog(FORM, { ...state, misses });
    }
    // Still not understood: the team asks about this one; the rest of the form goes on.
    const values: Record<string, string> = { ...state.values, [field.id]: value ?? UNKNOWN_VALUE };
    // "25 of them, the MFF2 type, IoT Connect EU, delivered to …": an answer that also gives fields not asked yet
    // fills them, read as strictly as the first message (a choice or plan named, an address after its lead-in).
    // A choice or plan named again ("ah no, mejor nano") or a number taken back ("150, not 120") corrects the one
    // given before; an address only fills a gap.
    if (value !== undefined && entities) {
      for (const other of this.fields(state.type)) {
        if (other.id === field.id || other.kind === 'sims') continue;
        if (other.kind === 'text' && (!other.after || values[other.id] !== undefined)) continue;
        // "Delivery address is: …, Chakan, Pune 410501": the postcode of the address answered is no quantity.
        const number = other.kind === 'number' ? correctionOf(kb, text) : undefined;
        const read =
          other.kind === 'number'
            ? number === undefined || isPostcode(text, number)
              ? undefined
              : number.toString()
            : (readField(kb, lang, other, text, entities, false, this.kit.plansFor(context)) ??
              // "200 of them, nano size, on the same plan as 8946…019": that SIM's plan.
              (other.kind === 'plan' ? this.samePlan(context, text) : undefined));
        if (read !== undefined) values[other.id] = read;
      }
    }
    return step.replaceDialog(FORM, { type: state.type, text: state.text, values } satisfies FormState);
  }

  /**
   * What a message changes in a form already (partly) filled: a number corrected in words, a choice or plan
   * named, an address after its lead-in, SIMs named — read as strictly as a first message. Undefined when it
   * changes nothing. `except`: the field just asked, read as its answer instead.
   */
  private corrections(
    context: TurnContext,
    state: FormState,
    text: string,
    lang: Lang,
    except?: string,
  ): Record<string, string> | undefined {
    const kb = this.kit.knowledge.current();
    const entities = recognitionOf(context)?.entities;
    if (!entities) return undefined;
    const values = { ...state.values };
    let changed = false;
    for (const field of this.fields(state.type)) {
      if (field.id === except) continue;
      let value: string | undefined;
      // "150, not 120"; "actually make it 250 — no, sorry, 300"; "perdón, que sean 40" — but not the postcode of
      // an address ("Uy, no, mejor a la casa del pueblo: Calle de la Iglesia 3, 44100 Albarracín").
      if (field.kind === 'number') {
        const number = correctionOf(kb, text);
        value = number === undefined || isPostcode(text, number) ? undefined : number.toString();
      } else if (field.kind === 'sims') {
        // "Add 8946…068 to the same request": SIMs named later join the ones already on it.
        const read = namesSims(entities) ? readField(kb, lang, field, text, entities, false, []) : undefined;
        const before = values[field.id];
        value =
          read && before && /\d/.test(before)
            ? [...new Set([...before.split(', '), ...read.split(', ')])].join(', ')
            : read;
      } else if (field.kind !== 'text' || field.after)
        value =
          readField(kb, lang, field, text, entities, false, this.kit.plansFor(context)) ??
          (field.kind === 'plan' ? this.samePlan(context, text) : undefined);
      if (value !== undefined && value !== values[field.id]) {
        values[field.id] = value;
        changed = true;
      }
    }
    return changed ? values : undefined;
  }

  /**
   * "Hold on, not yet. I need to check it with my manager first", right after the request went to the team: it is held
   * as at its summary, so the next message confirms, changes or cancels it. A case that is no request is left alone.
   */
  private async holdSent(
    step: WaterfallStepContext<RequestOptions>,
    caseId: string,
  ): Promise<DialogTurnResult> {
    const sent = this.cases.get(caseId);
    const type = sent?.type === 'incident' ? undefined : sent?.type;
    if (!sent || !type) return step.endDialog();
    // The summary and the team's note are written from the request's own first message, as when it was opened.
    const text = sent.transcript.find((entry) => entry.from === 'customer')?.text ?? sent.summary ?? '';
    const state: FormState = { type, text, values: { ...sent.request }, caseId, asked: 'confirm' };
    return this.hold(step, state, caseId, 'sent');
  }

  /**
   * The open request waits for the customer's go-ahead (`waiting_customer`, visibly to the team), held at its summary
   * or right after it was sent; the form waits at the summary for the next message.
   */
  private async hold(
    step: WaterfallStepContext,
    state: FormState,
    caseId: string,
    when: 'summary' | 'sent',
  ): Promise<DialogTurnResult> {
    const { context } = step;
    const lang = await this.kit.langOf(context);
    const kb = this.kit.knowledge.current();
    const by = caseRequestOf(context, lang).contactUserId;
    await this.cases.setStatus(caseId, 'waiting_customer', by, `held by the customer ${HELD_WHEN[when]}`);
    await this.kit.say(
      context,
      when === 'sent' ? 'bot.request.heldAfterSent' : 'bot.request.held',
      { caseId, type: kb.text(lang, `bot.caseType.${state.type}`) },
      ['bot.request.send', 'bot.request.cancel'],
    );
    return step.replaceDialog(FORM, { ...state, held: true });
  }

  /** Open the case with everything collected, and say so (a request type that needs no confirmation). */
  private async open(step: WaterfallStepContext<FormState>, state: FormState): Promise<DialogTurnResult> {
    const { context } = step;
    const lang = await this.kit.langOf(context);
    const caseId = await this.openCase(context, state);
    const kb = this.kit.knowledge.current();
    if (state.type === 'order') await this.kit.say(context, 'bot.request.opened.order', { caseId });
    else
      await this.kit.say(context, 'bot.request.opened', {
        caseId,
        type: kb.text(lang, `bot.caseType.${state.type}`),
      });
    return step.endDialog();
  }

  /** The summary was confirmed (or more detail told with it): the open case has the last word, and the team it. */
  private async confirmed(
    step: WaterfallStepContext<FormState>,
    state: FormState,
    event?: string,
  ): Promise<DialogTurnResult> {
    if (!state.caseId) return this.open(step, state);
    // The team reads on the case's timeline that the customer confirmed it (or told more with the go-ahead).
    await this.amend(step.context, state, event ?? 'request_confirmed');
    const kb = this.kit.knowledge.current();
    const lang = await this.kit.langOf(step.context);
    // Held at the summary, now confirmed: the team may act on it.
    if (this.cases.get(state.caseId)?.status === 'waiting_customer')
      await this.cases.setStatus(
        state.caseId,
        'open',
        caseRequestOf(step.context, lang).contactUserId,
        'confirmed',
      );
    await this.kit.say(step.context, 'bot.request.confirmed', {
      caseId: state.caseId,
      type: kb.text(lang, `bot.caseType.${state.type}`),
    });
    return step.endDialog();
  }

  /** Open the request's case with everything collected; the conversation remembers it. Returns its id. */
  private async openCase(context: TurnContext, state: FormState): Promise<string> {
    const profile = await this.kit.profileOf(context);
    const who = caseRequestOf(context, profile.lang);
    const opening = await openOrContinueCase(this.cases, {
      ...who,
      type: state.type,
      category: 'other',
      severity: 'question',
      summary: this.summaryOf(context, state, profile.lang),
      request: state.values,
      // "Move 8946… to another plan", "reactivate the one ending 0035": the SIMs named are on the case for the team.
      sims: this.namedSims(who.organisation.id, [state.text, ...Object.values(state.values)]),
      text: state.text,
    });
    profile.caseId = opening.case.id;
    profile.requestSent = opening.case.id;
    return opening.case.id;
  }

  /** The customer changed what the open request says ("make it 150"): the case gets the new values and SIMs. */
  private async amend(context: TurnContext, state: FormState, event: string) {
    const caseId = state.caseId ?? '';
    const lang = await this.kit.langOf(context);
    const who = caseRequestOf(context, lang);
    const named = this.namedSims(who.organisation.id, [state.text, ...Object.values(state.values)]);
    return this.cases.change(caseId, event, who.contactUserId, (c) => {
      c.request = { ...state.values };
      c.summary = this.summaryOf(context, state, lang);
      c.sims = [...new Set([...c.sims, ...named])];
    });
  }

  /** The case's one-line summary: every field as the summary shows it, then the customer's own words. */
  private summaryOf(context: TurnContext, state: FormState, lang: Lang): string {
    const kb = this.kit.knowledge.current();
    const details = this.fields(state.type)
      .map((f) => `${kb.text(lang, f.label)}: ${this.shown(context, lang, f, state.values[f.id])}`)
      .join('; ');
    return `${details} — ${state.text}`.slice(0, 500);
  }

  /**
   * A field's value as the summary shows it. SIMs named by number or IMSI are shown as the customer's SIM they are,
   * by its ICCID's last four ("+46721234068" → "…0068 (+46721234068)"), so they see which SIM the team will change;
   * a reference that names none of their SIMs, or several, is shown as written.
   */
  private shown(context: TurnContext, lang: Lang, field: RequestField, value: string | undefined): string {
    const kb = this.kit.knowledge.current();
    if (value === undefined) return UNKNOWN_VALUE;
    const identity = identityOf(context);
    if (field.kind !== 'sims' || identity.kind !== 'customer') return showField(kb, lang, field, value);
    return value
      .split(', ')
      .map((part) => {
        const { iccids, ambiguous } = this.sims.identify(identity.organisation.id, this.refsIn([part]));
        const [iccid] = iccids;
        if (!iccid || iccids.length > 1 || ambiguous.length > 0) return part;
        const lastFour = `…${iccid.slice(-4)}`;
        return part === lastFour ? part : `${lastFour} (${part})`;
      })
      .join(', ');
  }

  /**
   * The SIMs a request names: the organisation's own SIMs that the ICCIDs, last digits or phone numbers written in it
   * or its answers name ("…0035", as the form shows them) — one each, from the inventory. Another organisation's SIM
   * never goes on the case.
   */
  private namedSims(organisationId: string, texts: readonly (string | undefined)[]): string[] {
    const written = texts.filter((text): text is string => text !== undefined);
    return this.sims.identify(organisationId, this.refsIn(written)).iccids;
  }

  /** The SIM references written in `texts`: valid ICCIDs, phone numbers, IMSIs and last digits. */
  private refsIn(texts: readonly string[]): SimReferences {
    const { suffixes, phone } = this.kit.knowledge.current().entityWords;
    const found = texts.map((text) => extractIdentifiers(text, phone));
    return {
      iccids: found.flatMap((ids) => ids.iccids.filter((i) => i.valid)),
      msisdns: found.flatMap((ids) => ids.msisdns),
      lastDigits: texts.flatMap((text) => suffixes.lastDigits(foldText(text))),
      // "Can you reactivate the SIM whose IMSI is 240071000015857?"
      imsis: found.flatMap((ids) => ids.imsis),
    };
  }

  /**
   * The SIMs field keeps only the organisation's own SIMs: a reference that names none of them ("please suspend
   * 8946…092", another organisation's or a mistyped one) is left out, the customer is told without anything about
   * it being said, and the form asks again when nothing is left — the team never gets a request on a SIM that is
   * not the customer's. True when a reference was left out.
   */
  private async keepOwnSims(context: TurnContext, state: FormState): Promise<boolean> {
    const identity = identityOf(context);
    const field = this.fields(state.type).find((f) => f.kind === 'sims');
    const value = field ? state.values[field.id] : undefined;
    if (identity.kind !== 'customer' || !field || !value) return false;
    const parts = value.split(', ');
    const foreign = parts.filter((part) => {
      const refs = this.refsIn([part]);
      return namesSims(refs) && this.sims.identify(identity.organisation.id, refs).notOwned.length > 0;
    });
    if (foreign.length === 0) return false;
    const kept = parts.filter((part) => !foreign.includes(part));
    if (kept.length > 0) state.values[field.id] = kept.join(', ');
    else delete state.values[field.id];
    await this.kit.say(context, 'bot.request.simsNotYours');
    return true;
  }

  /**
   * "The same plan as our other cards", "el mismo plan que tengo ahora": the plan every SIM of the customer's
   * organisation is on, when they are all on one. "25 more SIMs like the one in truck 14 (+46 72 123 40 84)",
   * "iguales que la del 070 123 44 71": the plan of the one SIM of theirs it names — a SIM that is not theirs says
   * nothing of it (the plan is asked). The SIM itself is no field of the order.
   */
  private samePlan(context: TurnContext, text: string): string | undefined {
    const identity = identityOf(context);
    if (identity.kind !== 'customer' || !this.kit.vocabulary().has('samePlan', text)) return undefined;
    const refs = this.refsIn([text]);
    const model = namesSims(refs) ? this.sims.identify(identity.organisation.id, refs) : undefined;
    if (model && (model.iccids.length !== 1 || model.ambiguous.length > 0)) return undefined;
    const plans = [...this.sims.plansOf(identity.organisation.id, model?.iccids)];
    return plans.length === 1 ? plans[0] : undefined;
  }

  /**
   * "We'd like 50 SIMs on that plan" right after a question about IoT Data SMS was answered: that plan, when the
   * customer may order it.
   */
  private planInContext(options: RequestOptions, text: string): string | undefined {
    const plan = options.planInContext;
    return plan !== undefined && this.kit.vocabulary().has('thatPlan', text) ? plan : undefined;
  }

  /** The customer's organisation's one SIM, when it has exactly one. */
  private onlySim(context: TurnContext): string | undefined {
    const identity = identityOf(context);
    if (identity.kind !== 'customer') return undefined;
    const owned = this.sims.iccidsOf(identity.organisation.id);
    return owned.length === 1 ? owned[0] : undefined;
  }

  private fields(type: RequestType): readonly RequestField[] {
    return this.kit.knowledge.current().requests.types[type].fields;
  }
}

/** References that name a SIM at all: an ICCID, a phone number, last digits or an IMSI. */
function namesSims(refs: Pick<SimReferences, 'iccids' | 'msisdns' | 'lastDigits' | 'imsis'>): boolean {
  return refs.iccids.length + refs.msisdns.length + refs.lastDigits.length + (refs.imsis?.length ?? 0) > 0;
}

/** A question of this many words or fewer where a choice is asked is an answer still, unsure ("Nano?", "¿MFF2 quizá?"). */
const UNSURE_ANSWER_WORDS = 3;

/**
 * What a message tells beside what it asks: its sentences that ask nothing ("OK, MFF2 then"), ask in a word or three
 * ("Nano?") or ask for what they want ("Can we get them in nano?") — "What's the difference between MFF2 and the
 * normal plastic ones?" asks about MFF2, it does not choose it. Empty when every sentence asks about something.
 */
function toldPart(kb: KnowledgeBase, text: string): string {
  return sentencesOf(text)
    .filter(
      (s) =>
        // "Como todavía no sabemos qué sensor…, que vengan troqueladas": "como" opens no question without its mark.
        !/[?¿]/.test(s) ||
        !isQuestion(s, kb.vocabulary) ||
        messageWords(s).length <= UNSURE_ANSWER_WORDS ||
        kb.vocabulary.has('orderNeed', s),
    )
    .join(' ')
    .trim();
}

/** Every postcode and town of a text ({@link POSTCODE_TOWN}, global). */
const POSTCODE_TOWNS = new RegExp(POSTCODE_TOWN.source, 'gu');

/** A town and the postcode of five or six digits after it ("Pune 410501", "Chakan, Pune - 410501"). */
const TOWN_POSTCODES = /\p{Lu}\p{Ll}+\s*[-–]?\s*(\d{5,6})(?!\d)/gu;

/** `number` is written in `text` as a postcode, right before a town's name or right after it. */
function isPostcode(text: string, number: number): boolean {
  return [...text.matchAll(POSTCODE_TOWNS), ...text.matchAll(TOWN_POSTCODES)].some(
    (m) => Number((m[1] ?? '').replace(/ /g, '')) === number,
  );
}

/** The dialog on top of the request dialog's own stack (its instance state). */
function innerStackTop(
  instance: DialogInstance,
): { id?: string; state?: { options?: FormState } } | undefined {
  const inner = instance.state as {
    dialogs?: { dialogStack?: Array<{ id?: string; state?: { options?: FormState } }> };
  };
  return inner.dialogs?.dialogStack?.[0];
}

/** What the form knows and asked last, while the form is what the request dialog is doing. */
function formStateOf(instance: DialogInstance): FormState | undefined {
  const top = innerStackTop(instance);
  return top?.id === FORM ? top.state?.options : undefined;
}

/**
 * At a request's summary, the request withdrawn: "Cancel", "no" (asking nothing), "cancel the request" / "cancela la solicitud" (cancel
 * first, whatever follows), or a sentence that withdraws it and asks nothing ("Uy, no, cancélalo. Al final no hacen
 * falta", "Cancele el pedido, por favor"; "what if I cancel later?" asks).
 */
function withdraws(kb: KnowledgeBase, text: string): boolean {
  return (
    matchesLabel(kb, text, 'bot.request.cancel') ||
    // "no wait, are you open on Saturdays?": a question after the "no" is asked, nothing withdrawn.
    (kb.vocabulary.yesNo(text) === false && !/[?¿]/.test(text)) ||
    kb.vocabulary.leading('cancel', text) !== undefined ||
    cancelsInWords(kb, text)
  );
}

/**
 * "Not yet" for a request ("wait, don't send it yet, I'll confirm tomorrow", "todavía no"), unless it withdraws it in
 * words ("Mejor cancélalo, todavía no tenemos el presupuesto aprobado").
 */
export function holdsRequest(kb: KnowledgeBase, text: string): boolean {
  return kb.vocabulary.has('holdOff', text) && !cancelsInWords(kb, text);
}

/**
 * The request confirmed: the send button, a yes, or a go-ahead in words ("That all looks right to me — yes, please go
 * ahead and place the order") with nothing taken back or cancelled — "Perdona, cancela el pedido: me acaban de decir
 * que ya lo ha hecho mi compañero" is withdrawn in words, whatever "done" explains it.
 */
function confirms(kb: KnowledgeBase, text: string): boolean {
  const goAhead =
    kb.vocabulary.has('confirmSend', text) &&
    !kb.vocabulary.has('negation', text) &&
    !kb.vocabulary.has('cancel', text);
  return (
    matchesLabel(kb, text, 'bot.request.send') ||
    ((kb.vocabulary.yesNo(text) === true || goAhead) && !cancelsInWords(kb, text))
  );
}

/** A sentence that withdraws the request and asks nothing ("Cancele el pedido, por favor"). */
function cancelsInWords(kb: KnowledgeBase, text: string): boolean {
  return sentencesOf(text).some((s) => !/[?¿]/.test(s) && kb.vocabulary.has('cancelRequest', s));
}

/**
 * A number corrected or restated in a message ("150, not 120", "make it 250", "actually make it two hundred and
 * fifty"): spelled-out numbers are read as their digits.
 */
function correctionOf(kb: KnowledgeBase, text: string): number | undefined {
  const written = kb.entityWords.counts.numbers.writeSpelled(text);
  return correctedNumber(kb.vocabulary, written)?.value ?? restatedNumber(kb.vocabulary, written);
}
