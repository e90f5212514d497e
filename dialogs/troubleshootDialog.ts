import type { Activity } from 'botbuilder';
import {
  DialogEvents,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogEvent,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { CaseService } from '../bot/cases/caseService.js';
import type { TextFn } from '../bot/cases/texts.js';
import type { Case } from '../bot/cases/caseSchema.js';
import { openOrContinueCase } from '../bot/cases/openOrContinue.js';
import { reportedImpact } from '../bot/cases/reportedImpact.js';
import { fleetFilterOf } from '../bot/connectivity/fleetFilter.js';
import { findingSentence, toCaseFindings } from '../bot/connectivity/findingText.js';
import type { FactValue } from '../bot/domain/facts.js';
import type { Finding, FindingCode } from '../bot/domain/findings.js';
import type { Lang } from '../bot/domain/language.js';
import { shouldHandOff } from '../bot/handoff/triggers.js';
import { reportTrail } from '../bot/knowledgeBase/trailReport.js';
import type { Entities } from '../bot/nlu/types.js';
import { tellsOneDevice } from '../bot/nlu/oneDevice.js';
import type { Incident } from '../bot/incidents/incidentSchema.js';
import { currentMessage, statusText } from '../bot/incidents/noticeText.js';
import { maskIccid } from '../bot/connectivity/iccid.js';
import {
  knownSimRefs,
  mergeFacts,
  type SimIdentification,
  type SimLookupResult,
  type SimLookupService,
  type SimReferences,
} from '../bot/connectivity/simLookup.js';
import { caseRequestOf } from '../bot/turn/caseOrganisation.js';
import { identityOf, recognitionOf, setRecognition } from '../bot/turn/turnKeys.js';
import { DIALOG } from './dialogIds.js';
import { matchesLabel, type DialogKit } from './dialogKit.js';
import type { EvidenceInterpreter, FlowWalkOptions, FlowWalkResult } from './flowWalkDialog.js';
import type { HandoffOptions } from './handoffDialog.js';
import { InterruptibleDialog } from './interruptibleDialog.js';
import { countRefs, refsOf, type SimLookupOptions, type SimLookupOutcome } from './simLookupDialog.js';

/** What MainDialog passes in. */
export interface TroubleshootOptions {
  intent: 'data' | 'sms' | 'voice' | 'csd';
  entities: Entities;
  text: string;
  /** A person was asked for with the problem: the incident opens (with what the message proves), then a person has it. */
  personAsked?: boolean;
}

/** The open network incidents a customer's problem may be part of (the incident service). */
export interface KnownIncidents {
  openFor(organisationId: string, service: TroubleshootOptions['intent']): Incident[];
  linkCase(incidentId: string, caseId: string): Promise<void>;
}

interface TroubleshootValues {
  caseId?: string;
  /** The known incident the customer was told about (and asked whether to troubleshoot anyway). */
  incidentId?: string;
  facts?: Record<string, FactValue>;
  findings?: Finding[];
  /** The SIMs the look-up found (the flow checks them again on "done"). */
  iccids?: string[];
  /** An urgent VIP report naming SIMs: looked up, then a person takes over whatever was found. */
  urgentVip?: boolean;
  /** A person asked for with a problem on SIMs named: looked up once, then the person. */
  lookOnceForPerson?: boolean;
  /** The SIMs already on a case this problem continues ("a person about SIM 0027", then "it stopped sending"). */
  caseSims?: string[];
}

const STEPS = 'troubleshootSteps';

/**
 * Troubleshooting one problem: opens (or continues) the incident, fast-tracks urgent VIP reports to a person,
 * looks the SIMs up live — one, several, or the part of the fleet the customer named — reconciles pasted
 * modem output with what the platform sees, walks the knowledge-base flow for the service with the facts
 * found, and resolves the case or hands it over with everything learned. When a person takes over is the
 * handoff policy's call ({@link shouldHandOff}).
 */
export class TroubleshootDialog extends InterruptibleDialog {
  constructor(
    kit: DialogKit,
    private readonly cases: CaseService,
    private readonly evidence: EvidenceInterpreter,
    private readonly followUpOffer: (c: Case) => Array<Partial<Activity>>,
    private readonly incidents: KnownIncidents,
    private readonly sims: Pick<SimLookupService, 'identify' | 'iccidsOf'>,
  ) {
    super(DIALOG.troubleshoot, kit);
    this.addDialog(
      new WaterfallDialog(STEPS, [
        this.openCaseStep.bind(this),
        this.knownIncidentStep.bind(this),
        this.startLookupStep.bind(this),
        this.lookupStep.bind(this),
        this.triageStep.bind(this),
        this.outcomeStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  /**
   * Re-prompt (after "help") through a child context that knows its parent: the sim look-up and flow
   * walk are registered on MainDialog, so the parentless inner context `ComponentDialog.repromptDialog`
   * builds cannot find them and throws.
   */
  protected override async onPreBubbleEvent(dc: DialogContext, e: DialogEvent): Promise<boolean> {
    if (e.name !== DialogEvents.repromptDialog) return super.onPreBubbleEvent(dc, e);
    const child = dc.child;
    if (child) await child.repromptDialog();
    return true;
  }

  /**
   * Every troubleshooting conversation has a case from the first message, so nothing is lost — unless the message
   * names only SIMs that are not the organisation's (another's ICCID, a mistyped number): then the case waits for
   * the look-up to find one, and a SIM that is not theirs never opens an empty incident.
   */
  private async openCaseStep(step: WaterfallStepContext<TroubleshootOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const { entities, text } = step.options;
    const identity = identityOf(context);
    const words = this.kit.vocabulary();
    const refs = refsOf(entities);
    const namesOnlyOthers =
      identity.kind === 'customer' &&
      countRefs(refs) > 0 &&
      !namesOwnSim(this.sims.identify(identity.organisation.id, refs));
    const caseId = namesOnlyOthers ? undefined : await this.openCase(step, []);

    const initial = this.evidence.interpret(entities);
    (step.values as TroubleshootValues).facts = {
      'customer.identified': identity.kind === 'customer',
      'customer.vip': identity.kind === 'customer' && identity.organisation.vip,
      ...initial.facts,
    };
    (step.values as TroubleshootValues).findings = initial.findings;
    const lang = await this.kit.langOf(context);
    for (const finding of initial.findings) await this.kit.sayText(context, findingSentence(finding, lang));
    // What the pasted output says is on the case at once, whatever the customer answers next.
    if (caseId && initial.findings.length)
      await this.cases.addFindings(caseId, toCaseFindings(initial.findings, lang));

    // "It's urgent", "1200 meters offline": a VIP's report reaches a person now (the count given is on the case
    // and sets its priority). SIMs it names are looked up first — one call, no question — so the person gets the
    // platform's view with it; anything else to look up would only make them wait.
    const isVip = identity.kind === 'customer' && identity.organisation.vip;
    const impact = reportedImpact(words, text, entities);
    const manySims = Boolean(
      entities.affected?.all || (impact.affectedCount ?? 0) > 1 || words.has('many', text),
    );
    if (
      shouldHandOff({
        isVip,
        caseType: 'incident',
        // "Se nos han caído los contadores de una subestación entera, ¿me pasáis con alguien ya?": a person asked
        // for in words (a phrase, not a lone "agent") is as urgent.
        urgent: words.has('urgent', text) || words.find('askPerson', text).some((m) => m.end - m.start >= 2),
        manySims,
      }) === 'vip_incident'
    ) {
      // A person takes over whatever the look-up finds: they need the case now.
      const urgentCaseId = caseId ?? (await this.openCase(step, []));
      await this.cases.reprioritise(urgentCaseId);
      if (countRefs(refs) > 0) {
        (step.values as TroubleshootValues).urgentVip = true;
        return step.next();
      }
      return step.replaceDialog(DIALOG.handoff, {
        reason: 'vip_incident',
        caseId: urgentCaseId,
      } satisfies HandoffOptions);
    }
    if (step.options.personAsked) {
      // "Tracker 0043 has no data — can I talk to a human about it?": the SIMs named are looked up once, so the person
      // gets the platform's view with the case; then the person, whatever was found.
      if (countRefs(refs) > 0) {
        (step.values as TroubleshootValues).lookOnceForPerson = true;
        return step.next();
      }
      return step.replaceDialog(DIALOG.handoff, {
        reason: 'customer_request',
        caseId: caseId ?? (await this.openCase(step, [])),
      } satisfies HandoffOptions);
    }
    return step.next();
  }

  /**
   * Open the problem's incident — or continue the conversation's case when it fits — with the SIMs found so far,
   * and tell the customer which it is.
   */
  private async openCase(
    step: WaterfallStepContext<TroubleshootOptions>,
    found: readonly string[],
  ): Promise<string> {
    const { context } = step;
    const { intent, entities, text } = step.options;
    const profile = await this.kit.profileOf(context);
    const identity = identityOf(context);
    const fleetSize =
      identity.kind === 'customer' ? this.sims.iccidsOf(identity.organisation.id).length : undefined;
    const impact = reportedImpact(this.kit.vocabulary(), text, entities, fleetSize);
    const opening = await openOrContinueCase(this.cases, {
      ...caseRequestOf(context, profile.lang),
      currentCaseId: profile.caseId,
      type: 'incident',
      category: intent,
      ...impact,
      summary: text.slice(0, 500),
      // The SIMs found, once the look-up has run (the message's own may be none of theirs); else those named.
      iccids: found.length ? [...found] : entities.iccids.filter((i) => i.valid).map((i) => i.value),
      text,
    });
    const caseId = opening.case.id;
    profile.caseId = caseId;
    const values = step.values as TroubleshootValues;
    values.caseId = caseId;
    if (opening.outcome !== 'opened') values.caseSims = [...opening.case.sims];
    await this.kit.say(context, `bot.case.${opening.outcome}`, { caseId });
    return caseId;
  }

  /**
   * During a network outage that matches the customer, say so up front — what is being done and that they will
   * be told when it is fixed — link the case to it, and offer to troubleshoot anyway.
   */
  private async knownIncidentStep(
    step: WaterfallStepContext<TroubleshootOptions>,
  ): Promise<DialogTurnResult> {
    const identity = identityOf(step.context);
    if (identity.kind !== 'customer') return step.next();
    const incident = this.incidents.openFor(identity.organisation.id, step.options.intent)[0];
    if (!incident) return step.next();
    const values = step.values as TroubleshootValues;
    // An outage that may explain it: the customer's report is kept on a case, whichever SIM it turns out to be.
    const caseId = values.caseId ?? (await this.openCase(step, []));
    await this.incidents.linkCase(incident.id, caseId);
    values.incidentId = incident.id;
    // An urgent VIP report is not asked whether to wait for the outage's fix: a person has it now, linked.
    if (values.urgentVip)
      return step.replaceDialog(DIALOG.handoff, { reason: 'vip_incident', caseId } satisfies HandoffOptions);
    const lang = await this.kit.langOf(step.context);
    const kb = this.kit.knowledge.current();
    const text: TextFn = (l, key, vars) => kb.text(l, key, vars);
    await this.kit.say(
      step.context,
      'incident.known',
      {
        id: incident.id,
        caseId,
        status: statusText(incident, lang, text),
        message: currentMessage(incident, lang, text),
      },
      ['incident.known.continue', 'incident.known.wait'],
    );
    return { status: DialogTurnStatus.waiting };
  }

  /** Look the SIMs up — unless the customer, told about a known incident, prefers to wait for its fix. */
  private async startLookupStep(step: WaterfallStepContext<TroubleshootOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const { intent, entities, text } = step.options;
    const values = step.values as TroubleshootValues;
    if (values.incidentId && !wantsToContinue(this.kit, step.result)) {
      await this.kit.say(context, 'incident.known.waiting', {
        caseId: values.caseId ?? '',
        id: values.incidentId,
      });
      return step.endDialog();
    }
    const identity = identityOf(context);
    if (identity.kind !== 'customer') {
      await this.kit.say(context, 'bot.sim.anonymous');
      return step.next(undefined);
    }
    // "All my SIMs", "300 of our trackers in Germany": the fleet (or the part named) first — unless SIMs are named.
    const named = countRefs(refsOf(entities)) > 0;
    // "Hay varias unidades que…", "none of them came back": many SIMs, even without a number.
    const many = Boolean(
      entities.affected?.all ||
      (entities.affected?.count ?? 0) > 1 ||
      this.kit.vocabulary().has('many', text),
    );
    // "Mirad cuáles de nuestras SIM han llegado al límite de datos, tenemos unidades muertas": asked which of the
    // fleet, a state the live check reads ("data limit", "no session") picks the SIMs rather than telling a symptom.
    const whichOfFleet = this.kit.vocabulary().has('fleetQuestion', text);
    const filter = named
      ? undefined
      : fleetFilterOf(text, entities, this.kit.vocabulary(), {
          symptoms: whichOfFleet,
          many,
          countries: this.kit.knowledge.current().entityWords.countries,
        });
    // "El tráiler salió de Suecia y no manda posiciones": one device abroad — which SIM it is is asked.
    const oneDevice = !many && !whichOfFleet && tellsOneDevice(text, this.kit.vocabulary());
    const fleet = !named && (many || (Boolean(filter) && !oneDevice));
    // "No idea which SIM is in it": a VIP has given what a person needs (the policy hands over after the
    // look-up step, with nothing to look up); anyone else sees their SIMs to pick from, as if they had
    // answered "I don't know" to "which SIM?".
    const unknown = !named && this.kit.vocabulary().has('simUnknown', text);
    if (unknown && identity.organisation.vip) return step.next(undefined);
    const options: SimLookupOptions = {
      organisationId: identity.organisation.id,
      service: intent,
      ...(values.caseId ? { caseId: values.caseId } : {}),
      ...(fleet || unknown ? { fleet: true } : {}),
      ...(filter ? { filter } : {}),
      ...(oneDevice && !named ? { oneDevice: true } : {}),
      // A VIP who cannot name the SIMs has given what a person needs: the policy hands over after the look-up.
      ...(identity.organisation.vip ? { endOnUnknown: true } : {}),
      // An urgent VIP report: what it named is looked up once, never asked for again.
      ...(values.urgentVip || values.lookOnceForPerson ? { noRetry: true } : {}),
    };
    if (named) options.refs = refsOf(entities);
    // The case continued already names its SIMs ("I want a person about SIM 0027" … "just check it yourself, it
    // stopped sending"): those are the ones to check, not a question about which.
    else if (!fleet && !unknown && values.caseSims?.length) options.refs = knownSimRefs(values.caseSims);
    if (entities.apns[0]) options.customerApn = entities.apns[0];
    if (entities.services.length === 0) options.serviceOpen = true;
    return step.beginDialog(DIALOG.simLookup, options);
  }

  /** Record what the look-up found on the case; the handoff policy decides whether a person takes over now. */
  private async lookupStep(step: WaterfallStepContext<TroubleshootOptions>): Promise<DialogTurnResult> {
    const values = step.values as TroubleshootValues;
    const lookup = step.result as SimLookupOutcome | undefined;
    const lang = await this.kit.langOf(step.context);
    const facts = values.facts ?? {};
    const found = (lookup?.results ?? []).flatMap((r) => (r.outcome === 'found' && r.iccid ? [r.iccid] : []));
    // The case waited for a SIM of the organisation's (the message named none): troubleshooting goes on, so it opens.
    const caseId = values.caseId ?? (await this.openCase(step, found));
    // "La 0019 va bien, pero la 0035 no conecta": SIMs fine on our side beside one cause are set aside, and the
    // checks go on with the SIMs that have it — its own handoff, not "several causes". So are SIMs whose only cause is
    // one the customer fixes on the device ("the one with IMSI …938 never came back after we flashed new firmware":
    // the APN it asks for), once told how.
    const aside = lookup ? setAside(lookup) : undefined;
    if (lookup) {
      if (found.length) await this.cases.addSims(caseId, found);
      values.iccids = aside ? aside.rest.flatMap((r) => (r.iccid ? [r.iccid] : [])) : found;
      Object.assign(facts, lookup.facts, aside ? mergeFacts(aside.rest) : {});
      // The fix told for a SIM set aside stays on the case (the APN its device asks for): the person sees it too.
      const setAside = new Set(aside?.healthy.map((r) => r.iccid));
      values.findings = [
        ...(values.findings ?? []),
        ...lookup.findings.filter((f) => f.iccid === undefined || !setAside.has(f.iccid)),
      ];
    }
    const masked = (results: readonly SimLookupResult[]): string => results.map(simCode).join(', ');
    if (aside?.healthy.length)
      await this.kit.say(step.context, 'bot.sim.healthyAside', {
        sims: masked(aside.healthy),
        others: masked(aside.rest),
      });
    if (aside?.deviceFix.length) {
      const lines = aside.deviceFix.map(
        (r) =>
          `• ${simCode(r)}: ${describe(
            r.findings.filter((f) => DEVICE_FIXES.has(f.code)),
            lang,
          )}`,
      );
      await this.kit.say(step.context, 'bot.sim.deviceFixAside', {
        lines: lines.join('\n'),
        others: masked(aside.rest),
      });
    }
    // The device's own output against the platform's live view: say where they disagree.
    const conflicts = this.evidence.reconcile(facts);
    for (const finding of conflicts) await this.kit.sayText(step.context, findingSentence(finding, lang));
    values.findings = [...(values.findings ?? []), ...conflicts];
    values.facts = facts;
    if (values.findings.length) await this.cases.addFindings(caseId, toCaseFindings(values.findings, lang));
    const before = this.cases.get(caseId);
    const affectedCount =
      lookup?.affectedCount && before && lookup.affectedCount > before.affectedCount
        ? lookup.affectedCount
        : undefined;
    // "It's 0068, it can't send SMS" told the service the first message left open: the case and the flow follow it.
    const service = lookup?.service !== step.options.intent ? lookup?.service : undefined;
    if (service) step.options.intent = service;
    const current = await this.cases.reprioritise(caseId, {
      ...(affectedCount ? { affectedCount } : {}),
      ...(service ? { category: service } : {}),
    });
    const identity = identityOf(step.context);
    const differing = lookup && !aside ? differentCauses(lookup) : [];
    const { personDeclined } = await this.kit.profileOf(step.context);
    const reason = shouldHandOff({
      personDeclined,
      isVip: identity.kind === 'customer' && identity.organisation.vip,
      caseType: 'incident',
      // Which SIMs (or that there are many, or unknown) and what symptom: all a person needs to start.
      essentialsCollected: true,
      severalCauses: differing.length > 1,
      liveChecksUnavailable: lookup?.unavailable ?? false,
      priority: current.priority.level,
    });
    if (reason === 'vip_incident' || reason === 'live_checks_unavailable')
      return step.replaceDialog(DIALOG.handoff, { reason, caseId } satisfies HandoffOptions);
    if (values.lookOnceForPerson)
      return step.replaceDialog(DIALOG.handoff, {
        reason: 'customer_request',
        caseId,
      } satisfies HandoffOptions);
    if (differing.length > 1 && (reason === 'flow_unresolved' || personDeclined)) {
      // One flow cannot follow several different causes at once: say each, and let a person coordinate.
      const lines = differing.map((r) => `• ${simCode(r)}: ${describe(r.findings, lang)}`);
      await this.kit.say(step.context, 'bot.sim.severalCauses', { lines: lines.join('\n') });
      if (reason !== 'flow_unresolved') return this.leaveWithBot(step, caseId);
      return step.replaceDialog(DIALOG.handoff, {
        reason,
        caseId,
        detail: 'several_causes',
        explained: true,
      } satisfies HandoffOptions);
    }
    return step.next();
  }

  /** Walk the service's flow with everything already known, so only the unknown is asked. */
  private async triageStep(step: WaterfallStepContext<TroubleshootOptions>): Promise<DialogTurnResult> {
    const values = step.values as TroubleshootValues;
    const options: FlowWalkOptions = {
      flowId: step.options.intent,
      facts: values.facts ?? {},
      findings: values.findings ?? [],
      ...(values.iccids?.length ? { iccids: values.iccids } : {}),
    };
    return step.beginDialog(DIALOG.flowWalk, options);
  }

  /**
   * The customer took the SIM being checked back ("sorry, it's the one ending 0076"): the SIMs checked leave the
   * case, with their findings, and the problem is troubleshot again on the SIMs meant — the same case.
   */
  private async switchSims(
    step: WaterfallStepContext<TroubleshootOptions>,
    caseId: string,
    refs: SimReferences,
  ): Promise<DialogTurnResult> {
    const values = step.values as TroubleshootValues;
    const old = values.iccids ?? [];
    if (old.length) await this.cases.takeOffSims(caseId, old);
    const meant = [...refs.iccids.map((i) => i.value), ...refs.lastDigits.map((d) => `…${d}`)];
    // Checked without a SIM until now: nothing was on the case to take off.
    await this.kit.say(step.context, old.length ? 'bot.sim.switched' : 'bot.sim.nowChecking', {
      old: old.map((iccid) => `…${iccid.slice(-4)}`).join(', '),
      meant: meant.join(', '),
    });
    const recognition = recognitionOf(step.context);
    const entities: Entities = {
      ...(recognition?.entities ?? step.options.entities),
      iccids: refs.iccids,
      msisdns: refs.msisdns,
      lastDigits: refs.lastDigits,
    };
    // The rest of the turn (a handoff attaching the SIMs named) reads the message without the SIM taken back.
    if (recognition) setRecognition(step.context, { ...recognition, entities });
    return step.replaceDialog(DIALOG.troubleshoot, {
      ...step.options,
      entities,
    } satisfies TroubleshootOptions);
  }

  /** Resolved → close the loop and offer a follow-up; anything else → a person, with the trail. */
  private async outcomeStep(step: WaterfallStepContext<TroubleshootOptions>): Promise<DialogTurnResult> {
    const values = step.values as TroubleshootValues;
    const caseId = values.caseId as string;
    const walk = step.result as FlowWalkResult;
    const lang = await this.kit.langOf(step.context);
    if (walk.switchTo) return this.switchSims(step, caseId, walk.switchTo);
    const checks = walk.trail.map((t) => `${t.flowId}/${t.nodeId}${t.result ? `: ${t.result}` : ''}`);
    const report = reportTrail(this.kit.knowledge.current(), walk.trail, walk.facts);
    const newFindings = walk.findings.filter((f) => !(values.findings ?? []).includes(f));
    await this.cases.addFindings(caseId, toCaseFindings(newFindings, lang), checks, 'bot', report);
    if (walk.outcome.kind === 'resolved') {
      const resolved = await this.cases.resolve(caseId, 'bot', 'resolved by guided troubleshooting');
      await this.kit.say(step.context, 'bot.resolved', { caseId });
      const offer = this.followUpOffer(resolved);
      if (offer.length) await step.context.sendActivities(offer);
      return step.endDialog();
    }
    if (walk.outcome.kind === 'handoff') {
      const circles =
        walk.outcome.reason === 'going_in_circles' || walk.outcome.reason === 'not_understood'
          ? walk.outcome.reason
          : undefined;
      const { personDeclined } = await this.kit.profileOf(step.context);
      const reason = circles ?? shouldHandOff({ flowEndedUnresolved: true, personDeclined });
      // The flow's own words pass the case on: said only when it is.
      if (!reason) return this.leaveWithBot(step, caseId);
      if (walk.outcome.text) await this.kit.sayText(step.context, walk.outcome.text.text);
      return step.replaceDialog(DIALOG.handoff, {
        reason,
        caseId,
        detail: walk.outcome.reason,
        explained: Boolean(walk.outcome.text),
      } satisfies HandoffOptions);
    }
    if (walk.outcome.text) await this.kit.sayText(step.context, walk.outcome.text.text);
    await this.kit.say(step.context, 'bot.flow.ended', { caseId });
    return step.endDialog();
  }

  /** The customer would rather not wait for a person: the case stays open with the bot, and they are told how to get one. */
  private async leaveWithBot(
    step: WaterfallStepContext<TroubleshootOptions>,
    caseId: string,
  ): Promise<DialogTurnResult> {
    await this.kit.say(step.context, 'bot.handoff.declined', { caseId }, ['bot.choice.agent']);
    return step.endDialog();
  }
}

/** "Troubleshoot anyway" (the button, in either language) or a plain yes — but not "OK, I'll wait". */
function wantsToContinue(kit: DialogKit, answer: unknown): boolean {
  if (typeof answer !== 'string') return false;
  const kb = kit.knowledge.current();
  if (matchesLabel(kb, answer, 'incident.known.wait')) return false;
  return matchesLabel(kb, answer, 'incident.known.continue') || kb.vocabulary.yesNo(answer) === true;
}

/** The found SIMs, when they have different problems (by finding codes); empty when they agree. */
function differentCauses(lookup: SimLookupOutcome): SimLookupResult[] {
  const found = lookup.results.filter((r) => r.outcome === 'found');
  return new Set(found.map(causeSignature)).size > 1 ? found : [];
}

/** What a SIM's findings say is wrong with it, the same for SIMs with the same causes. */
function causeSignature(r: SimLookupResult): string {
  return [...new Set(r.findings.map((f) => f.code))].sort().join(',');
}

/** A SIM as the customer is shown it in a line: its masked ICCID as code. */
function simCode(r: SimLookupResult): string {
  return `\`${maskIccid(r.iccid ?? r.ref)}\``;
}

/** Causes the customer fixes on the device, the finding telling how (the APN it must ask for, and the AT command). */
const DEVICE_FIXES: ReadonlySet<FindingCode> = new Set(['APN_MISMATCH']);

/**
 * Of several SIMs found, those fine on our side (nothing but `HEALTHY` and information) and those whose only cause is
 * one the customer fixes on the device ({@link DEVICE_FIXES}; its consequences, such as no session, only warn), when
 * all the others share one cause: the ones to set aside and the ones to go on with. Undefined when there is nothing
 * to set aside, or nothing else to go on with.
 */
function setAside(
  lookup: SimLookupOutcome,
): { healthy: SimLookupResult[]; deviceFix: SimLookupResult[]; rest: SimLookupResult[] } | undefined {
  const found = lookup.results.filter((r) => r.outcome === 'found');
  const isHealthy = (r: SimLookupResult) =>
    r.findings.some((f) => f.code === 'HEALTHY') &&
    r.findings.every((f) => f.code === 'HEALTHY' || f.severity === 'info');
  const isDeviceFix = (r: SimLookupResult) =>
    r.findings.some((f) => DEVICE_FIXES.has(f.code)) &&
    r.findings.every((f) => DEVICE_FIXES.has(f.code) || f.severity !== 'critical');
  const healthy = found.filter(isHealthy);
  const deviceFix = found.filter((r) => !isHealthy(r) && isDeviceFix(r));
  const rest = found.filter((r) => !isHealthy(r) && !isDeviceFix(r));
  // "Not the one ending 019, that one's fine. It's the other one, +46 70 123 44 71": a healthy SIM beside one whose
  // cause is on the device — that one is checked (and told how to fix it), the healthy one set aside.
  if (rest.length === 0 && healthy.length > 0 && deviceFix.length > 0)
    return new Set(deviceFix.map(causeSignature)).size === 1
      ? { healthy, deviceFix: [], rest: deviceFix }
      : undefined;
  if (healthy.length + deviceFix.length === 0 || rest.length === 0) return undefined;
  return new Set(rest.map(causeSignature)).size === 1 ? { healthy, deviceFix, rest } : undefined;
}

function describe(findings: readonly Finding[], lang: Lang): string {
  return findings.map((f) => findingSentence(f, lang)).join(' ');
}

/** The references name at least one of the organisation's SIMs (or fit several of them: the look-up asks which). */
function namesOwnSim(identified: SimIdentification): boolean {
  return identified.iccids.length > 0 || identified.ambiguous.length > 0;
}
