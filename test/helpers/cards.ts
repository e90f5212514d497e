import type { ReceivedActivity } from './connectorStub.js';
import type { Reply } from './conversation.js';

/** One `Action.Submit` button of an Adaptive Card. */
export interface CardAction {
  title: string;
  data: Record<string, unknown>;
}

/** The Action.Submit buttons of the cards attached to an activity. */
export function cardActions(activity: Pick<ReceivedActivity, 'attachments'> | Reply): CardAction[] {
  return (activity.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .flatMap((a) => (a.content as { actions?: Array<{ type: string } & CardAction> }).actions ?? [])
    .filter((a) => a.type === 'Action.Submit');
}

/** The submit value of the button titled `title` — what Teams / Web Chat would send back. */
export function submitValue(
  activity: Pick<ReceivedActivity, 'attachments'> | Reply,
  title: string,
): Record<string, unknown> {
  const action = cardActions(activity).find((a) => a.title === title);
  if (!action)
    throw new Error(`no button "${title}" in ${JSON.stringify(cardActions(activity).map((a) => a.title))}`);
  return action.data;
}

/** The TextBlock texts of the Adaptive Cards in the replies, in order. */
export function cardTexts(replies: readonly Reply[]): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o['type'] === 'TextBlock' && typeof o['text'] === 'string') out.push(o['text']);
      Object.values(o).forEach(walk);
    }
  };
  for (const r of replies) walk(r.attachments?.map((a) => a.content));
  return out;
}
