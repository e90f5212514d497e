import type { TurnContext } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { FleetFilter } from '../bot/connectivity/fleetFilter.js';
import { namedSimsAnswer, simLine } from '../bot/connectivity/simAnswer.js';
import { knownSimRefs, type SimLookupService, type SimReferences } from '../bot/connectivity/simLookup.js';
import type { Lang } from '../bot/domain/language.js';
import type { ProblemIntent } from '../bot/nlu/types.js';
import type { KnowledgeBase } from '../bot/knowledgeBase/knowledgeBase.js';
import { identityOf, recognitionOf } from '../bot/turn/turnKeys.js';
import type { RequestOptions } from './requestDialog.js';
import { DIALOG } from './dialogIds.js';
import { replaceThisDialog, type DialogKit } from './dialogKit.js';
import { CHOICE_KEYS, InterruptibleDialog } from './interruptibleDialog.js';

export interface FleetOptions {
  /** Which SIMs the customer asks about ("roaming", "in Germany", "without a session"). */
  filter?: FleetFilter;
  /** Further questions about the fleet in the same message ("…and which ones are abroad?"): answered after it, in order. */
  also?: FleetFilter[];
  /** The SIMs the customer names ("is SIM …084 active?"): those are looked up, not the fleet. */
  refs?: SimReferences;
  /** The service asked about a SIM named ("can it send SMS?"): its plan is checked for it. */
  service?: ProblemIntent;
  /**
   * The message also asks for a change on the SIMs listed ("…raise it on all of them"): after the answer, the service
   * request for them.
   */
  change?: string;
  /** The message also orders new SIMs ("…and separately, I need 200 nano SIMs"): after the answer, the order. */
  order?: string;
  /** Their own SIM asked about, not named ("what plan is my SIM on?"): each of the account's SIMs with its plan. */
  own?: true;
}

const STEPS = 'fleetSteps';
/** SIMs listed one per line before "and N more". */
const MAX_LINES = 10;

/**
 * Questions about the customer's own SIMs ("which of my SIMs are roaming?", "¿cuántas SIM están sin
 * sesión?"): answered from the live look-up, one line per SIM, and no case — nothing is broken until the
 * customer says so.
 */
export class FleetDialog extends InterruptibleDialog {
  constructor(
    kit: DialogKit,
    private readonly sims: SimLookupService,
    private readonly now: () => Date = () => new Date(),
  ) {
    super(DIALOG.fleet, kit);
    this.addDialog(new WaterfallDialog(STEPS, [this.answerStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Look the fleet (or the part asked about) up and answer in lines. */
  private async answerStep(step: WaterfallStepContext<FleetOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const identity = identityOf(context);
    if (identity.kind !== 'customer') {
      await this.kit.say(context, 'bot.fleet.anonymous', undefined, CHOICE_KEYS);
      return step.endDialog();
    }
    const { filter, also, refs, service, own } = step.options;
    if (refs && !filter) return this.answerNamed(step, identity.organisation.id, refs, service);
    // "¿Qué plan tiene la SIM 0076? Y otra: ¿cuáles de nuestras SIM están en IoT Nordic Data?": the SIM named first.
    if (refs && (await this.sayNamed(context, identity.organisation.id, refs, service)) === undefined)
      return step.endDialog();
    // "What plan is my SIM on?": a one-SIM account's SIM, or each of a few SIMs, with its plan and usage.
    const theirs = own ? this.sims.iccidsOf(identity.organisation.id) : [];
    if (theirs.length > 0 && theirs.length <= MAX_LINES)
      return this.answerNamed(step, identity.organisation.id, knownSimRefs(theirs), service);
    await this.kit.say(context, 'bot.sim.fleetChecking');
    await context.sendActivities([{ type: 'typing' }]);
    const listed: string[] = [];
    for (const asked of [filter, ...(also ?? [])]) {
      const answered = await this.answerFilter(context, identity.organisation.id, asked);
      if (answered === undefined) return step.endDialog();
      listed.push(...answered);
    }
    // "Raise the limit on that one", "esa, pasadla a IoT Connect EU": the one SIM listed is the one meant next.
    const profile = await this.kit.profileOf(context);
    profile.simsInContext = listed.length === 1 ? listed : undefined;
    // "And the ones abroad?" next asks the fleet again (MainDialog).
    profile.fleetListed = true;
    const entities = recognitionOf(context)?.entities;
    if (step.options.change && listed.length > 0 && entities)
      return replaceThisDialog(step, DIALOG.request, {
        type: 'service_request',
        text: step.options.change,
        entities: { ...entities, ...knownSimRefs(listed), imeis: [], imsis: [] },
      } satisfies RequestOptions);
    return step.endDialog();
  }

  /**
   * The SIMs one filter finds, said in lines ("2 of your 8 SIMs — roaming abroad: …"); the SIMs listed, or undefined
   * when the platform could not be asked.
   */
  private async answerFilter(
    context: TurnContext,
    organisationId: string,
    filter: FleetFilter | undefined,
  ): Promise<string[] | undefined> {
    const summary = await this.sims.summariseFleet(organisationId, {}, filter);
    const lang = await this.kit.langOf(context);
    const kb = this.kit.knowledge.current();
    if (summary.unavailable > 0 && summary.matches.length === 0) {
      await this.kit.say(context, 'bot.sim.unavailable.question');
      return undefined;
    }
    const all = this.sims.iccidsOf(organisationId).length;
    // "1. How many of our SIMs are on IoT Connect EU? 2. Any of them deactivated?": how many the plan has, told too.
    const onPlans = filter?.plans ? this.sims.countOwned(organisationId, { plans: filter.plans }) : undefined;
    const which = describeFilter(kb, lang, filter, onPlans);
    const lines = summary.matches.slice(0, MAX_LINES).map((r) => simLine(kb, lang, r, this.now()));
    const more =
      summary.matches.length > MAX_LINES
        ? `\n${kb.text(lang, 'bot.cases.more', { count: summary.matches.length - MAX_LINES })}`
        : '';
    const checked = summary.truncated
      ? `\n${kb.text(lang, 'bot.fleet.partial', { checked: summary.checked, total: summary.total })}`
      : '';
    const key = summary.matches.length === 0 ? 'bot.fleet.none' : 'bot.fleet.answer';
    await this.kit.sayText(
      context,
      kb.text(lang, key, {
        count: summary.matches.length,
        total: all,
        which,
        lines: lines.join('\n') + more + checked,
      }),
    );
    return summary.matches.flatMap((r) => (r.iccid ? [r.iccid] : []));
  }

  /**
   * "Is SIM …084 active? We install it next week": the SIMs named, one line each from the live look-up, and no
   * case — nothing is broken until the customer says so. A SIM that is not theirs is said to be not found.
   */
  private async answerNamed(
    step: WaterfallStepContext<FleetOptions>,
    organisationId: string,
    refs: SimReferences,
    service?: ProblemIntent,
  ): Promise<DialogTurnResult> {
    const { context } = step;
    const found = await this.sayNamed(context, organisationId, refs, service);
    if (found === undefined) return step.endDialog();
    const { change, order } = step.options;
    const entities = recognitionOf(context)?.entities;
    // "What plan is 0068 on? … please move it to IoT Data SMS": the change on the SIMs answered about.
    if (change && found.length > 0 && entities)
      return replaceThisDialog(step, DIALOG.request, {
        type: 'service_request',
        text: change,
        entities: { ...entities, ...knownSimRefs(found), imeis: [], imsis: [] },
      } satisfies RequestOptions);
    // "Is SIM 0019 still active? And separately, I need 200 nano SIMs": the order, its details asked as any order's.
    if (order && entities)
      return replaceThisDialog(step, DIALOG.request, {
        type: 'order',
        text: order,
        entities,
      } satisfies RequestOptions);
    return step.endDialog();
  }

  /**
   * The SIMs named, one line each from the live look-up; the SIMs found (the ones "that one" means next), or undefined
   * when the platform could not be asked.
   */
  private async sayNamed(
    context: TurnContext,
    organisationId: string,
    refs: SimReferences,
    service?: ProblemIntent,
  ): Promise<string[] | undefined> {
    await context.sendActivities([{ type: 'typing' }]);
    // "Mi número es el +46731100100 (el ICCID creo que es 8946…100)": one SIM named twice is shown once.
    const seen = new Set<string>();
    const results = (await this.sims.lookup(organisationId, refs, service ? { service } : {})).filter(
      (r) =>
        r.outcome !== 'found' || r.iccid === undefined || (!seen.has(r.iccid) && Boolean(seen.add(r.iccid))),
    );
    const lang = await this.kit.langOf(context);
    const kb = this.kit.knowledge.current();
    if (results.some((r) => r.outcome === 'unavailable')) {
      await this.kit.say(context, 'bot.sim.unavailable.question');
      return undefined;
    }
    await this.kit.sayText(context, namedSimsAnswer(kb, lang, results, this.now()));
    // "¿Y por qué no tiene datos esa SIM?" next: about these SIMs (withSimsInContext).
    const found = results.flatMap((r) => (r.outcome === 'found' && r.iccid !== undefined ? [r.iccid] : []));
    (await this.kit.profileOf(context)).simsInContext = found;
    return found;
  }
}

/**
 * "roaming abroad, in Germany" — the filter in words ("all" without one). `onPlans`, the number of SIMs on the plans
 * it names, is told when the filter narrows them further ("not active, on IoT Connect EU (5 of your SIMs are on it)").
 */
export function describeFilter(
  kb: KnowledgeBase,
  lang: Lang,
  filter: FleetFilter | undefined,
  onPlans?: number,
): string {
  if (!filter) return kb.text(lang, 'bot.fleet.filter.all');
  const parts: string[] = [];
  if (filter.active === true) parts.push(kb.text(lang, 'bot.fleet.filter.active'));
  if (filter.active === false) parts.push(kb.text(lang, 'bot.fleet.filter.inactive'));
  if (filter.roaming) parts.push(kb.text(lang, 'bot.fleet.filter.roaming'));
  if (filter.noSession) parts.push(kb.text(lang, 'bot.fleet.filter.noSession'));
  if (filter.dataLimit) parts.push(kb.text(lang, 'bot.fleet.filter.dataLimit'));
  if (filter.wrongApn) parts.push(kb.text(lang, 'bot.fleet.filter.wrongApn'));
  if (filter.roamingNotAllowed) parts.push(kb.text(lang, 'bot.fleet.filter.roamingNotAllowed'));
  if (filter.countries?.length)
    parts.push(
      kb.text(lang, 'bot.fleet.filter.in', {
        countries: filter.countries.map((c) => kb.countries.name(c, lang)).join(', '),
      }),
    );
  if (filter.outsideCountries?.length)
    parts.push(
      kb.text(lang, 'bot.fleet.filter.outside', {
        countries: filter.outsideCountries.map((c) => kb.countries.name(c, lang)).join(', '),
      }),
    );
  if (filter.outsidePlans?.length)
    parts.push(kb.text(lang, 'bot.fleet.filter.notPlan', { plans: filter.outsidePlans.join(', ') }));
  if (filter.plans?.length) {
    const plans = filter.plans.join(', ');
    parts.push(
      parts.length > 0 && onPlans !== undefined
        ? kb.text(lang, 'bot.fleet.filter.planOf', { plans, count: onPlans })
        : kb.text(lang, 'bot.fleet.filter.plan', { plans }),
    );
  }
  return parts.join(', ');
}
