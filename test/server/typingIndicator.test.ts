import { TestAdapter, type Activity } from 'botbuilder';
import { expect } from 'chai';
import { pino } from 'pino';
import { TypingIndicator } from '../../bot/typingIndicator.js';

function adapterWith(
  work: (text: string) => Promise<void>,
  delayMs = 50,
  periodMs = 100,
): {
  adapter: TestAdapter;
  sent: Partial<Activity>[];
} {
  const sent: Partial<Activity>[] = [];
  const adapter = new TestAdapter(async (context) => {
    await work(context.activity.text ?? '');
    await context.sendActivity(`done ${context.activity.text ?? ''}`);
  });
  adapter.use(new TypingIndicator(pino({ level: 'silent' }), delayMs, periodMs));
  adapter.use({
    onTurn: async (context, next) => {
      context.onSendActivities(async (_c, activities, nextSend) => {
        sent.push(...activities);
        return nextSend();
      });
      await next();
    },
  });
  return { adapter, sent };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('TypingIndicator', () => {
  it('shows typing while a slow turn runs, and not for a quick one', async () => {
    // The production delay (400 ms): a quick turn must end before it even on a loaded machine, where 50 ms
    // may pass between two steps of one turn; the slow one outlasts it (its timer is due after the indicator's).
    const { adapter } = adapterWith((text) => sleep(text === 'slow' ? 700 : 0), 400, 2000);
    const seen: string[] = [];
    const original = adapter.sendActivities.bind(adapter);
    adapter.sendActivities = async (context, activities) => {
      seen.push(...activities.map((a) => a.type ?? ''));
      return original(context, activities);
    };
    await adapter.send('quick');
    expect(seen).to.deep.equal(['message']);
    seen.length = 0;
    await adapter.send('slow');
    expect(seen.filter((t) => t === 'typing').length).to.be.at.least(1);
    expect(seen.at(-1)).to.equal('message');
  });

  it('never throws when the turn ends while an indicator is being sent', async () => {
    const failures: unknown[] = [];
    const onRejection = (reason: unknown) => failures.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      for (const ms of [45, 50, 55, 60, 150, 155]) {
        const { adapter } = adapterWith(() => sleep(ms));
        await adapter.send('x');
      }
      await sleep(300);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
    expect(failures).to.deep.equal([]);
  });
});
