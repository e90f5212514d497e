import type { SimLookupService, SimReferences } from '../bot/connectivity/simLookup.js';
import { correctedSims } from '../bot/nlu/simCorrection.js';
import { reportedWords } from '../bot/nlu/reportedWords.js';
import { asksHowTo, isQuestion } from '../bot/nlu/messageAct.js';
import {
  Dialog,
  WaterfallDialog,
  type DialogInstance,
  type WaterfallStepContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { FactValue } from '../bot/domain/facts.js';
import { findingSentence, toCaseFindings } from '../bot/connectivity/findingText.js';
import type { CaseService } from '../bot/cases/caseService.js';
import type { Finding } from '../bot/domain/findings.js';
import type { Lang } from '../bot/domain/language.js';
import { advanceFlow, currentPrompt, startFlow } from '../bot/knowledgeBase/flowEngine.js';
import type {
  FlowInput,
  FlowOutcome,
  FlowPrompt,
  FlowStep,
  TrailEntry,
} from '../bot/knowledgeBase/flowTypes.js';
import type { KnowledgeBase } from '../bot/knowledgeBase/knowledgeBase.js';
import type { Vocabulary, YesNoAnswer } from '../bot/nlu/words/vocabulary.js';
import type { Entities } from '../bot/nlu/types.js';
import { identityOf, recognitionOf } from '../bot/turn/turnKeys.js';
import { shouldHandOff } from '../bot/handoff/triggers.js';
import { DIALOG } from './dialogIds.js';
import { fold, incomingText, type DialogKit } from './dialogKit.js';
import { InterruptibleDialog, type YesNoAware } from './interruptibleDialog.js';

/** Turns evidence pasted into a message (modem output) into facts and findings. */
export interface EvidenceInterpreter {
  interpret(entities: Entities): { facts: Record<string, FactValue>; findings: Finding[] };
  /** Where the device's evidence and the live platform disagree (facts of both), in plain words. */
  reconcile(facts: Readonly<Record<string, FactValue>>): Finding[];
}

/**
 * Options of one pass through the walk loop (the loop replaces itself with the next pass). They are
 * the walk's whole state: the waterfall keeps them in the dialog state between turns.
 */
export interface FlowWalkOptions {
  flowId: string;
  facts: Record<string, FactValue>;
  /** The engine's step: complete when a pass starts, cut to {@link KeptStep} once shown. */
  step?: FlowStep | KeptStep;
  /** Answers in a row that did not fit the question. */
  misses?: number;
  findings?: Finding[];
  /** The SIMs looked up for this problem (checked again when the customer says "done" or "not sure"). */
  iccids?: string[];
  /** "Done" / "I don't know" answers to the pending "does it work now?" so far. */
  unsure?: number;
}

/** Looks the problem's SIMs up again, live ("done, I changed it": check again). */
export interface LiveRecheck {
  /** Fresh facts and findings; undefined when there is nothing to look up (no SIM known, no organisation). */
  recheck(
    context: TurnContext,
    iccids: readonly string[],
    service: string,
  ): Promise<{ facts: Record<string, FactValue>; findings: Finding[] } | undefined>;
}

/** "Done" or "not sure" to "does it work now?": checked again this often, then the flow goes on as a no. */
const MAX_UNSURE = 2;

/** How a walk ended, for the troubleshooting dialog. */
export interface FlowWalkResult {
  outcome: FlowOutcome | { kind: 'handoff'; reason: 'going_in_circles' | 'not_understood'; text?: undefined };
  trail: TrailEntry[];
  facts: Record<string, FactValue>;
  findings: Finding[];
  /** The customer took the SIM being checked back and named these instead: check them, not the walk's. */
  switchTo?: SimReferences;
}

const LOOP = 'flowWalkLoop';

/**
 * What a shown step keeps until the answer: where the flow is and the question asked. Its messages,
 * trail copy and learned facts are not stored again in every turn's dialog state.
 */
type KeptStep = Pick<FlowStep, 'state' | 'prompt'>;

/**
 * Walks one troubleshooting flow from the knowledge base: shows instructions, asks the flow's
 * questions (buttons or typed answers), lets the engine answer *check* nodes from known facts, and
 * ends with the flow's outcome. The flow stays on the knowledge version it started on.
 */
export class FlowWalkDialog extends InterruptibleDialog implements YesNoAware {
  constructor(
    kit: DialogKit,
    private readonly evidence: EvidenceInterpreter,
    private readonly live: LiveRecheck,
    private readonly cases: Pick<CaseService, 'addFindings'>,
    private readonly sims: Pick<SimLookupService, 'identify'>,
  ) {
    super(DIALOG.flowWalk, kit);
    this.addDialog(new WaterfallDialog(LOOP, [this.showStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = LOOP;
  }

  /** Show what the engine produced, then wait for the answer — or end with the outcome. */
  private async showStep(step: WaterfallStepContext<FlowWalkOptions>): Promise<DialogTurnResult> {
    const options = step.options;
    const lang = await this.kit.langOf(step.context);
    const flowStep =
      (options.step as FlowStep | undefined) ??
      startFlow(this.kit.knowledge.current(), options.flowId, options.facts, lang);
    // The options object is the waterfall's stored state: keep only what the answer needs.
    options.step = { state: flowStep.state, ...(flowStep.prompt ? { prompt: flowStep.prompt } : {}) };
    if (flowStep.notice === 'restarted') await this.kit.say(step.context, 'bot.flow.restarted');
    for (const message of flowStep.messages) await this.kit.sayText(step.context, message.text);
    if (flowStep.outcome) return step.endDialog(this.result(options, flowStep, flowStep.outcome));
    if (flowStep.prompt) await this.sendPrompt(step.context, flowStep.prompt);
    return Dialog.EndOfTurn;
  }

  /** Read the answer (button, yes/no, typed text, pasted modem output) and move the flow on. */
  private async answerStep(step: WaterfallStepContext<FlowWalkOptions>): Promise<DialogTurnResult> {
    const walk = step.options;
    if (!walk.step) throw new Error('FlowWalkDialog.answerStep: no walk state (showStep did not run)');
    const shown = walk.step;
    const context = step.context;
    const text = incomingText(context);
    const lang = await this.keepFlowLanguage(context, shown.state.lang, text);
    const recognition = recognitionOf(context);
    // "Sorry, my mistake: truck 14 is the one ending 0076": the walk was about the wrong SIM.
    const identity = identityOf(context);
    const numbered =
      recognition && identity.kind === 'customer' && recognition.entities.msisdns.length > 0
        ? this.sims.identify(identity.organisation.id, {
            iccids: [],
            msisdns: recognition.entities.msisdns,
            lastDigits: [],
          }).iccids
        : [];
    const switchTo = recognition
      ? correctedSims(this.kit.vocabulary(), recognition, walk.iccids ?? [], numbered)
      : undefined;
    if (switchTo)
      return step.endDialog({
        outcome: { kind: 'end' },
        trail: [],
        facts: walk.facts,
        findings: [],
        switchTo,
      } satisfies FlowWalkResult);
    const kb = this.kit.knowledge.get(shown.state.kbVersion) ?? this.kit.knowledge.current();
    // "la sim acaba en 100" to "does it work now?": the SIM being checked, named again — said so, and the question
    // stands (no answer missed).
    const named = recognition ? walkSimsNamed(recognition.entities, walk.iccids ?? []) : [];
    if (
      named.length > 0 &&
      recognition?.entities.modem.length === 0 &&
      kb.vocabulary.yesNo(text) === undefined
    ) {
      await this.kit.say(context, 'bot.flow.sameSim', {
        sims: named.map((iccid) => `…${iccid.slice(-4)}`).join(', '),
      });
      return step.replaceDialog(LOOP, { ...walk, step: sameStep(kb, shown, lang) } satisfies FlowWalkOptions);
    }
    const facts = { ...walk.facts };
    const findings = [...(walk.findings ?? [])];
    let evidenceRead = false;
    if (recognition && recognition.entities.modem.length > 0) {
      const learned = this.evidence.interpret(recognition.entities);
      Object.assign(facts, learned.facts);
      // New device output against what the platform already showed: say where they disagree.
      const conflicts = this.evidence.reconcile(facts);
      const added = [...learned.findings, ...conflicts].filter(
        (f) => !findings.some((x) => x.code === f.code),
      );
      for (const finding of added) {
        findings.push(finding);
        await this.kit.sayText(context, findingSentence(finding, lang));
      }
      evidenceRead = added.length > 0;
      // On the case now, not only when the walk ends: an agent who picks it up mid-walk sees it.
      const caseId = (await this.kit.profileOf(context)).caseId;
      if (caseId && added.length > 0) await this.cases.addFindings(caseId, toCaseFindings(added, lang));
    }
    const prompt = shown.prompt;
    // "ok y cómo lo cambio?" after the checks found the APN wrong: the article that tells how to fix what was found,
    // then the question again (no answer missed).
    const fix =
      !evidenceRead && kb.vocabulary.yesNo(text) === undefined && asksHowToFix(text, kb.vocabulary)
        ? kb.articles.forFindings(findings.map((f) => f.code))
        : undefined;
    // The same question again, with what this turn learned and found.
    const askAgain = (): Promise<DialogTurnResult> =>
      step.replaceDialog(LOOP, {
        ...walk,
        facts,
        findings,
        step: sameStep(kb, shown, lang),
      } satisfies FlowWalkOptions);
    if (fix) {
      (await this.kit.profileOf(context)).lastArticleId = fix.id;
      await this.kit.sayText(context, this.kit.articleText(context, fix, lang));
      return askAgain();
    }
    const evidenced = prompt ? choiceFromFacts(kb, prompt, facts, walk.facts) : undefined;
    const answer = prompt?.kind === 'yesno' && !evidenced ? kb.vocabulary.answer(text) : undefined;
    const resolution = prompt && kb.flow(prompt.flowId)?.nodes[prompt.nodeId]?.kind === 'resolution';
    if (resolution && (answer === 'done' || answer === 'unknown')) {
      const unsure = (walk.unsure ?? 0) + 1;
      if (unsure < MAX_UNSURE) {
        // "Done, I changed it" / "not sure" to "does it work now?": not a yes — look again, say what is seen.
        const seen = await this.checkAgain(context, walk, answer, lang);
        return step.replaceDialog(LOOP, {
          ...walk,
          facts: { ...facts, ...seen },
          findings,
          step: sameStep(kb, shown, lang),
          unsure,
        } satisfies FlowWalkOptions);
      }
    }
    // "Ahh, our installer left the APN on 'internet'. Changing it now...": the customer is doing it — the question
    // stays open, no answer missed.
    if (
      prompt &&
      !evidenced &&
      answer === undefined &&
      kb.vocabulary.has('holdOn', text) &&
      !/[?¿]/.test(text)
    ) {
      await this.kit.say(context, 'bot.flow.takeYourTime');
      return askAgain();
    }
    const input: FlowInput = evidenced
      ? { choice: evidenced }
      : resolution && (answer === 'done' || answer === 'unknown')
        ? { yes: false }
        : prompt
          ? toInput(prompt, text, answer, recognition?.entities, kb.vocabulary)
          : { text };
    const next = advanceFlow(kb, shown.state, facts, input, { lang });
    const merged = { ...facts, ...next.learned };

    const misses = next.notice === 'invalid_input' ? (walk.misses ?? 0) + 1 : 0;
    const nodeVisits = next.prompt ? { [next.prompt.nodeId]: visits(next.trail, next.prompt.nodeId) } : {};
    const handoff = shouldHandOff({ failedUnderstandings: misses, nodeVisits });
    if (handoff === 'not_understood' || handoff === 'going_in_circles')
      return step.endDialog(this.circles(walk, next, merged, findings, handoff));
    if (next.notice === 'invalid_input') {
      // Output read and explained answers no question here: the question is asked again, without "I didn't catch that".
      if (evidenceRead)
        return step.replaceDialog(LOOP, {
          ...walk,
          facts: merged,
          findings,
          step: next,
          misses: walk.misses ?? 0,
        });
      await this.kit.say(context, 'bot.flow.didNotUnderstand');
      return step.replaceDialog(LOOP, { ...walk, facts: merged, findings, step: next, misses });
    }
    return step.replaceDialog(LOOP, {
      flowId: walk.flowId,
      facts: merged,
      findings,
      step: next,
      misses: 0,
      ...(walk.iccids ? { iccids: walk.iccids } : {}),
    });
  }

  /**
   * Look the problem's SIMs up again and say what the platform sees now — a data session, the same problem
   * still there, or nothing yet — or, with no SIM to look at, how to check on the device. Returns the fresh facts.
   */
  private async checkAgain(
    context: TurnContext,
    walk: FlowWalkOptions,
    answer: 'done' | 'unknown',
    lang: Lang,
  ): Promise<Record<string, FactValue>> {
    const iccids = [
      ...new Set([
        ...(walk.iccids ?? []),
        ...(walk.findings ?? []).flatMap((f) => (f.iccid ? [f.iccid] : [])),
      ]),
    ];
    const seen = iccids.length ? await this.live.recheck(context, iccids, walk.flowId) : undefined;
    if (!seen) {
      await this.kit.say(context, answer === 'done' ? 'bot.flow.recheck.noSim' : 'bot.flow.unsure.noSim');
      return {};
    }
    const problems = seen.findings.filter((f) => f.severity !== 'info' && f.code !== 'HEALTHY');
    const ip = seen.facts['session.ip'];
    if (problems.length > 0)
      await this.kit.say(context, 'bot.flow.recheck.same', {
        problems: problems.map((f) => f.explanation[lang]).join(' '),
      });
    else if (seen.facts['session.active'] === true)
      await this.kit.say(context, 'bot.flow.recheck.session', { ip: typeof ip === 'string' ? ip : '—' });
    else await this.kit.say(context, 'bot.flow.recheck.noSession');
    return seen.facts;
  }

  /**
   * A message with no clear language ("xyzzy", an APN, "ok") must not switch the flow's language: it answers
   * in the language the flow speaks.
   */
  private async keepFlowLanguage(context: TurnContext, flowLang: Lang, text: string): Promise<Lang> {
    const profile = await this.kit.profileOf(context);
    if (profile.lang === flowLang) return flowLang;
    if (!this.kit.knowledge.current().languages.identify(text)) profile.lang = flowLang;
    return profile.lang;
  }

  /** After "help" (or any interruption that resumes), ask the pending question again. */
  protected override async onRepromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const flowState = pendingFlowState(instance);
    if (!flowState) return;
    const kb = this.kit.knowledge.get(flowState.kbVersion) ?? this.kit.knowledge.current();
    const prompt = currentPrompt(kb, flowState, await this.kit.langOf(context));
    if (prompt) await this.sendPrompt(context, prompt);
  }

  /** Whether the pending question is a yes/no one: "right… it's working now" answers no choice between options. */
  asksYesNo(instance: DialogInstance): boolean {
    const flowState = pendingFlowState(instance);
    if (!flowState) return true;
    const kb = this.kit.knowledge.get(flowState.kbVersion) ?? this.kit.knowledge.current();
    return currentPrompt(kb, flowState, flowState.lang)?.kind !== 'choice';
  }

  private async sendPrompt(context: TurnContext, prompt: FlowPrompt): Promise<void> {
    await this.kit.sayText(
      context,
      prompt.text.text,
      prompt.choices.map((c) => c.label),
    );
  }

  private result(options: FlowWalkOptions, step: FlowStep, outcome: FlowOutcome): FlowWalkResult {
    return {
      outcome,
      trail: step.trail,
      facts: { ...options.facts, ...step.state.learned },
      findings: options.findings ?? [],
    };
  }

  private circles(
    _walk: FlowWalkOptions,
    next: FlowStep,
    facts: Record<string, FactValue>,
    findings: Finding[],
    reason: 'going_in_circles' | 'not_understood',
  ): FlowWalkResult {
    return { outcome: { kind: 'handoff', reason }, trail: next.trail, facts, findings };
  }
}

/** Map what the customer sent to the engine's input for this prompt. */
function toInput(
  prompt: FlowPrompt,
  text: string,
  answer: YesNoAnswer | undefined,
  entities: Entities | undefined,
  words: Vocabulary,
): FlowInput {
  // "I don't know" to a yes/no question: its own path (never a no, never asked again and again).
  if (prompt.kind === 'yesno' && answer === 'unknown') return { unknown: true };
  if (prompt.kind === 'yesno' || prompt.choices.some((c) => c.id === 'yes')) {
    // "yes", "sí", "no, still nothing", "I changed the APN, still nothing", "it works now".
    // "Sí, ya la reiniciamos esta mañana y sigue igual" to "does it work now?": the yes is for what was done, and
    // it still fails — no, whatever word it starts with.
    // "creo que el APN está mal, el router dice 'PDP context failed'": a fault told is a no as much.
    const stillFails =
      prompt.resolution === true &&
      (words.has('stillBroken', text) || words.has('symptom', reportedWords(text, words))) &&
      !words.has('worksNow', text);
    const yes = stillFails ? false : words.yesNo(text);
    if (yes !== undefined) return prompt.kind === 'yesno' ? { yes } : { choice: yes ? 'yes' : 'no' };
  }
  if (prompt.kind === 'text') {
    if (prompt.setsFact === 'apn.device' && entities?.apns[0]) return { text: entities.apns[0] };
    return { text };
  }
  const folded = fold(text);
  if (words.dontKnow(text)) {
    const unsure = prompt.choices.find((c) => c.unknown);
    if (unsure) return { choice: unsure.id };
  }
  if (/^\d{1,2}$/.test(folded)) {
    // A number that a label stands for ("3 — denied") wins over the button's position.
    const named = prompt.choices.filter((c) =>
      Object.values(c.labels).some((l) => new RegExp(`(^|[^\\d])${folded}([^\\d]|$)`).test(l)),
    );
    if (named.length === 1 && named[0]) return { choice: named[0].id };
    const byPosition = prompt.choices[Number(folded) - 1];
    if (byPosition) return { choice: byPosition.id };
  }
  const exact = prompt.choices.find(
    (c) => c.id === folded || Object.values(c.labels).some((l) => fold(l) === folded),
  );
  if (exact) return { choice: exact.id };
  const partial = prompt.choices.filter((c) =>
    Object.values(c.labels).some((l) => folded.length >= 3 && fold(l).includes(folded)),
  );
  if (partial.length === 1 && partial[0]) return { choice: partial[0].id };
  return { text };
}

/**
 * The choice that evidence in this message already answers: pasted modem output (e.g. `+CEREG: 0,3`)
 * sets facts, and the choice whose `sets` match them (modem.registration = denied) is the answer.
 */
function choiceFromFacts(
  kb: KnowledgeBase,
  prompt: FlowPrompt,
  facts: Readonly<Record<string, FactValue>>,
  before: Readonly<Record<string, FactValue>>,
): string | undefined {
  const node = kb.flow(prompt.flowId)?.nodes[prompt.nodeId];
  if (node?.kind !== 'question' || node.answer.type !== 'choice') return undefined;
  const fresh = (name: string): boolean => facts[name] !== undefined && facts[name] !== before[name];
  const matches = node.answer.choices.filter((choice) => {
    const sets = Object.entries(choice.sets ?? {});
    return sets.length > 0 && sets.every(([name, value]) => fresh(name) && facts[name] === value);
  });
  return matches.length === 1 ? matches[0]?.id : undefined;
}

/** A question asking how ("¿y cómo lo cambio?", "how do I fix that?"), however it opens. */
function asksHowToFix(text: string, words: Vocabulary): boolean {
  return asksHowTo(text, words) || (isQuestion(text, words) && words.has('howTo', text));
}

/** The step shown, to be shown again: its question (in `lang`), no new messages. */
function sameStep(kb: KnowledgeBase, shown: KeptStep, lang: Lang): FlowStep {
  // "Sorry, can we continue in English? The SIM is …0100": the question again, in the language spoken now.
  const prompt = shown.prompt ? (currentPrompt(kb, shown.state, lang) ?? shown.prompt) : undefined;
  return {
    state: shown.state,
    messages: [],
    ...(prompt ? { prompt } : {}),
    trail: shown.state.trail,
    learned: {},
  };
}

/**
 * The walk's SIMs a message names, when it names only them (by ICCID or last digits): "la sim acaba en 100" while
 * …0100 is being checked. Empty when it names none, or any other SIM or number.
 */
function walkSimsNamed(entities: Entities, iccids: readonly string[]): string[] {
  const { lastDigits, msisdns, imeis, imsis } = entities;
  if (iccids.length === 0 || msisdns.length + imeis.length + imsis.length > 0) return [];
  const found = [
    ...entities.iccids.map((iccid) => iccids.find((own) => own === iccid.value)),
    ...lastDigits.map((digits) => iccids.find((own) => own.endsWith(digits))),
  ];
  if (found.length === 0 || found.some((iccid) => iccid === undefined)) return [];
  return [...new Set(found.flatMap((iccid) => (iccid ? [iccid] : [])))];
}

function visits(trail: readonly TrailEntry[], nodeId: string): number {
  return (
    trail.filter((t) => t.nodeId === nodeId && (t.kind === 'question' || t.kind === 'resolution')).length + 1
  );
}

/** The flow state the walk waits on: the loop's waterfall keeps the walk in its options (the only inner dialog). */
function pendingFlowState(instance: DialogInstance): FlowStep['state'] | undefined {
  const inner = instance.state as {
    dialogs?: { dialogStack?: Array<{ state?: { options?: FlowWalkOptions } }> };
  };
  return inner.dialogs?.dialogStack?.[0]?.state?.options?.step?.state;
}
