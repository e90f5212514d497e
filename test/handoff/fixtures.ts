import path from 'node:path';
import { TestAdapter, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { DeliveringMessenger, Messenger } from '../../bot/handoff/messenger.js';
import { AgentDesk } from '../../bot/handoff/agentDesk.js';
import { deskAgentRepository } from '../../bot/handoff/deskAgents.js';
import { deskOfferRepository } from '../../bot/handoff/deskOffers.js';
import { CaseLog, type CaseLogDoc } from '../../bot/handoff/caseLog.js';
import { DocumentStore } from '../../bot/storage/documentStore.js';
import type { CaseService } from '../../bot/cases/caseService.js';
import type { Case } from '../../bot/cases/caseSchema.js';
import { caseServiceAt, silentLogger, testText } from '../cases/fixtures.js';
import { loadVocabulary } from '../../bot/nlu/words/loadWords.js';
import { fileURLToPath } from 'node:url';

const knowledgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge');

/** An error like the connector client's when the connector refuses a message (503). */
function refused(): Error {
  return Object.assign(new Error('connector unavailable'), { statusCode: 503 });
}

/** Records every proactive send, by conversation id; `failNext` sends are refused (they throw). */
export class RecordingMessenger implements Messenger, DeliveringMessenger {
  readonly sent: Array<{ conversationId: string; activity: Partial<Activity> }> = [];
  failNext = 0;

  async send(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw refused();
    }
    for (const activity of activities)
      this.sent.push({ conversationId: reference.conversation?.id ?? '?', activity });
  }

  deliver(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> {
    return this.send(reference, activities);
  }

  to(conversationId: string): Array<Partial<Activity>> {
    return this.sent.filter((s) => s.conversationId === conversationId).map((s) => s.activity);
  }

  textsTo(conversationId: string): string[] {
    return this.to(conversationId).map((a) => a.text ?? '');
  }
}

/** A turn in `conversationId` from `userId`, on a TestAdapter that captures the replies. */
export function turn(
  adapter: TestAdapter,
  conversationId: string,
  userId: string,
  body: { text?: string; value?: unknown; type?: string; name?: string; locale?: string },
): TurnContext {
  const activity: Partial<Activity> = {
    type: body.type ?? 'message',
    id: `a-${Math.random().toString(36).slice(2)}`,
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:1/',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: userId, name: userId },
    recipient: { id: 'firstline', name: 'Firstline' },
    ...(body.text !== undefined ? { text: body.text } : {}),
    ...(body.value !== undefined ? { value: body.value } : {}),
    ...(body.name ? { name: body.name } : {}),
    locale: body.locale ?? 'en-US',
  };
  return new TurnContext(adapter, activity);
}

/** Replies the adapter captured since the last call. */
export function replies(adapter: TestAdapter): Array<Partial<Activity>> {
  return adapter.activeQueue.splice(0, adapter.activeQueue.length);
}

export function replyTexts(adapter: TestAdapter): string[] {
  return replies(adapter).map((a) => a.text ?? '');
}

export interface DeskWorld {
  cases: CaseService;
  desk: AgentDesk;
  messenger: RecordingMessenger;
  adapter: TestAdapter;
}

/** A desk on fresh repositories under `dir`. */
export async function deskAt(
  dir: string,
  offerFollowUp?: (c: Case) => Partial<Activity>[],
  options: { now?: () => Date; offerMs?: number; agentDirectory?: Array<{ id: string; name: string }> } = {},
): Promise<DeskWorld> {
  const cases = await caseServiceAt(dir, options.now);
  const agents = await deskAgentRepository(path.join(dir, 'deskAgents')).open();
  const offers = await deskOfferRepository(path.join(dir, 'deskOffers')).open();
  const log = new CaseLog(new DocumentStore<CaseLogDoc>(path.join(dir, 'caseLogs'), { fsync: false }));
  const messenger = new RecordingMessenger();
  // The shipped word lists: the desk reads commands and "back to the bot" with them.
  const vocabulary = await loadVocabulary(knowledgeDir);
  const desk = new AgentDesk({
    vocabulary: () => vocabulary,
    cases,
    agents,
    offers,
    log,
    messenger,
    text: testText(),
    logger: silentLogger,
    ...(offerFollowUp ? { offerFollowUp } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.offerMs ? { offerMs: options.offerMs } : {}),
    ...(options.agentDirectory ? { agentDirectory: () => options.agentDirectory ?? [] } : {}),
  });
  return { cases, desk, messenger, adapter: new TestAdapter(async () => undefined) };
}
