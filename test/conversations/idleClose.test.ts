import { expect } from 'chai';
import type { Case } from '../../bot/cases/caseSchema.js';
import { apiJson } from '../helpers/cases.js';
import { cardActions, submitValue } from '../helpers/cards.js';
import {
  startConnectorStub,
  until,
  type ConnectorStub,
  type ReceivedActivity,
} from '../helpers/connectorStub.js';
import { allText, Conversation } from '../helpers/conversation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ADMIN_TOKEN, caseIdIn, Knowledge, OPENERS, type Lang } from './driver.js';

const IDLE_MS = 1500;
const TICK_MS = 50;
const ENV = {
  ADMIN_TOKEN,
  CASE_IDLE_CLOSE_MS: String(IDLE_MS),
  FOLLOW_UP_TICK_MS: String(TICK_MS),
  // Accepted follow-ups stay pending for the whole test.
  FOLLOW_UP_DELAY_MS: String(3600_000),
};
/** How the sweep writes hours when the limit is given in milliseconds (rounded to two decimals). */
const HOURS = '0';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Idle cases are closed by the sweep, the customer is told once, and writing again reopens the case. */
describe('conversations: closing cases the customer left idle', function () {
  this.timeout(30_000);
  const kb = new Knowledge();
  let stub: ConnectorStub;
  let server: TestServer;
  let n = 0;

  const api = <T>(path: string): Promise<T> => apiJson<T>(server.baseUrl, path, ADMIN_TOKEN);
  const getCase = (id: string): Promise<Case> => api<Case>(`/api/cases/${id}`);
  const notice = (lang: Lang, id: string): string =>
    kb.t(lang, 'cases.idleClosed.notice', { id, hours: HOURS });
  const noticesFor = (lang: Lang, id: string): ReceivedActivity[] =>
    stub.received.filter((a) => a.text === notice(lang, id));

  beforeEach(async () => {
    stub = await startConnectorStub();
    server = await startTestServer(ENV);
  });
  afterEach(async () => {
    await server.close();
    await stub.close();
  });

  /** An unidentified customer who described a data problem and then said "cancel": a case with the bot only. */
  async function abandonedCase(lang: Lang): Promise<{ client: Conversation; caseId: string }> {
    n += 1;
    const client = new Conversation(server.baseUrl, {
      userId: `anon-idle-${n}`,
      locale: lang === 'es' ? 'es-ES' : 'en-GB',
      serviceUrl: stub.url,
    });
    const caseId = caseIdIn(await client.say(OPENERS.data[lang]));
    await client.say(lang === 'es' ? 'cancelar' : 'cancel');
    expect((await getCase(caseId)).status, 'open right after cancel').to.equal('open');
    return { client, caseId };
  }

  for (const lang of ['en', 'es'] as const) {
    it(`closes an idle bot-only case, tells the customer once, and reopens it when they write again (${lang})`, async () => {
      const { client, caseId } = await abandonedCase(lang);
      const told = await stub.waitFor(
        (a) => a.conversationId === client.id && a.text === notice(lang, caseId),
        8000,
      );
      expect(told.text).to.equal(notice(lang, caseId));

      const closed = await getCase(caseId);
      expect(closed.status).to.equal('closed');
      expect(closed.resolvedAt, 'nobody resolved it').to.equal(undefined);
      const closing = closed.timeline.find((e) => e.event === 'closed');
      expect(closing?.by).to.equal('idle_sweep');
      expect(closing?.detail).to.equal(`closed after ${HOURS} hours without a reply`);
      await until(() => noticesFor(lang, caseId).length === 1, 2000, 'the notice received');
      // Recorded once the connector answered (the stub counts the request before it answers): wait for the
      // claim to be settled.
      let recorded: string | undefined;
      await until(
        async () => (recorded = (await getCase(caseId)).idleClose?.notice) !== 'sending',
        5000,
        'the notice to be recorded',
      );
      expect(recorded).to.equal('sent');

      // "My cases" no longer lists it; asked by id, it says why it is closed and how to reopen it.
      const mine = allText(await client.say(kb.t(lang, 'bot.choice.case_status')));
      expect(mine).to.include(kb.t(lang, 'bot.cases.noneOpen'));
      const named = allText(
        await client.say(lang === 'es' ? `estado del caso ${caseId}` : `status of ${caseId}`),
      );
      expect(named).to.include(kb.t(lang, 'cases.next.closed_idle'));

      // The same problem again: the case comes back, not a new one.
      const again = await client.say(OPENERS.data[lang]);
      expect(allText(again)).to.include(kb.t(lang, 'bot.case.reopened', { caseId }));
      expect(caseIdIn(again)).to.equal(caseId);
      const reopened = await getCase(caseId);
      expect(reopened.status).to.equal('open');
      expect(reopened.timeline.map((e) => e.event)).to.include('reopened');
      const listed = allText(await client.say(lang === 'es' ? 'cancelar' : 'cancel'));
      expect(listed).to.include(kb.t(lang, 'bot.caseKept', { caseId }).trim());
      expect(allText(await client.say(kb.t(lang, 'bot.choice.case_status')))).to.include(caseId);

      // Left idle again it is closed again, but the customer is not told a second time.
      const deadline = Date.now() + 8000;
      while ((await getCase(caseId)).status !== 'closed' && Date.now() < deadline) await sleep(100);
      expect((await getCase(caseId)).status, 'closed again after another idle period').to.equal('closed');
      await sleep(TICK_MS * 6);
      expect(noticesFor(lang, caseId), 'one notice per case, ever').to.have.length(1);
    });
  }

  it('leaves queued, with-agent and follow-up-pending cases alone', async () => {
    const customer = (id: string) =>
      new Conversation(server.baseUrl, {
        userId: 'demo-user',
        locale: 'en-GB',
        serviceUrl: stub.url,
        conversationId: id,
      });
    const queued = caseIdIn(await customer(`idle-queued-${n}`).say('I want a human'));
    const withAgent = caseIdIn(await customer(`idle-agent-${n}`).say('I want a human'));
    const agent = new Conversation(server.baseUrl, { userId: 'demo-agent', serviceUrl: stub.url });
    await agent.say(`pick ${withAgent}`);
    const followUpClient = customer(`idle-followup-${n}`);
    const followUp = caseIdIn(await followUpClient.say('I want a human'));
    await agent.say(`pick ${followUp}`);
    await agent.say('resolve');
    const offer = await stub.waitFor(
      (a) => a.conversationId === followUpClient.id && cardActions(a).length === 2,
    );
    await followUpClient.submit(submitValue(offer, kb.t('en', 'followUp.offer.yes')));
    expect((await getCase(followUp)).followUp?.sent, 'the follow-up is pending').to.equal(false);

    // A bot-only case opened last: once it is closed, the sweep has passed the others' idle limit too.
    const { caseId: control } = await abandonedCase('en');
    await stub.waitFor((a) => a.text === notice('en', control), 8000);
    await sleep(TICK_MS * 4);

    const statuses = await Promise.all(
      [queued, withAgent, followUp].map(async (id) => (await getCase(id)).status),
    );
    expect(statuses).to.deep.equal(['queued', 'with_agent', 'resolved']);
    for (const id of [queued, withAgent, followUp]) {
      const c = await getCase(id);
      expect(c.idleClose, `${id} untouched by the sweep`).to.equal(undefined);
      expect(noticesFor('en', id)).to.have.length(0);
    }
  });
});
