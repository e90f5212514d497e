import { SpokenLanguages } from '../../bot/domain/language.js';
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import path from 'node:path';
import { FollowUpScheduler } from '../../bot/followUp/followUpScheduler.js';
import { FollowUpService } from '../../bot/followUp/followUpService.js';
import { scheduleRepository } from '../../bot/followUp/scheduleSchema.js';
import type { Case } from '../../bot/cases/caseSchema.js';
import { openAcmeCase, silentLogger, tempDir, testText } from '../cases/fixtures.js';
import { deskAt, replies, turn, type DeskWorld } from './fixtures.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Generous: on PostgreSQL under a loaded CI machine a scheduler's first tick after a restart has taken over 3 s (stop 36's
// pre-stop run); the wait ends as soon as the condition holds, so only a real failure pays the whole timeout.
async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await sleep(5);
  }
}

describe('follow-up', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let w: DeskWorld;
  const running: FollowUpScheduler[] = [];

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('followup'));
    w = await deskAt(dir);
  });
  afterEach(async () => {
    for (const s of running.splice(0)) await s.stop();
    await cleanup();
  });

  async function schedulerAt(
    world: DeskWorld,
    intervalMs = 10,
    now?: () => Date,
  ): Promise<FollowUpScheduler> {
    const schedules = await scheduleRepository(path.join(dir, 'schedules')).open();
    const s = new FollowUpScheduler({
      schedules,
      cases: world.cases,
      messenger: world.messenger,
      text: testText(),
      logger: silentLogger,
      intervalMs,
      ...(now ? { now } : {}),
    });
    running.push(s);
    return s;
  }

  async function resolvedCase(world: DeskWorld = w): Promise<Case> {
    const c = await openAcmeCase(world.cases, {
      affectedCount: 120,
      conversation: {
        channelId: 'test',
        serviceUrl: 'http://127.0.0.1:1/',
        conversation: { id: 'conv-acme' },
      },
    });
    return world.cases.resolve(c.id, 'demo-agent');
  }

  const checkIns = (world: DeskWorld) =>
    world.messenger.to('conv-acme').filter((a) => a.text?.includes('is everything still working?'));

  it('sends the check-in with Yes/No buttons once it falls due, exactly once', async () => {
    const c = await resolvedCase();
    const scheduler = await schedulerAt(w);
    await scheduler.schedule(c.id, 500);
    await scheduler.start();
    expect(checkIns(w)).to.have.length(0);
    await until(() => checkIns(w).length > 0);
    // The case records `sent` after the messenger returns: wait for that write, then give a second send time to show.
    await until(() => w.cases.get(c.id)?.followUp?.sent === true);
    await sleep(50);
    expect(checkIns(w)).to.have.length(1);
    const card = JSON.stringify(checkIns(w)[0]?.attachments);
    expect(card).to.include('"followUpAction":"check_yes"').and.include('"followUpAction":"check_no"');
    expect(w.cases.get(c.id)?.followUp).to.deep.include({ sent: true });
  });

  // The first instance is stopped a minute before the check-in is due; the next ones start "after" it is due (their
  // clock runs two minutes ahead). Real waits here raced: with a 150 ms delay, a machine that stalled between
  // schedule() and stop() let the first instance send it before it stopped (stop 36's pre-stop CI, twice).
  it('survives a restart: stopped before due, a new instance on the same directory fires it once', async () => {
    const c = await resolvedCase();
    const first = await schedulerAt(w);
    await first.start();
    await first.schedule(c.id, 60_000);
    await first.stop();
    expect(checkIns(w)).to.have.length(0);

    const later = () => new Date(Date.now() + 120_000);
    const world2 = await deskAt(dir);
    const second = await schedulerAt(world2, 10, later);
    await second.start();
    await until(() => checkIns(world2).length > 0);
    await second.stop();
    expect(checkIns(w)).to.have.length(0);

    const world3 = await deskAt(dir);
    const third = await schedulerAt(world3, 10, later);
    await third.start();
    await sleep(60);
    expect(checkIns(world2)).to.have.length(1);
    expect(checkIns(world3)).to.have.length(0);
  });

  it('does not resend a check-in whose sender died mid-send (stale "sending" becomes "unknown")', async () => {
    const c = await resolvedCase();
    const schedules = await scheduleRepository(path.join(dir, 'schedules')).open();
    await schedules.put({
      id: c.id,
      caseId: c.id,
      dueAt: new Date(Date.now() - 1000).toISOString(),
      status: 'sending',
      attempts: 1,
      claimedAt: new Date().toISOString(),
      claimedBy: 'a-dead-process',
    });
    const scheduler = await schedulerAt(await deskAt(dir));
    await scheduler.start();
    await sleep(50);
    expect(w.messenger.sent).to.have.length(0);
    const reopened = await scheduleRepository(path.join(dir, 'schedules')).open();
    expect(reopened.get(c.id)?.status).to.equal('unknown');
  });

  it('retries a send that failed, and never overlaps ticks', async () => {
    const c = await resolvedCase();
    const scheduler = await schedulerAt(w, 60_000);
    await scheduler.schedule(c.id, 0);
    w.messenger.failNext = 1;
    expect(await scheduler.tick()).to.equal(0);
    const [a, b] = await Promise.all([scheduler.tick(), scheduler.tick()]);
    expect(a + b).to.equal(2); // the same tick, joined: one send counted twice, not two sends
    expect(checkIns(w)).to.have.length(1);
    expect(await scheduler.tick()).to.equal(0);
  });

  describe('answers', () => {
    async function service(world: DeskWorld, days = 3) {
      const scheduler = await schedulerAt(world);
      return new FollowUpService({
        cases: world.cases,
        scheduler,
        text: testText(),
        spoken: () => new SpokenLanguages(['en', 'es'], 'en'),
        logger: silentLogger,
        requeue: (id, ctx) => world.desk.enqueue(id, ctx),
        keepOpenMs: days * 24 * 3600 * 1000,
      });
    }

    const press = (
      svc: FollowUpService,
      value: Record<string, unknown>,
      locale?: string,
    ): Promise<Array<Partial<Activity>>> =>
      svc
        .handleAction(
          turn(w.adapter, 'conv-acme', 'demo-acme', { value, ...(locale ? { locale } : {}) }),
          'acme',
        )
        .then(() => replies(w.adapter));

    it('reads right for one day ("1 more day", "tomorrow") in both languages', async () => {
      const c = await resolvedCase();
      const svc = await service(w, 1);
      expect(JSON.stringify(svc.offerActivities(c)))
        .to.include('for 1 more day and')
        .and.not.include('days');
      expect(JSON.stringify(svc.offerActivities({ ...c, lang: 'es' }))).to.include('1 día más');
      const [accepted] = await press(svc, { followUpAction: 'keep_open', caseId: c.id });
      expect(accepted?.text).to.include('I will check back tomorrow');
    });

    it('answers stale buttons by where the case stands instead of acting on them', async () => {
      const svc = await service(w);
      const queued = await openAcmeCase(w.cases);
      await w.cases.setStatus(queued.id, 'queued', 'bot');
      for (const followUpAction of ['keep_open', 'decline', 'check_yes', 'check_no']) {
        const [answer] = await press(svc, { followUpAction, caseId: queued.id });
        expect(answer?.text, followUpAction).to.equal(
          `Case ${queued.id} is not resolved yet (waiting for an agent). The next free agent picks it up; you will be told when they join.`,
        );
      }
      const [rated] = await press(svc, { followUpAction: 'rate', caseId: queued.id, rating: 2 });
      expect(rated?.text).to.include('is not resolved yet');
      const after = w.cases.get(queued.id)!;
      expect(after.status).to.equal('queued');
      expect(after.followUp).to.equal(undefined);
      expect(after.satisfaction).to.equal(undefined);

      const closed = await resolvedCase();
      await w.cases.close(closed.id, 'demo-acme');
      for (const followUpAction of ['keep_open', 'decline', 'check_yes']) {
        const [answer] = await press(svc, { followUpAction, caseId: closed.id });
        expect(answer?.text, followUpAction).to.include(`Case ${closed.id} is already closed`);
      }
      expect(w.cases.get(closed.id)?.followUp).to.equal(undefined);
    });

    it("answers in the conversation's language (activity.locale) rather than the case's", async () => {
      const c = await resolvedCase();
      const svc = await service(w);
      const spanishCase = await w.cases.change(c.id, 'lang', 'test', (x) => {
        x.lang = 'es';
      });
      const [en] = await press(svc, { followUpAction: 'keep_open', caseId: spanishCase.id }, 'en-GB');
      expect(en?.text).to.include(`Done: ${c.id} stays open`);
      const [es] = await press(svc, { followUpAction: 'check_yes', caseId: c.id }, 'es-ES');
      expect(es?.text).to.include(`el caso ${c.id} queda cerrado`);
    });

    it('keep open schedules the check-in; yes closes and asks for a rating, which is stored', async () => {
      const c = await resolvedCase();
      const svc = await service(w);
      expect(JSON.stringify(svc.offerActivities(c))).to.include('for 3 more days');
      await svc.handleAction(
        turn(w.adapter, 'conv-acme', 'demo-acme', { value: { followUpAction: 'keep_open', caseId: c.id } }),
        'acme',
      );
      expect(w.cases.get(c.id)?.followUp?.sent).to.equal(false);
      replies(w.adapter);
      await svc.handleAction(
        turn(w.adapter, 'conv-acme', 'demo-acme', { value: { followUpAction: 'check_yes', caseId: c.id } }),
        'acme',
      );
      expect(w.cases.get(c.id)?.status).to.equal('closed');
      const asked = replies(w.adapter);
      expect(JSON.stringify(asked)).to.include('"followUpAction":"rate"');
      await svc.handleAction(
        turn(w.adapter, 'conv-acme', 'demo-acme', {
          value: { followUpAction: 'rate', caseId: c.id, rating: 5 },
        }),
        'acme',
      );
      expect(w.cases.get(c.id)?.satisfaction).to.equal(5);
    });

    it('no reopens at the old priority and queues it; another organisation cannot act on the case', async () => {
      const c = await resolvedCase();
      const svc = await service(w);
      const foreign = await svc.handleAction(
        turn(w.adapter, 'conv-x', 'intruder', { value: { followUpAction: 'check_no', caseId: c.id } }),
        'nordlys',
      );
      expect(foreign).to.equal(true);
      expect(replies(w.adapter)[0]?.text).to.include('could not find case');
      expect(w.cases.get(c.id)?.status).to.equal('resolved');

      await svc.handleAction(
        turn(w.adapter, 'conv-acme', 'demo-acme', { value: { followUpAction: 'check_no', caseId: c.id } }),
        'acme',
      );
      const after = w.cases.get(c.id)!;
      expect(after.status).to.equal('queued');
      expect(after.priority).to.deep.equal(c.priority);
      expect(w.desk.queue().map((x) => x.id)).to.deep.equal([c.id]);
      expect(
        replies(w.adapter)
          .map((a) => a.text)
          .join('\n'),
      ).to.include('reopened case');
    });
  });
});
