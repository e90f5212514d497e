import { reportedWords } from '../nlu/reportedWords.js';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CaseService } from '../cases/caseService.js';
import type { TextFn } from '../cases/texts.js';
import type { Identity } from '../directory/identity.js';
import { organisationNameIn } from '../directory/schemas.js';
import type { Lang } from '../domain/language.js';
import type { FollowUpService } from '../followUp/followUpService.js';
import type { HandoffReason } from '../handoff/triggers.js';
import type { Recognition } from '../nlu/types.js';
import type { IncidentService } from './incidentService.js';
import { caseRequestOf } from '../turn/caseOrganisation.js';
import { identityOf, recognitionOf } from '../turn/turnKeys.js';
import { openOrContinueCase } from '../cases/openOrContinue.js';
import { isQuestion } from '../nlu/messageAct.js';
import { asksForPersonInWords } from '../nlu/words/deskWords.js';
import type { Vocabulary } from '../nlu/words/vocabulary.js';
import { currentMessage, statusText } from './noticeText.js';

/** The check-in card's `Action.Submit` value. */
export const incidentActionSchema = z.object({
  incidentAction: z.enum(['check_yes', 'check_no']),
  incidentId: z.string().min(1).max(40),
});

const TROUBLESHOOTING: ReadonlyArray<Recognition['intent']> = ['data', 'sms', 'voice', 'csd'];

/** What the conversation side of incidents needs; built in bot/index.ts. */
export interface IncidentConversationOptions {
  incidents: IncidentService;
  cases: CaseService;
  followUps: FollowUpService;
  /** Put a case in front of a person (the desk or the contact centre). */
  handOff: (context: TurnContext, caseId: string, reason: HandoffReason) => Promise<void>;
  text: TextFn;
  /** The knowledge base's word lists ("outage", question openers), hot-reloaded with it. */
  vocabulary: () => Vocabulary;
  logger: Logger;
}

/**
 * Incidents in the customer's conversation: answers "is there an outage?" with the incidents that affect the
 * speaker's own organisation (nothing for people outside the directory), and the answers to the check-in sent
 * after a fix — yes closes the linked case, no reopens it (or opens one) and puts it in front of a person.
 */
export class IncidentConversation {
  constructor(private readonly options: IncidentConversationOptions) {}

  /**
   * "Is there an outage?" asked in the middle of a dialog: answered from this turn's identity and
   * recognition, so the dialog can re-ask its question afterwards (a {@link SideQuestion}).
   */
  answer(context: TurnContext, lang: Lang): Promise<boolean> {
    return this.answerStatusQuestion(
      context,
      identityOf(context),
      lang,
      recognitionOf(context)?.intent ?? 'other',
    );
  }

  /**
   * Answer a question about an outage with the open incidents of the speaker's own organisation (or that there is
   * none); false when the message is no such question — a problem described in words that name an outage goes
   * on to troubleshooting.
   */
  private async answerStatusQuestion(
    context: TurnContext,
    identity: Identity,
    lang: Lang,
    intent: Recognition['intent'],
  ): Promise<boolean> {
    const text = context.activity.text ?? '';
    const words = this.options.vocabulary();
    if (identity.kind === 'agent' || !words.has('outage', text)) return false;
    // "Request: talk to a human agent / Reasons: 1) three outages this month": a person asked for, the outages are why.
    if (intent === 'agent' && asksForPersonInWords(words, text)) return false;
    // "We have an outage on all our meters" describes a problem: troubleshooting opens a case for it (and names
    // any incident that explains it); "is there an outage?" asks for the status.
    if (!isQuestion(text, words) && TROUBLESHOOTING.includes(intent)) return false;
    // "All the SIMs without a session are down, can you look at it?": asking to check their SIMs reports a
    // problem, whatever the outage word; troubleshooting still names any incident that explains it.
    const entities = recognitionOf(context)?.entities;
    const namesSims =
      entities !== undefined &&
      (entities.affected !== undefined ||
        entities.iccids.length + entities.msisdns.length + entities.lastDigits.length > 0);
    if (namesSims && words.has('checkRequest', text)) return false;
    // "After the outage most vans reconnected, but 8946…043 is still silent", "which SIMs are roaming? after the
    // outage I suspect…", "what APN should the meters use after the outage?": the outage is the background of
    // another question or report — only a question about the outage itself is answered with its status.
    // "Is anyone reachable at night if we have an outage?": an outage imagined is not asked about.
    const aboutTheOutage = (text.match(/[^.!?\n]+[.!?]*/g) ?? []).some(
      (sentence) => /[?¿]/.test(sentence) && words.has('outage', reportedWords(sentence, words)),
    );
    if (/[?¿]/.test(text) && !aboutTheOutage) return false;
    // "8946…043 is still silent — is that still the outage?": the SIM is checked, and troubleshooting names any
    // incident that explains it.
    if (namesSims || (entities?.modem.length ?? 0) > 0) return false;
    // A symptom told beside the question — not the outage word itself ("is there an outage?").
    const told = reportedWords(text, words);
    const outageWords = words.find('outage', told);
    const reported = words
      .find('symptom', told)
      .some((m) => !outageWords.some((o) => o.start <= m.start && m.end <= o.end));
    if (reported && !aboutTheOutage) return false;
    const t = this.options.text;
    if (identity.kind === 'anonymous') {
      await context.sendActivity(t(lang, 'incident.status.anonymous'));
      return true;
    }
    const open = this.options.incidents.openFor(identity.organisation.id);
    // "¿Sigue la caída? Mi router no tiene internet desde anoche": with no incident known, the problem told is
    // troubleshot rather than answered with "describe it".
    if (open.length === 0 && reported) return false;
    if (open.length === 0) {
      await context.sendActivity(
        t(lang, 'incident.status.none', { organisation: organisationNameIn(identity.organisation, lang) }),
      );
      return true;
    }
    const lines = open.map((i) =>
      t(lang, 'incident.status.answer', {
        id: i.id,
        status: statusText(i, lang, t),
        message: currentMessage(i, lang, t),
      }),
    );
    await context.sendActivity([...lines, t(lang, 'incident.status.answer.end')].join('\n\n'));
    return true;
  }

  /** Handle a check-in button if this turn carries one; true when handled. */
  async handleCheckIn(context: TurnContext, identity: Identity, lang: Lang): Promise<boolean> {
    const parsed = incidentActionSchema.safeParse(context.activity.value);
    if (!parsed.success) return false;
    const { incidentAction, incidentId } = parsed.data;
    const t = this.options.text;
    const incident = this.options.incidents.get(incidentId);
    // Another organisation's incident looks exactly like one that does not exist.
    if (
      identity.kind !== 'customer' ||
      !incident?.affectedOrganisationIds.includes(identity.organisation.id)
    ) {
      await context.sendActivity(t(lang, 'incident.unknown', { id: incidentId }));
      return true;
    }
    if (incident.status !== 'resolved') {
      await context.sendActivity(
        t(lang, 'incident.checkIn.stillOpen', { id: incident.id, status: statusText(incident, lang, t) }),
      );
      return true;
    }
    const linked = this.options.incidents.linkedCase(
      incident.id,
      identity.organisation.id,
      context.activity.conversation.id,
    );
    const { followUps } = this.options;
    if (incidentAction === 'check_yes') {
      if (linked?.status === 'resolved')
        await followUps.closeAndAskRating(linked, context, 'check_in_ok', lang);
      else await context.sendActivity(t(lang, 'incident.checkIn.thanks'));
      return true;
    }
    if (linked?.status === 'resolved' || linked?.status === 'closed') {
      await followUps.reopen(linked, context, lang);
    } else if (linked?.status === 'queued' || linked?.status === 'with_agent') {
      await context.sendActivity(
        t(lang, 'incident.checkIn.inProgress', {
          caseId: linked.id,
          status: t(lang, `cases.status.${linked.status}`),
        }),
      );
    } else if (linked) {
      await context.sendActivity(t(lang, 'incident.checkIn.handedOver', { caseId: linked.id }));
      await this.options.handOff(context, linked.id, 'flow_unresolved');
    } else {
      await this.openCaseForPerson(context, lang, incident.id, incident.scope.services[0] ?? 'data');
    }
    return true;
  }

  /** Still broken after the fix and no case yet: open one, linked to the incident, and hand it over. */
  private async openCaseForPerson(
    context: TurnContext,
    lang: Lang,
    incidentId: string,
    category: 'data' | 'sms' | 'voice' | 'csd',
  ): Promise<void> {
    const { cases, incidents, text } = this.options;
    // A case of its own, linked to the incident (never the conversation's earlier case).
    const { case: opened } = await openOrContinueCase(cases, {
      ...caseRequestOf(context, lang),
      type: 'incident',
      category,
      severity: 'outage',
      summary: text(lang, 'incident.newCase.summary', { id: incidentId }),
    });
    await incidents.linkCase(incidentId, opened.id);
    await context.sendActivity(text(lang, 'incident.checkIn.newCase', { caseId: opened.id, id: incidentId }));
    await this.options.handOff(context, opened.id, 'flow_unresolved');
    this.options.logger.info(
      { caseId: opened.id, incidentId },
      'still not working after an incident fix: case handed over',
    );
  }
}
