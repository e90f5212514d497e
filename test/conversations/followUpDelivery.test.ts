import { expect } from 'chai';
import type { Case } from '../../bot/cases/caseSchema.js';
import { apiJson, queuedCase } from '../helpers/cases.js';
import { cardActions, submitValue } from '../helpers/cards.js';
import {
  DROP_CONNECTION,
  startConnectorStub,
  until,
  type ConnectorStub,
  type ReceivedActivity,
} from '../helpers/connectorStub.js';
import { allText, Conversation } from '../helpers/conversation.js';
import { shippedKnowledgeText } from '../helpers/knowledgeText.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const ADMIN = 'followup-delivery-admin-token-0123456789';
const TICK_MS = 50;
const ENV = { ADMIN_TOKEN: ADMIN, FOLLOW_UP_DELAY_MS: '200', FOLLOW_UP_TICK_MS: String(TICK_MS) };
/** The scheduler's default number of send attempts. */
const MAX_ATTEMPTS = 3;

const { load: loadKnowledge, t } = shippedKnowledgeText();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('conversations: follow-up check-ins the connector refuses', function () {
  this.timeout(30_000);
  let stub: ConnectorStub;
  let server: TestServer;
  /** How the stub answers check-ins (everything else is accepted). */
  let answerCheckIn: (attempt: number) => number = () => 200;
  let checkInAttempts = 0;

  /** A check-in for whichever case it names. */
  const isCheckIn = (a: ReceivedActivity): boolean =>
    a.text !== undefined && a.text === t('en', 'followUp.checkIn', { id: /CS-\d+/.exec(a.text)?.[0] ?? '' });
  const api = <T>(path: string): Promise<T> => apiJson<T>(server.baseUrl, path, ADMIN);
  const events = async (caseId: string): Promise<string[]> =>
    (await api<Case>(`/api/cases/${caseId}`)).timeline.map((e) => e.event);

  before(loadKnowledge);
  beforeEach(async () => {
    checkInAttempts = 0;
    answerCheckIn = () => 200;
    stub = await startConnectorStub((a) => (isCheckIn(a) ? answerCheckIn(++checkInAttempts) : 200));
    server = await startTestServer(ENV);
  });
  afterEach(async () => {
    await server.close();
    await stub.close();
  });

  /** A case resolved by demo-agent whose follow-up demo-user accepted; the check-in falls due shortly. */
  async function acceptedFollowUp(): Promise<{ client: Conversation; caseId: string }> {
    const { client, caseId, agent } = await queuedCase(server.baseUrl, stub.url);
    await agent.say(`pick ${caseId}`);
    expect(allText(await agent.say('resolve'))).to.contain(t('en', 'desk.agent.resolved', { id: caseId }));
    const offer = await stub.waitFor((a) => a.conversationId === client.id && cardActions(a).length === 2);
    expect(allText(await client.submit(submitValue(offer, t('en', 'followUp.offer.yes'))))).to.contain(
      t('en', 'followUp.scheduled.one', { id: caseId }),
    );
    return { client, caseId };
  }

  // 4xx answers: the connector client itself retries 5xx answers and dropped connections a few times, with
  // back-off, before the scheduler sees a failure; a 4xx reaches the scheduler at once.
  it('retries a refused check-in (403, 404) and records it sent once the connector accepts it', async () => {
    answerCheckIn = (attempt) => (attempt === 1 ? 403 : attempt === 2 ? 404 : 200);
    const { client, caseId } = await acceptedFollowUp();
    const checkIn = await stub.waitFor((a) => a.conversationId === client.id && isCheckIn(a), 5000);
    expect(checkIn.text).to.equal(t('en', 'followUp.checkIn', { id: caseId }));
    expect(stub.refused.filter(isCheckIn), 'two refusals before it got through').to.have.length(2);
    await until(() => checkInAttempts === 3, 2000, 'the third attempt');
    // `sent` is recorded after the connector accepted it: wait for that write, then give a resend time to show.
    const sent = async (): Promise<boolean> =>
      (await api<Case>(`/api/cases/${caseId}`)).followUp?.sent === true;
    await until(sent, 5000, 'the case to record the check-in sent');
    await sleep(TICK_MS * 6);
    expect(stub.received.filter(isCheckIn), 'delivered exactly once').to.have.length(1);
    expect(checkInAttempts, 'nothing sent after it was delivered').to.equal(3);
    expect(await events(caseId))
      .to.include('follow_up_sent')
      .and.not.include('follow_up_failed');
  });

  it('gives up after the last refused attempt (403): marked failed on the case, never sent later', async () => {
    answerCheckIn = () => 403;
    const { caseId } = await acceptedFollowUp();
    await until(() => checkInAttempts >= MAX_ATTEMPTS, 5000, 'every attempt');
    // The case records the failure after the last refusal came back: wait for that write, then give a further
    // attempt time to show.
    const failed = async (): Promise<boolean> => (await events(caseId)).includes('follow_up_failed');
    await until(failed, 5000, 'the case to record the check-in failed');
    await sleep(TICK_MS * 6);
    expect(checkInAttempts, 'no attempt past the limit').to.equal(MAX_ATTEMPTS);
    await until(() => stub.refused.filter(isCheckIn).length === MAX_ATTEMPTS, 2000, 'the refusals');

    // The connector recovers: the given-up check-in is not sent after all.
    answerCheckIn = () => 200;
    await sleep(TICK_MS * 6);
    expect(stub.received.filter(isCheckIn)).to.have.length(0);
    const stored = await api<Case>(`/api/cases/${caseId}`);
    expect(stored.followUp?.sent, 'not counted as sent').to.equal(false);
    expect(stored.status, 'the case stays resolved').to.equal('resolved');
    const timeline = await events(caseId);
    expect(timeline).to.include('follow_up_failed').and.not.include('follow_up_sent');
  });

  it('never resends a check-in whose outcome is unknown (connection dropped after the connector read it)', async () => {
    answerCheckIn = () => DROP_CONNECTION;
    const { caseId } = await acceptedFollowUp();
    // The connector client retries a dropped connection itself (with back-off) before giving up.
    const deadline = Date.now() + 15_000;
    let timeline = await events(caseId);
    while (!timeline.includes('follow_up_unknown') && Date.now() < deadline) {
      await sleep(100);
      timeline = await events(caseId);
    }
    expect(timeline).to.include('follow_up_unknown');
    const requests = checkInAttempts;
    answerCheckIn = () => 200;
    await sleep(TICK_MS * 8);
    expect(checkInAttempts, 'the scheduler does not try again').to.equal(requests);
    expect(stub.received.filter(isCheckIn)).to.have.length(0);
    expect(await events(caseId)).to.not.include('follow_up_sent');
    expect((await api<Case>(`/api/cases/${caseId}`)).followUp?.sent).to.equal(false);
  });
});
