import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import {
  Dialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { CaseService } from '../bot/cases/caseService.js';
import type { FactValue } from '../bot/domain/facts.js';
import type { Finding } from '../bot/domain/findings.js';
import type { Service } from '../bot/connectivity/diagnostics.js';
import { fleetFilterOf, type FleetFilter } from '../bot/connectivity/fleetFilter.js';
import { fleetSummaryCard, simResultsCard } from '../bot/connectivity/simCard.js';
import {
  mergeFacts,
  type FleetSummary,
  type SimLookupResult,
  type SimLookupService,
  type SimReferences,
} from '../bot/connectivity/simLookup.js';
import { findingSentence } from '../bot/connectivity/findingText.js';
import { foldText } from '../bot/nlu/normalize.js';
import { messageWords } from '../bot/nlu/words/vocabulary.js';
import { approximateCountAnswer, countAfterAll } from '../bot/nlu/entities/affected.js';
import { namedService } from '../bot/nlu/entities/services.js';
import type { Entities } from '../bot/nlu/types.js';
import { recognitionOf } from '../bot/turn/turnKeys.js';
import { DIALOG } from './dialogIds.js';
import { describeFilter } from './fleetDialog.js';
import { incomingText, matchesLabel, withButtons, type DialogKit } from './dialogKit.js';
import type { EvidenceInterpreter } from './flowWalkDialog.js';
import { InterruptibleDialog } from './interruptibleDialog.js';

/** Options: whose SIMs, what the customer already named, what service they are asking about. */
export interface SimLookupOptions {
  organisationId: string;
  refs?: SimReferences;
  service: Service;
  customerApn?: string;
  attempt?: number;
  /** The whole-fleet overview was shown; now one SIM is asked for. */
  fleetShown?: boolean;
  /** The customer asked about all (or many) of their SIMs in the first message: start with the overview. */
  fleet?: boolean;
  /** The part of the fleet the customer named ("in Germany", "roaming"). */
  filter?: FleetFilter;
  /**
   * One device was told of, with a place or state (`filter`): when exactly one SIM matches it, that SIM is the one
   * ("our truck is in Germany this week…"); otherwise which SIM is asked.
   */
  oneDevice?: boolean;
  /** Last digits of the SIMs the overview flagged (offered as buttons). */
  problemTails?: string[];
  /** Last digits of the SIMs a reference matched several of ("ending 471": …0027 or …0043), offered as buttons. */
  candidateTails?: string[];
  /**
   * "I don't know which / there are many", or a count of SIMs, ends the look-up instead of showing the fleet (a
   * person takes over).
   */
  endOnUnknown?: boolean;
  /** How many SIMs are affected, learned so far (kept across the overview and the question after it). */
  affectedCount?: number;
  /** The case the look-up is for: a count the customer gives is kept on it at once (it drives the priority). */
  caseId?: string;
  /** Look up what was named and end, whatever was found: never ask again (an urgent VIP report, for a person). */
  noRetry?: boolean;
  /** Modem output the customer pasted at the question, read so far (facts and findings). */
  evidence?: { facts: Record<string, FactValue>; findings: Finding[] };
  /** The question was already asked this turn (after reading pasted output): just wait for the answer. */
  asked?: boolean;
  /**
   * The problem's first message named no service ("one of our units has a problem"): `service` is the classifier's
   * guess, and a service the answer names ("it's 0068, it can't send SMS") replaces it.
   */
  serviceOpen?: boolean;
  /** The service the answer named, in place of the guess. */
  toldService?: Service;
}

/** What the troubleshooting dialog learns. */
export interface SimLookupOutcome {
  results: SimLookupResult[];
  facts: Record<string, FactValue>;
  findings: Finding[];
  /** Live checks failed for every SIM asked about. */
  unavailable: boolean;
  /** Whole-fleet summary was asked for. */
  fleet: boolean;
  skipped: boolean;
  /** The customer cannot name the SIMs ("I don't know", "there are many"). */
  unknownSims?: boolean;
  /** How many SIMs are affected, as far as the look-up tells (the customer's count, the fleet's problems). */
  affectedCount?: number;
  /** The service the customer named at the question, when the problem's first message named none. */
  service?: Service;
}

const LOOP = 'simLookupLoop';
const MAX_ATTEMPTS = 2;
/** At most this many SIMs of a narrowed fleet are put on the case (the count says how many more). */
const MAX_CASE_SIMS = 50;

/**
 * Finds out which SIMs are affected (asking only when the customer has not said), looks them up
 * live, shows a compact card of what was found, and returns the facts the flow's checks need. At its
 * question, a short number is a SIM's last digits, "the ones in Germany" narrows the fleet, and "I don't
 * know" or "lots of them" is a valid answer.
 */
export class SimLookupDialog extends InterruptibleDialog {
  constructor(
    kit: DialogKit,
    private readonly sims: SimLookupService,
    private readonly cases: CaseService,
    private readonly evidence: EvidenceInterpreter,
  ) {
    super(DIALOG.simLookup, kit);
    this.addDialog(new WaterfallDialog(LOOP, [this.askStep.bind(this), this.lookupStep.bind(this)]));
    this.initialDialogId = LOOP;
  }

  /** Ask which SIMs — unless the first message already named them. */
  private async askStep(step: WaterfallStepContext<SimLookupOptions>): Promise<DialogTurnResult> {
    const { refs } = step.options;
    if (refs && countRefs(refs) > 0) return step.next(refs);
    if (step.options.asked) return Dialog.EndOfTurn;
    const owned = this.sims.iccidsOf(step.options.organisationId);
    if (step.options.fleet && !step.options.fleetShown && owned.length !== 1) return this.fleet(step);
    const { oneDevice, filter } = step.options;
    if (oneDevice && filter && !step.options.fleetShown && !step.options.attempt) {
      const summary = await this.summarise(step, filter);
      const only = summary.matches.length === 1 ? summary.matches[0]?.iccid : undefined;
      if (only)
        return step.next({ iccids: [{ value: only, valid: true, raw: only }], msisdns: [], lastDigits: [] });
    }
    if (owned.length === 1 && !step.options.fleetShown && !step.options.attempt && owned[0]) {
      // One SIM in the whole account (a consumer): no need to ask which — nor to show "all" of one ("the little
      // lights are all red"). Not after a SIM that is not theirs: they meant another, not their own.
      return step.next({
        iccids: [{ value: owned[0], valid: true, raw: owned[0] }],
        msisdns: [],
        lastDigits: [],
      });
    }
    if (step.options.fleetShown) {
      // Offer the SIMs the overview flagged, so one tap picks the SIM to work on.
      const lang = await this.kit.langOf(step.context);
      const kb = this.kit.knowledge.current();
      const picks = (step.options.problemTails ?? []).map((digits) =>
        kb.text(lang, 'bot.sim.endingIn', { digits }),
      );
      await step.context.sendActivity(
        withButtons(kb.text(lang, 'bot.sim.afterFleet'), [...picks, kb.text(lang, 'bot.sim.skip')]),
      );
      return Dialog.EndOfTurn;
    }
    const lang = await this.kit.langOf(step.context);
    const kb = this.kit.knowledge.current();
    const picks = (step.options.candidateTails ?? []).map((digits) =>
      kb.text(lang, 'bot.sim.endingIn', { digits }),
    );
    await this.kit.sayText(
      step.context,
      kb.text(lang, step.options.attempt ? 'bot.sim.askAgain' : 'bot.sim.ask'),
      [...picks, kb.text(lang, 'bot.sim.all'), kb.text(lang, 'bot.sim.skip')],
    );
    return Dialog.EndOfTurn;
  }

  /** After "help" while we wait for the SIM: ask for it again. */
  protected override async onRepromptDialog(context: TurnContext): Promise<void> {
    await this.kit.say(context, 'bot.sim.askAgain', undefined, ['bot.sim.all', 'bot.sim.skip']);
  }

  /** Read the answer, look the SIMs up (or the fleet, or the part named) and report what the platform says. */
  private async lookupStep(step: WaterfallStepContext<SimLookupOptions>): Promise<DialogTurnResult> {
    const options = step.options;
    const context = step.context;
    const lang = await this.kit.langOf(context);
    const kb = this.kit.knowledge.current();
    let refs: SimReferences | undefined = isRefs(step.result) ? step.result : undefined;
    // SIMs picked by what the customer said about them ("the ones in Germany"), already checked live.
    let selected: SimLookupResult[] | undefined;
    if (!refs) {
      // "It's 0068, it can't send SMS" after "one of our units has a problem": the SIM is checked for that service.
      const told = options.serviceOpen
        ? namedService(recognitionOf(context)?.entities.services ?? [])
        : undefined;
      if (told && told !== options.service) options.service = options.toldService = told;
      const answer = this.readAnswer(context, options.organisationId);
      switch (answer.kind) {
        case 'evidence': {
          // Pasted modem output is evidence, not a wrong identifier: read it, say what it means, and ask
          // for the SIM again only when the message did not name one.
          const evidence = await this.readEvidence(step);
          if (answer.refs) {
            refs = answer.refs;
            options.evidence = evidence;
            break;
          }
          await this.kit.say(context, 'bot.sim.afterEvidence', undefined, ['bot.sim.all', 'bot.sim.skip']);
          const { refs: _refs, ...rest } = options;
          return step.replaceDialog(LOOP, { ...rest, evidence, asked: true } satisfies SimLookupOptions);
        }
        case 'skip':
          return step.endDialog(empty({ skipped: true, ...known(options) }));
        case 'unknown':
          if (options.endOnUnknown || options.fleetShown)
            return step.endDialog(
              empty({ skipped: true, unknownSims: true, ...known(options), ...answer.count }),
            );
          return this.fleet(step, { ...answer.count, unknownSims: true });
        case 'fleet': {
          // "Ya vamos por más de 300": for a look-up that ends on "many", a count is as much (a person takes over).
          if (!answer.filter && options.endOnUnknown && (answer.count.affectedCount ?? 0) > 1)
            return step.endDialog(
              empty({ skipped: true, unknownSims: true, ...known(options), ...answer.count }),
            );
          if (!answer.filter) return this.fleet(step, answer.count);
          // "The ones in Germany", "las que andan en roaming": the fleet's SIMs that match are the SIMs asked about.
          const summary = await this.summarise(step, answer.filter);
          const picked = pickMatches(summary);
          if (!picked) return this.fleet(step, answer.count, answer.filter, summary);
          selected = picked;
          options.affectedCount = Math.max(
            options.affectedCount ?? 0,
            answer.count.affectedCount ?? 0,
            summary.matches.length,
          );
          break;
        }
        case 'refs':
          refs = answer.refs;
          if ((answer.count.affectedCount ?? 0) > (options.affectedCount ?? 0))
            options.affectedCount = answer.count.affectedCount;
          break;
        case 'none':
          return this.retry(step, 'bot.sim.noReference');
        case 'hold': {
          await this.kit.say(context, 'bot.sim.holdOn');
          const { refs: _refs, ...rest } = options;
          return step.replaceDialog(LOOP, { ...rest, asked: true } satisfies SimLookupOptions);
        }
      }
    }

    const results =
      selected ??
      (await this.sims.lookup(options.organisationId, refs ?? NO_REFS, {
        service: options.service,
        ...(options.customerApn ? { customerApn: options.customerApn } : {}),
      }));
    for (const result of results) {
      const ref = `\`${result.ref}\``;
      if (result.outcome === 'invalid')
        await this.kit.say(context, `bot.sim.invalid.${result.reason ?? 'bad_check_digit'}`, { ref });
      if (result.outcome === 'not_found') await this.kit.say(context, 'bot.sim.notFound', { ref });
      if (result.outcome === 'ambiguous') {
        await this.kit.say(context, 'bot.sim.ambiguous', {
          ref,
          candidates: (result.candidates ?? []).map((c) => `\`${c}\``).join(', '),
        });
      }
    }
    const found = results.filter((r) => r.outcome === 'found');
    const unavailable = results.length > 0 && results.every((r) => r.outcome === 'unavailable');
    if (unavailable) {
      await this.kit.say(context, 'bot.sim.unavailable');
      return step.endDialog({ ...empty(known(options)), results, unavailable: true });
    }
    if (found.length === 0) {
      // "Which one?": the SIMs an ambiguous reference matched, one tap each.
      const candidateTails = results.flatMap((r) => (r.candidates ?? []).map((c) => c.slice(-4)));
      return this.retry(step, undefined, candidateTails);
    }
    // SIMs the platform could not be asked about (it failed part-way) get their line on the card.
    const shown = results.filter((r) => r.outcome === 'found' || r.outcome === 'unavailable');
    await context.sendActivity(
      MessageFactory.attachment(
        CardFactory.adaptiveCard(simResultsCard(shown, lang, (l, k, v) => kb.text(l, k, v))),
      ),
    );
    const outcome: SimLookupOutcome = {
      results,
      facts: { ...options.evidence?.facts, ...mergeFacts(found) },
      findings: [...(options.evidence?.findings ?? []), ...found.flatMap((r) => r.findings)],
      unavailable: false,
      fleet: false,
      skipped: false,
      ...(options.affectedCount ? { affectedCount: options.affectedCount } : {}),
      ...(options.toldService ? { service: options.toldService } : {}),
    };
    return step.endDialog(outcome);
  }

  /** What the customer answered to "which SIM?". */
  private readAnswer(context: TurnContext, organisationId: string): SimAnswer {
    const text = incomingText(context);
    const kb = this.kit.knowledge.current();
    const words = kb.vocabulary;
    const recognition = recognitionOf(context);
    const entities: Entities | undefined = recognition?.entities;
    const affected = entities?.affected;
    // "Primero pensé que eran unos 20, pero ya vamos por más de 300": a count with nothing counted, at this question.
    const told = affected?.count ?? approximateCountAnswer(messageWords(text), kb.entityWords.counts);
    const count = told && told > 1 ? { affectedCount: told } : {};
    const typed = entities ? refsOf(entities) : undefined;
    const named = typed && countRefs(typed) > 0 ? typed : undefined;
    // "Vaya. Entonces mirad la mía, la del router de casa": their own SIM, claimed — in an account of one, that one.
    const own = named ? [] : this.sims.iccidsOf(organisationId);
    if (own.length === 1 && own[0] && words.has('mine', text))
      return {
        kind: 'refs',
        refs: { iccids: [{ value: own[0], valid: true, raw: own[0] }], msisdns: [], lastDigits: [] },
        count,
      };
    // "No, on second thought I'll stay with you. The alarm unit on 8946…068 can't send": the SIM named is the answer.
    if (matchesLabel(kb, text, 'bot.sim.skip') || (recognition?.smallTalk === 'no' && !named))
      return { kind: 'skip' };
    if (entities && entities.modem.length > 0) return { kind: 'evidence', ...(named ? { refs: named } : {}) };
    // "Afectadas: unas 60 unidades. Ejemplos: ...0019 y ...0084": the SIMs to check, and the count the case keeps.
    if (named) return { kind: 'refs', refs: named, count };
    // "Hm, I may have misread the label. Hang on.": the customer is looking — no failed answer.
    if (words.has('holdOn', text) && !words.dontKnow(text)) return { kind: 'hold' };
    // "all", "all of them", "todas": every SIM, like the button.
    if (words.whole('allOfThem', text)) return { kind: 'fleet', count };
    // "todas, las 8": every SIM, and how many they are.
    const allRest = words.leading('allOfThem', messageWords(text));
    const allCount = allRest ? countAfterAll(allRest, kb.entityWords.counts) : undefined;
    if (allCount) return { kind: 'fleet', count: { affectedCount: allCount } };
    // "I don't know", "no lo sé, son muchos": valid answers — the bot finds them, or a person takes over.
    if (words.dontKnow(text) || words.has('many', text) || words.has('simUnknown', text))
      return { kind: 'unknown', count };
    const filter = entities
      ? fleetFilterOf(text, entities, words, { countries: kb.entityWords.countries })
      : undefined;
    if (matchesLabel(kb, text, 'bot.sim.all') || affected?.all || filter || count.affectedCount)
      return { kind: 'fleet', count, ...(filter ? { filter } : {}) };
    // "It is the one with phone number 070-123 40 19": a number in national format is the phone number's end.
    const national = nationalNumber(text);
    if (national)
      return { kind: 'refs', refs: { iccids: [], msisdns: [], lastDigits: [national] }, count: {} };
    // At this question a bare "0043", "...0043" or "es la 0043" is the SIM's last digits.
    const digits = kb.entityWords.suffixes.answer(foldText(text), affected?.count);
    if (digits.length > 0)
      return { kind: 'refs', refs: { iccids: [], msisdns: [], lastDigits: digits }, count: {} };
    return { kind: 'none' };
  }

  /** Read pasted modem output: say what it means in plain words and keep it with what was read before. */
  private async readEvidence(
    step: WaterfallStepContext<SimLookupOptions>,
  ): Promise<NonNullable<SimLookupOptions['evidence']>> {
    const { context } = step;
    const recognition = recognitionOf(context);
    const lang = await this.kit.langOf(context);
    const before = step.options.evidence ?? { facts: {}, findings: [] };
    if (!recognition) return before;
    const read = this.evidence.interpret(recognition.entities);
    for (const finding of read.findings) await this.kit.sayText(context, findingSentence(finding, lang));
    return { facts: { ...before.facts, ...read.facts }, findings: [...before.findings, ...read.findings] };
  }

  /** Check the fleet (or the part named) live, telling the customer it may take a moment. */
  private async summarise(
    step: WaterfallStepContext<SimLookupOptions>,
    filter: FleetFilter | undefined,
  ): Promise<FleetSummary> {
    await this.kit.say(step.context, 'bot.sim.fleetChecking');
    await step.context.sendActivities([{ type: 'typing' }]);
    return this.sims.summariseFleet(step.options.organisationId, { service: step.options.service }, filter);
  }

  private async fleet(
    step: WaterfallStepContext<SimLookupOptions>,
    learned: Partial<SimLookupOutcome> = {},
    filter: FleetFilter | undefined = step.options.filter,
    checked?: FleetSummary,
  ): Promise<DialogTurnResult> {
    const lang = await this.kit.langOf(step.context);
    const kb = this.kit.knowledge.current();
    const summary = checked ?? (await this.summarise(step, filter));
    // The platform failing part-way stops the summary: show what was checked, then say so.
    if (summary.unavailable === 0 || summary.checked > summary.unavailable) {
      await step.context.sendActivity(
        MessageFactory.attachment(
          CardFactory.adaptiveCard(
            fleetSummaryCard(
              summary,
              lang,
              (l, k, v) => kb.text(l, k, v),
              filter ? describeFilter(kb, lang, filter) : undefined,
            ),
          ),
        ),
      );
    }
    if (summary.unavailable > 0) await this.kit.say(step.context, 'bot.sim.unavailable');
    const unavailable = summary.total > 0 && summary.unavailable === summary.checked;
    // The SIMs with problems are affected at least; the customer's own count wins when it is larger.
    const affectedCount =
      Math.max(learned.affectedCount ?? 0, step.options.affectedCount ?? 0, summary.problems.length) ||
      undefined;
    const current = step.options.caseId ? this.cases.get(step.options.caseId) : undefined;
    if (current && affectedCount && affectedCount > current.affectedCount)
      await this.cases.reprioritise(current.id, { affectedCount });
    // The SIMs the customer narrowed the fleet to ("the ones in Germany") are the case's SIMs.
    const narrowed = filter ? summary.matches.flatMap((r) => (r.iccid ? [r.iccid] : [])) : [];
    if (current && narrowed.length > 0)
      await this.cases.addSims(current.id, narrowed.slice(0, MAX_CASE_SIMS));
    const result = empty({
      ...known(step.options),
      ...learned,
      fleet: true,
      unavailable,
      ...(affectedCount ? { affectedCount } : {}),
    });
    if (unavailable || step.options.fleetShown) return step.endDialog(result);
    // The overview tells what is wrong across the fleet; the checks need one SIM to work on.
    const { refs: _refs, ...rest } = step.options;
    const problemTails = summary.problems.slice(0, 5).map((p) => p.iccid.slice(-4));
    // "About 120 trackers in Germany": when the filter narrows the fleet to a few SIMs, those are checked.
    const picked = filter ? pickMatches(summary) : undefined;
    const iccids = (picked ?? []).flatMap((r) =>
      r.iccid ? [{ value: r.iccid, valid: true, raw: r.iccid }] : [],
    );
    if (iccids.length > 0)
      return step.replaceDialog(LOOP, {
        ...rest,
        attempt: 0,
        fleetShown: true,
        refs: { iccids, msisdns: [], lastDigits: [] },
        ...(affectedCount ? { affectedCount } : {}),
      } satisfies SimLookupOptions);
    return step.replaceDialog(LOOP, {
      ...rest,
      attempt: 0,
      fleetShown: true,
      problemTails,
      ...(affectedCount ? { affectedCount } : {}),
    } satisfies SimLookupOptions);
  }

  /** Ask once more (the number had a typo, or was not one of theirs), then carry on without. */
  private async retry(
    step: WaterfallStepContext<SimLookupOptions>,
    sayFirst?: string,
    candidateTails: string[] = [],
  ): Promise<DialogTurnResult> {
    const attempt = (step.options.attempt ?? 0) + 1;
    if (step.options.noRetry) {
      if (sayFirst) await this.kit.say(step.context, sayFirst);
      return step.endDialog(empty({ skipped: true, ...known(step.options) }));
    }
    if (attempt >= MAX_ATTEMPTS) {
      await this.kit.say(step.context, 'bot.sim.continueWithout');
      return step.endDialog(empty({ skipped: true, ...known(step.options) }));
    }
    if (sayFirst) await this.kit.say(step.context, sayFirst);
    const { refs: _refs, candidateTails: _tails, ...rest } = step.options;
    return step.replaceDialog(LOOP, {
      ...rest,
      attempt,
      ...(candidateTails.length ? { candidateTails } : {}),
    } satisfies SimLookupOptions);
  }
}

/** An answer to "which SIM?". */
type SimAnswer =
  | { kind: 'skip' }
  | { kind: 'evidence'; refs?: SimReferences }
  | { kind: 'unknown'; count: { affectedCount?: number } }
  | { kind: 'fleet'; count: { affectedCount?: number }; filter?: FleetFilter }
  | { kind: 'refs'; refs: SimReferences; count: { affectedCount?: number } }
  | { kind: 'hold' }
  | { kind: 'none' };

/**
 * A phone number written in national format ("070-123 40 19", "070 123 40 19"): its digits without the trunk 0 (eight
 * to ten of them), which end the number in international format. Undefined when the message has none.
 */
function nationalNumber(text: string): string | undefined {
  const match = /(?<![\d+])0\d{1,3}(?:[-\s]?\d{2,4}){2,4}(?![\d])/.exec(text);
  const digits = match?.[0].replace(/\D/g, '').slice(1);
  return digits && digits.length >= 8 && digits.length <= 10 ? digits : undefined;
}

/** The SIM references in a message's entities. */
export function refsOf(entities: Entities): SimReferences {
  const { iccids, msisdns, lastDigits } = entities;
  const imeis = entities.imeis.map((i) => i.value);
  const { imsis } = entities;
  return {
    iccids,
    msisdns,
    lastDigits,
    ...(imeis.length ? { imeis } : {}),
    ...(imsis.length ? { imsis } : {}),
  };
}

export function countRefs(refs: SimReferences): number {
  return (
    refs.iccids.length +
    refs.msisdns.length +
    refs.lastDigits.length +
    (refs.imeis?.length ?? 0) +
    (refs.imsis?.length ?? 0)
  );
}

/** At most this many SIMs a filter selects are checked as the SIMs asked about; more get the overview. */
const MAX_SELECTED = 5;

/**
 * The SIMs a filter answer selects: all that match when they are few, else the matching ones with a problem
 * when those are few; undefined (show the overview) when none match or too many do.
 */
function pickMatches(summary: FleetSummary): SimLookupResult[] | undefined {
  const found = summary.matches.filter((r) => r.outcome === 'found');
  if (found.length > 0 && found.length <= MAX_SELECTED) return found;
  const troubled = found.filter((r) => r.findings.some((f) => f.code !== 'HEALTHY'));
  return troubled.length > 0 && troubled.length <= MAX_SELECTED ? troubled : undefined;
}

const NO_REFS: SimReferences = { iccids: [], msisdns: [], lastDigits: [] };

function isRefs(value: unknown): value is SimReferences {
  return typeof value === 'object' && value !== null && 'iccids' in value && 'msisdns' in value;
}

/** The count learned earlier in the look-up, for its outcome. */
function known(options: SimLookupOptions): Partial<SimLookupOutcome> {
  return {
    ...(options.affectedCount ? { affectedCount: options.affectedCount } : {}),
    ...(options.evidence ? { facts: options.evidence.facts, findings: options.evidence.findings } : {}),
    ...(options.toldService ? { service: options.toldService } : {}),
  };
}

function empty(overrides: Partial<SimLookupOutcome>): SimLookupOutcome {
  return {
    results: [],
    facts: {},
    findings: [],
    unavailable: false,
    fleet: false,
    skipped: false,
    ...overrides,
  };
}
