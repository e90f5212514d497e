import type { TurnContext } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CaseService } from '../bot/cases/caseService.js';
import { describeCaseLine, describeCaseStatus } from '../bot/cases/caseStatusText.js';
import type { Case } from '../bot/cases/caseSchema.js';
import { evidenceIntent, namesASim } from '../bot/nlu/messageAct.js';
import { reportedWords } from '../bot/nlu/reportedWords.js';
import type { Entities, Recognition } from '../bot/nlu/types.js';
import { recognitionOf } from '../bot/turn/turnKeys.js';
import type { TroubleshootOptions } from './troubleshootDialog.js';
import { visibleCase, visibleOpenCases } from './caseVisibility.js';
import { DIALOG } from './dialogIds.js';
import type { DialogKit } from './dialogKit.js';
import { CHOICE_KEYS, InterruptibleDialog } from './interruptibleDialog.js';
import type { Lang } from '../bot/domain/language.js';

export interface CaseStatusOptions {
  entities: Entities;
  text: string;
}

const STEPS = 'caseStatusSteps';
/** Open cases listed before "and N more". */
const MAX_LISTED = 5;

/**
 * "Any news on my ticket?": the named case or the organisation's open cases, with status, priority and
 * what it promises, last update, who has it, what happens next and time against target — and a button to
 * close a case the customer no longer needs. Only the speaker's own organisation's cases exist here:
 * another organisation's id is "not found", like a wrong one.
 */
export class CaseStatusDialog extends InterruptibleDialog {
  constructor(
    kit: DialogKit,
    private readonly cases: CaseService,
    private readonly now: () => Date,
  ) {
    super(DIALOG.caseStatus, kit);
    this.addDialog(new WaterfallDialog(STEPS, [this.answerStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** The message tells something wrong on SIMs it names (not only asks about a case). */
  private problemOnSims(recognition: Recognition): boolean {
    return namesASim(recognition) && this.tellsProblem(recognition);
  }

  /** The message tells something wrong ("the tracker still isn't sending anything"), with or without a SIM. */
  private tellsProblem(recognition: Recognition): boolean {
    const words = this.kit.vocabulary();
    const reported = reportedWords(recognition.text, words);
    return words.has('symptom', reported) || words.has('stillBroken', reported);
  }

  /** The problem the message tells, checked as a new one. */
  private checkAsNew(
    step: WaterfallStepContext<CaseStatusOptions>,
    recognition: Recognition,
  ): Promise<DialogTurnResult> {
    return step.replaceDialog(DIALOG.troubleshoot, {
      intent: evidenceIntent(recognition),
      entities: recognition.entities,
      text: recognition.text,
    } satisfies TroubleshootOptions);
  }

  /** Answer from what the message names; list open cases when it names none. */
  private async answerStep(step: WaterfallStepContext<CaseStatusOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const named = step.options.entities.caseIds;
    if (named.length > 0) {
      let anyFound = false;
      for (const id of named) {
        const found = visibleCase(this.cases, context, id);
        if (found) await this.report(context, found);
        else await this.kit.say(context, 'bot.cases.notFound', { caseId: id });
        anyFound ||= Boolean(found);
      }
      // "Case 3318 again — it's spreading. Now three trucks are dark: 0027, 0043 and 0050": no such case, but a
      // problem told on SIMs named is checked as a new one.
      const recognition = recognitionOf(context);
      if (!anyFound && recognition && this.problemOnSims(recognition))
        return this.checkAsNew(step, recognition);
      return step.endDialog();
    }
    const words = this.kit.vocabulary();
    const wantsOrders = words.has('orderStatus', step.options.text) || words.has('order', step.options.text);
    // Open means still being worked on: resolved and closed cases are not counted.
    const open = visibleOpenCases(this.cases, context)
      .filter((c) => !wantsOrders || c.type === 'order')
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    // "any news on the ticket I opened yesterday? the tracker still isn't sending anything": no case to tell about —
    // the problem told is checked as a new one.
    const recognition = recognitionOf(context);
    if (open.length === 0 && !wantsOrders && recognition && this.tellsProblem(recognition)) {
      await this.kit.say(context, 'bot.cases.noneOpenProblem');
      return this.checkAsNew(step, recognition);
    }
    if (open.length === 0) {
      await this.kit.say(
        context,
        wantsOrders ? 'bot.cases.noOpenOrders' : 'bot.cases.noneOpen',
        undefined,
        CHOICE_KEYS,
      );
      return step.endDialog();
    }
    if (open.length === 1 && open[0]) {
      await this.report(context, open[0]);
      return step.endDialog();
    }
    const lang = await this.kit.langOf(context);
    const kb = this.kit.knowledge.current();
    const text = (l: Lang, key: string, vars?: Readonly<Record<string, string | number>>) =>
      kb.text(l, key, vars);
    const lines = open.slice(0, MAX_LISTED).map((c) => `• ${describeCaseLine(c, lang, this.now(), text)}`);
    const more =
      open.length > MAX_LISTED
        ? `\n${kb.text(lang, 'bot.cases.more', { count: open.length - MAX_LISTED })}`
        : '';
    await this.kit.say(context, 'bot.cases.list', { count: open.length, lines: lines.join('\n') + more });
    return step.endDialog();
  }

  /** One case's status, with a button to close it while it is not with an agent or closed. */
  private async report(context: TurnContext, c: Case): Promise<void> {
    const lang = await this.kit.langOf(context);
    const kb = this.kit.knowledge.current();
    const status = describeCaseStatus(c, lang, this.now(), (l, key, vars) => kb.text(l, key, vars));
    const closable = c.status !== 'closed' && c.status !== 'with_agent';
    await this.kit.sayText(
      context,
      status,
      closable ? [kb.text(lang, 'bot.close.button', { caseId: c.id })] : undefined,
    );
  }
}
