import { expect } from 'chai';
import path from 'node:path';
import { CaseCounter } from '../../bot/cases/caseCounter.js';
import { TRANSCRIPT_LIMIT } from '../../bot/cases/caseSchema.js';
import { CaseConflictError, type CaseService } from '../../bot/cases/caseService.js';
import { caseServiceAt, openAcmeCase, ORGS, tempDir } from './fixtures.js';

describe('CaseService', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let cases: CaseService;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('cases'));
    cases = await caseServiceAt(dir);
  });
  afterEach(() => cleanup());

  const openAcme = (over: Partial<Parameters<CaseService['open']>[0]> = {}) =>
    openAcmeCase(cases, { sims: ['8946070000000000001'], ...over });

  it('numbers cases CS-10001, CS-10002, … without gaps or duplicates under concurrent opens', async () => {
    const opened = await Promise.all(Array.from({ length: 40 }, () => openAcme()));
    const ids = opened.map((c) => c.id).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
    expect(new Set(ids).size).to.equal(40);
    expect(ids[0]).to.equal('CS-10001');
    expect(ids[39]).to.equal('CS-10040');
  });

  it('lets only one of two agents picking the same case at once win', async () => {
    const c = await openAcme();
    await cases.setStatus(c.id, 'queued', 'bot');
    const results = await Promise.allSettled([cases.assign(c.id, 'agent-a'), cases.assign(c.id, 'agent-b')]);
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    const lost = results.find((r) => r.status === 'rejected');
    expect((lost as PromiseRejectedResult).reason).to.be.instanceOf(CaseConflictError);
    const winner = (
      results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ assignedAgentId?: string }>
    ).value.assignedAgentId;
    expect(cases.get(c.id)?.assignedAgentId).to.equal(winner);
  });

  it('continues numbering after a restart (the counter is durable)', async () => {
    await openAcme();
    await openAcme();
    const again = await caseServiceAt(dir);
    const next = await again.open({
      organisation: ORGS.nordlys,
      contactUserId: 'demo-vip',
      lang: 'en',
      type: 'incident',
      category: 'data',
      severity: 'outage',
    });
    expect(next.id).to.equal('CS-10003');
    expect(again.get('cs-10001')?.organisationId).to.equal('acme');
  });

  it('counter hands out distinct numbers from one record even when racing', async () => {
    const repo = await CaseCounter.repository(path.join(dir, 'c2')).open();
    const counter = new CaseCounter(repo, 500);
    const numbers = await Promise.all(Array.from({ length: 25 }, () => counter.next()));
    expect([...numbers].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 25 }, (_, i) => 500 + i));
  });

  it("hides another organisation's case exactly like a missing one", async () => {
    const c = await openAcme();
    expect(cases.getForOrganisation('acme', c.id)?.id).to.equal(c.id);
    expect(cases.getForOrganisation('nordlys', c.id)).to.equal(undefined);
    expect(cases.getForOrganisation('nordlys', 'CS-99999')).to.equal(undefined);
  });

  it('lists only open cases of the organisation', async () => {
    const a = await openAcme();
    const b = await openAcme();
    await cases.open({
      organisation: ORGS.nordlys,
      contactUserId: 'v',
      lang: 'en',
      type: 'order',
      category: 'other',
      severity: 'question',
    });
    await cases.resolve(a.id, 'agent-1');
    expect(cases.openCasesFor('acme').map((c) => c.id)).to.deep.equal([b.id]);
  });

  it('keeps the last entries of the transcript and a timeline of every change', async () => {
    const c = await openAcme();
    for (let i = 0; i < TRANSCRIPT_LIMIT + 7; i += 1) {
      await cases.appendTranscript(c.id, [{ from: i % 2 ? 'bot' : 'customer', text: `m${i}` }]);
    }
    await cases.addFindings(c.id, [{ code: 'APN_MISMATCH', text: 'APN wrong' }], ['sim_state', 'pdp']);
    await cases.addFindings(c.id, [{ code: 'APN_MISMATCH', text: 'APN wrong' }], ['pdp']);
    await cases.addNote(c.id, 'agent-1', 'called the customer');
    await cases.setStatus(c.id, 'waiting_customer', 'agent-1');
    const got = cases.get(c.id)!;
    expect(got.transcript).to.have.length(TRANSCRIPT_LIMIT);
    expect(got.transcript.at(-1)?.text).to.equal(`m${TRANSCRIPT_LIMIT + 6}`);
    expect(got.findings).to.have.length(1);
    expect(got.checksDone).to.deep.equal(['sim_state', 'pdp']);
    expect(got.notes[0]).to.include({ by: 'agent-1', text: 'called the customer' });
    expect(got.timeline.map((t) => t.event)).to.deep.equal([
      'opened',
      'findings',
      'findings',
      'note',
      'status:waiting_customer',
    ]);
  });

  it('resolves, closes, reopens at the old priority, and stores a 1–5 rating', async () => {
    const c = await openAcme({ affectedCount: 150 });
    await cases.resolve(c.id, 'agent-1');
    expect(cases.get(c.id)?.resolvedAt).to.be.a('string');
    await cases.close(c.id, 'demo-acme');
    await cases.rate(c.id, 4, 'demo-acme');
    const reopened = await cases.reopen(c.id, 'demo-acme');
    expect(reopened.status).to.equal('open');
    expect(reopened.priority).to.deep.equal(c.priority);
    expect(reopened.satisfaction).to.equal(4);
    await cases.rate(c.id, 0, 'x').then(
      () => expect.fail('a 0 rating must be refused'),
      (err: Error) => expect(err).to.be.instanceOf(RangeError),
    );
  });

  /** Queued for the person the customer asked for. */
  const personAsked = () =>
    ({ channel: 'desk', event: 'status:queued', at: new Date(), reason: 'customer_request' }) as const;

  it('withdraws a person request taken back with nothing reported: the record is gone, after a restart too', async () => {
    const asked = await openAcme({ sims: [], category: 'other' });
    await cases.handOver(asked.id, personAsked());
    await cases.returnToBot(asked.id, 'demo-user');
    const removed = await cases.withdraw(asked.id);
    expect(removed.id).to.equal(asked.id);
    expect(cases.get(asked.id)).to.equal(undefined);
    expect((await caseServiceAt(dir)).get(asked.id)).to.equal(undefined);
    // Its number is not given again.
    expect(Number((await openAcme()).id.slice(3))).to.be.greaterThan(Number(asked.id.slice(3)));
  });

  it('refuses to withdraw a case with anything reported on it, or one an agent has', async () => {
    const withSim = await openAcme({ category: 'other' });
    await cases.handOver(withSim.id, personAsked());
    const taken = await openAcme({ sims: [], category: 'other' });
    await cases.handOver(taken.id, personAsked());
    await cases.assign(taken.id, 'agent-a');
    for (const id of [withSim.id, taken.id]) {
      const error = await cases.withdraw(id).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).to.be.instanceOf(CaseConflictError);
      expect(cases.get(id)?.id).to.equal(id);
    }
  });

  it('persists everything: a new service on the same directory sees the same case', async () => {
    const c = await openAcme();
    await cases.assign(c.id, 'demo-agent');
    const again = await caseServiceAt(dir);
    expect(again.get(c.id)).to.deep.equal(cases.get(c.id));
    expect(again.get(c.id)?.status).to.equal('with_agent');
  });
});
