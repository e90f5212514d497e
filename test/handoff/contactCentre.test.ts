import { expect } from 'chai';
import { ContactCentreHandoff, HANDOFF_INITIATE } from '../../bot/handoff/contactCentre.js';
import { ORGS, silentLogger, tempDir, testText } from '../cases/fixtures.js';
import { deskAt, replies, turn, type DeskWorld } from './fixtures.js';

describe('ContactCentreHandoff', () => {
  let cleanup: () => Promise<void>;
  let w: DeskWorld;
  let centre: ContactCentreHandoff;

  beforeEach(async () => {
    const t = await tempDir('cc');
    cleanup = t.cleanup;
    w = await deskAt(t.dir);
    centre = new ContactCentreHandoff({
      cases: w.cases,
      desk: w.desk,
      text: testText(),
      logger: silentLogger,
      offerFollowUp: (c) => [{ type: 'message', text: `offer ${c.id}` }],
    });
  });
  afterEach(() => cleanup());

  async function openVipCase() {
    const c = await w.cases.open({
      organisation: ORGS.nordlys,
      contactUserId: 'demo-vip',
      lang: 'en',
      type: 'incident',
      category: 'data',
      severity: 'outage',
      sims: ['8946070000000000092'],
    });
    await w.cases.appendTranscript(c.id, [
      { from: 'customer', text: 'no data on 8946070000000000092' },
      { from: 'bot', text: 'The SIM is active; checking the session.' },
    ]);
    await w.cases.addFindings(
      c.id,
      [{ code: 'NO_SESSION', text: 'No data session', iccid: '8946070000000000092' }],
      ['sim_state'],
    );
    return c;
  }

  it('emits handoff.initiate with the case context and the transcript attachment', async () => {
    const c = await openVipCase();
    await centre.initiate(
      turn(w.adapter, 'conv-vip', 'demo-vip', { text: 'agent please' }),
      c.id,
      'vip_incident',
    );
    const sent = replies(w.adapter);
    const event = sent.find((a) => a.type === 'event');
    expect(event?.name).to.equal(HANDOFF_INITIATE);
    const value = event?.value as Record<string, unknown> & {
      priority: { level: string; reasons: string[] };
    };
    expect(value).to.include({ caseId: c.id, reason: 'vip_incident', contactUserId: 'demo-vip' });
    expect(value.priority.level).to.equal('P1');
    expect(value.priority.reasons).to.deep.equal(['VIP', '1 SIM without data', 'smart metering']);
    expect(value).to.deep.include({ sims: ['8946070000000000092'] });
    expect(JSON.stringify(value)).to.include('NO_SESSION');
    const transcript = event?.attachments?.find((a) => a.name === 'Transcript');
    expect(transcript?.contentType).to.equal('application/json');
    const activities = (transcript?.content as { activities: Array<{ text: string; from: { id: string } }> })
      .activities;
    expect(activities.map((a) => a.text)).to.deep.equal([
      'no data on 8946070000000000092',
      'The SIM is active; checking the session.',
    ]);
    expect(activities[0]?.from.id).to.equal('demo-vip');
    expect(w.cases.get(c.id)).to.include({ status: 'queued', handoffChannel: 'contact_centre' });
    expect(w.desk.queue()).to.deep.equal([]);
  });

  it('accepted → with_agent; completed → resolved with the follow-up offer', async () => {
    const c = await openVipCase();
    await centre.initiate(turn(w.adapter, 'conv-vip', 'demo-vip', { text: 'agent' }), c.id);
    replies(w.adapter);
    const status = (state: string) =>
      turn(w.adapter, 'conv-vip', 'hub', { type: 'event', name: 'handoff.status', value: { state } });
    expect(await centre.handleStatus(status('accepted'))).to.equal(true);
    expect(w.cases.get(c.id)?.status).to.equal('with_agent');
    await centre.handleStatus(status('completed'));
    expect(w.cases.get(c.id)?.status).to.equal('resolved');
    expect(replies(w.adapter).map((a) => a.text)).to.include(`offer ${c.id}`);
  });

  it('failed → falls back to the built-in queue and tells the customer', async () => {
    const c = await openVipCase();
    await centre.initiate(turn(w.adapter, 'conv-vip', 'demo-vip', { text: 'agent' }), c.id, 'vip_incident');
    replies(w.adapter);
    await centre.handleStatus(
      turn(w.adapter, 'conv-vip', 'hub', {
        type: 'event',
        name: 'handoff.status',
        value: { state: 'failed', message: 'no agents' },
      }),
    );
    const texts = replies(w.adapter).map((a) => a.text ?? '');
    expect(texts[0]).to.include('could not take case');
    expect(texts[1]).to.include('You are number 1 in the queue');
    expect(w.desk.queue().map((x) => x.id)).to.deep.equal([c.id]);
    expect(w.cases.get(c.id)?.handoffChannel).to.equal('desk');
  });

  it('never rejects a status event: bad values and unknown conversations are ignored', async () => {
    const bad = turn(w.adapter, 'conv-x', 'hub', {
      type: 'event',
      name: 'handoff.status',
      value: { state: 'weird' },
    });
    expect(await centre.handleStatus(bad)).to.equal(true);
    const orphan = turn(w.adapter, 'conv-none', 'hub', {
      type: 'event',
      name: 'handoff.status',
      value: { state: 'accepted' },
    });
    expect(await centre.handleStatus(orphan)).to.equal(true);
    expect(await centre.handleStatus(turn(w.adapter, 'conv-x', 'u', { text: 'hi' }))).to.equal(false);
  });
});
