import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Case } from '../cases/caseSchema.js';
import type { CaseService } from '../cases/caseService.js';
import { identityOf } from '../turn/turnKeys.js';
import type { CaseLog, NewCaseLogEntry } from './caseLog.js';

/** Dependencies of a {@link CaseLogRecorder}. */
export interface CaseLogRecorderOptions {
  cases: CaseService;
  log: CaseLog;
  logger: Logger;
  /** The customer is typing in the conversation of a case that is with an agent. */
  onCustomerTyping?: (c: Case) => void;
  now?: () => Date;
}

/**
 * Keeps every customer turn on its case's log: the customer's message and everything the bot answered in the
 * turn, from the first message (the one that opened the case) on. Agents' chats are not case conversations and
 * are not recorded; what agents send to customers is recorded by the desk with its delivery state. Recording
 * never fails a turn: an error is logged.
 */
export class CaseLogRecorder implements Middleware {
  private readonly now: () => Date;

  constructor(private readonly options: CaseLogRecorderOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.type === ActivityTypes.Typing) {
      await next();
      this.typing(context);
      return;
    }
    if (activity.type !== ActivityTypes.Message) {
      await next();
      return;
    }
    const conversationId = activity.conversation?.id ?? '';
    const before = this.options.cases.findActiveByConversation(conversationId)?.id;
    const at = this.now().toISOString();
    const answers: NewCaseLogEntry[] = [];
    context.onSendActivities(async (_context, activities, nextSend) => {
      const sentAt = this.now().toISOString();
      for (const a of activities) {
        const text = readable(a);
        if (text) answers.push({ from: 'bot', text, at: sentAt });
      }
      return nextSend();
    });
    await next();
    try {
      if (!this.isCustomer(context)) return;
      const caseId = this.options.cases.findActiveByConversation(conversationId)?.id ?? before;
      // A case withdrawn in this turn (a person request taken back with nothing told) keeps no log.
      if (!caseId || !this.options.cases.get(caseId)) return;
      const said = readable(activity);
      const entries: NewCaseLogEntry[] = [
        ...(said ? [{ from: 'customer' as const, text: said, at, author: author(activity) }] : []),
        ...answers,
      ];
      await this.options.log.append(caseId, entries);
    } catch (err) {
      this.options.logger.warn({ err, conversationId }, 'case log: turn not recorded');
    }
  }

  private typing(context: TurnContext): void {
    if (!this.options.onCustomerTyping || !this.isCustomer(context)) return;
    const c = this.options.cases.findActiveByConversation(context.activity.conversation?.id ?? '');
    if (c?.status === 'with_agent') this.options.onCustomerTyping(c);
  }

  /** A turn of a customer (identified or not), not of an agent; turns the bot never identified are skipped. */
  private isCustomer(context: TurnContext): boolean {
    try {
      return identityOf(context).kind !== 'agent';
    } catch {
      return false;
    }
  }
}

function author(activity: Partial<Activity>): { id: string; name: string } | undefined {
  const from = activity.from;
  return from?.id ? { id: from.id, name: from.name || from.id } : undefined;
}

/** What a message shows as text: its text, else its card's first lines, plus the choices it offered. */
function readable(activity: Partial<Activity>): string {
  if (activity.type !== ActivityTypes.Message) return '';
  const parts: string[] = [];
  if (activity.text) parts.push(activity.text);
  else if (activity.value !== undefined) parts.push(shortJson(activity.value));
  for (const attachment of activity.attachments ?? []) {
    const lines = cardLines(attachment.content).slice(0, 3);
    if (lines.length) parts.push(lines.join('\n'));
  }
  const choices = activity.suggestedActions?.actions?.map((a) => a.title).filter(Boolean) ?? [];
  if (choices.length) parts.push(`[${choices.join(' · ')}]`);
  return parts.join('\n');
}

function cardLines(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(cardLines);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  if (o['type'] === 'TextBlock' && typeof o['text'] === 'string') return [o['text']];
  return [...cardLines(o['body']), ...cardLines(o['items']), ...cardLines(o['columns'])];
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
