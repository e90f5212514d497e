import { expect } from 'chai';
import {
  assertTransition,
  canTransition,
  CASE_TRANSITIONS,
  IllegalCaseTransitionError,
} from '../../bot/cases/caseLifecycle.js';
import { CASE_STATUSES } from '../../bot/cases/caseSchema.js';
import { CaseConflictError, type CaseService } from '../../bot/cases/caseService.js';
import { caseServiceAt, openAcmeCase, tempDir } from './fixtures.js';

describe('case life-cycle', () => {
  it('names every status and only known statuses as targets', () => {
    expect(Object.keys(CASE_TRANSITIONS).sort()).to.deep.equal([...CASE_STATUSES].sort());
    for (const targets of Object.values(CASE_TRANSITIONS))
      for (const to of targets) expect(CASE_STATUSES).to.include(to);
  });

  it('lets a closed case only be reopened, and a resolved one only close or reopen', () => {
    expect(CASE_STATUSES.filter((to) => canTransition('closed', to))).to.deep.equal(['open']);
    expect(CASE_STATUSES.filter((to) => canTransition('resolved', to)).sort()).to.deep.equal([
      'closed',
      'open',
    ]);
    expect(canTransition('open', 'queued')).to.equal(true);
    expect(canTransition('queued', 'with_agent')).to.equal(true);
  });

  it('refuses an illegal transition with a named error that is also a CaseConflictError', () => {
    const attempt = () => assertTransition('CS-1', 'closed', 'resolved');
    expect(attempt).to.throw(IllegalCaseTransitionError, /CS-1 cannot go from closed to resolved/);
    try {
      attempt();
    } catch (error) {
      expect(error).to.be.instanceOf(CaseConflictError);
      expect((error as Error).name).to.equal('IllegalCaseTransitionError');
    }
  });

  describe('enforced inside CaseService', () => {
    let cleanup: () => Promise<void>;
    let cases: CaseService;
    beforeEach(async () => {
      let dir: string;
      ({ dir, cleanup } = await tempDir('lifecycle'));
      cases = await caseServiceAt(dir);
    });
    afterEach(() => cleanup());

    it('refuses to resolve a closed case and leaves it untouched', async () => {
      const c = await openAcmeCase(cases);
      await cases.close(c.id, 'demo-acme', 'customer closed it');
      const before = cases.get(c.id);
      let thrown: unknown;
      try {
        await cases.resolve(c.id, 'bot');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(IllegalCaseTransitionError);
      expect(cases.get(c.id)).to.deep.equal(before);
    });

    it("checks a status set by a caller's own change too (no writer can skip the life-cycle)", async () => {
      const c = await openAcmeCase(cases);
      await cases.resolve(c.id, 'bot');
      let thrown: unknown;
      try {
        await cases.change(c.id, 'sneaky', 'someone', (x) => {
          x.status = 'with_agent';
        });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(IllegalCaseTransitionError);
      expect(cases.get(c.id)?.status).to.equal('resolved');
    });

    it('walks the usual life: open → queued → with_agent → open (back to the bot) → resolved → closed → open', async () => {
      const c = await openAcmeCase(cases);
      await cases.handOver(c.id, { channel: 'desk', event: 'status:queued', at: new Date(), reason: 'x' });
      await cases.assign(c.id, 'agent-a');
      const back = await cases.returnToBot(c.id, 'demo-acme');
      expect(back.status).to.equal('open');
      expect(back.handoffChannel).to.equal(undefined);
      expect(back.handoffReason).to.equal('x');
      await cases.resolve(c.id, 'bot');
      await cases.close(c.id, 'demo-acme');
      expect((await cases.reopen(c.id, 'demo-acme')).status).to.equal('open');
    });

    it('closes an idle case only while it is still idle with the bot', async () => {
      const c = await openAcmeCase(cases);
      const cutoff = new Date(Date.now() + 1000).toISOString();
      const closed = await cases.closeForInactivity(c.id, cutoff, 72);
      expect(closed.status).to.equal('closed');
      expect(closed.resolvedAt).to.equal(undefined);
      expect(closed.idleClose?.notice).to.equal('pending');
      const queued = await openAcmeCase(cases);
      await cases.handOver(queued.id, { channel: 'desk', event: 'status:queued', at: new Date() });
      let thrown: unknown;
      try {
        await cases.closeForInactivity(queued.id, cutoff, 72);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(CaseConflictError);
    });

    it('keeps the case language current and logs the switch once', async () => {
      const c = await openAcmeCase(cases);
      await cases.setLanguage(c.id, 'es');
      await cases.setLanguage(c.id, 'es');
      const now = cases.get(c.id);
      expect(now?.lang).to.equal('es');
      expect(now?.timeline.filter((e) => e.event === 'language')).to.have.length(1);
    });
  });
});
