import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Case } from '../../bot/cases/caseSchema.js';
import { cardActions, submitValue } from '../helpers/cards.js';
import { apiJson, caseIdIn } from '../helpers/cases.js';
import { killHard, startChildServer, type ChildServer } from '../helpers/childServer.js';
import {
  startConnectorStub,
  until,
  type ConnectorStub,
  type ReceivedActivity,
} from '../helpers/connectorStub.js';
import { ConsoleClient, openEvents } from '../helpers/consoleClient.js';
import { allText, Conversation, type Reply } from '../helpers/conversation.js';
import { TEST_KNOWLEDGE_DIR } from '../helpers/knowledgeDir.js';
import { shippedKnowledgeText } from '../helpers/knowledgeText.js';
import { dropDatabase, freshDatabase, TEST_STORAGE } from '../helpers/testStorage.js';
import { startRoundRobinProxy, type RoundRobinProxy } from './roundRobinProxy.js';

const ADMIN = 'cluster-test-admin-token-0123456789';
/** The check-in of a follow-up falls due this long after the customer accepted it: after the kill. */
const FOLLOW_UP_DELAY_MS = 5000;
const TICK_MS = 200;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const { load: loadKnowledge, t } = shippedKnowledgeText();

interface DirectLineActivity {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role?: string };
}

/** A widget customer talking to the cluster through the proxy, by Direct Line polling (as Web Chat without WebSocket). */
class WidgetCustomer {
  readonly acknowledged: string[] = [];
  /** None before the first poll: the history from its start. */
  watermark: number | undefined;
  readonly seen: DirectLineActivity[] = [];

  private constructor(
    private readonly baseUrl: string,
    readonly token: string,
    readonly conversationId: string,
  ) {}

  static async start(baseUrl: string, userId: string): Promise<WidgetCustomer> {
    const issued = await fetch(`${baseUrl}/api/webchat/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId, locale: 'en-GB' }),
    });
    expect(issued.status).to.equal(200);
    const { token, conversationId } = (await issued.json()) as { token: string; conversationId: string };
    const started = await fetch(`${baseUrl}/v3/directline/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(started.status).to.equal(201);
    return new WidgetCustomer(baseUrl, token, conversationId);
  }

  /** Send (through `via`, default the balancer) until acknowledged (a 502 of a dying instance acknowledged nothing). */
  async say(text: string, via = this.baseUrl): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      // A connection cut by a dying instance acknowledged nothing either.
      const res = await fetch(`${via}/v3/directline/conversations/${this.conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text, from: { id: 'ignored' }, locale: 'en-GB' }),
      }).catch(() => undefined);
      if (res?.status === 200) {
        this.acknowledged.push(((await res.json()) as { id: string }).id);
        return;
      }
      if (attempt > 20) throw new Error(`Direct Line post: ${res?.status} ${await res?.text()}`);
      await sleep(200);
    }
  }

  /** Poll (through the proxy: any instance) until an activity matches. */
  async waitFor(
    match: (a: DirectLineActivity) => boolean,
    what: string,
    timeoutMs = 15_000,
  ): Promise<DirectLineActivity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.seen.find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`widget: no ${what} in ${JSON.stringify(this.seen.map((a) => a.text))}`);
      const res = await fetch(
        `${this.baseUrl}/v3/directline/conversations/${this.conversationId}/activities${this.watermark === undefined ? '' : `?watermark=${this.watermark}`}`,
        { headers: { authorization: `Bearer ${this.token}` } },
      ).catch(() => undefined);
      if (res?.status === 200) {
        const page = (await res.json()) as { activities: DirectLineActivity[]; watermark: string };
        const mark = Number(page.watermark);
        expect(mark, 'the watermark never goes back').to.be.at.least(this.watermark ?? 0);
        this.watermark = mark;
        this.seen.push(...page.activities);
      }
      await sleep(150);
    }
  }
}

/** An expectReplies customer whose every message is sent until acknowledged (answered 200 with the bot's replies). */
class ChannelCustomer {
  readonly conversation: Conversation;
  readonly acknowledged: string[] = [];

  constructor(baseUrl: string, userId: string, serviceUrl: string) {
    this.conversation = new Conversation(baseUrl, { userId, locale: 'en-GB', serviceUrl });
  }

  async say(text: string): Promise<Reply[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        const replies = await this.conversation.say(text);
        this.acknowledged.push(text);
        return replies;
      } catch (err) {
        if (attempt > 50) throw err;
        await sleep(200);
      }
    }
  }
}

/**
 * The must-hold cluster test of issue 14: three Firstline processes on one PostgreSQL behind a round-robin proxy;
 * customers (Bot Framework expectReplies and Direct Line) and an agent (console API) talk through it; one instance
 * is `kill -9`ed mid-conversation; the conversations go on through the others with nothing acknowledged lost; a
 * follow-up due meanwhile is sent exactly once; agent ↔ customer relays cross instances both ways.
 */
describe('a cluster: three instances on one PostgreSQL behind a round-robin proxy', function () {
  this.timeout(90_000);
  let database: { name: string; url: string } | undefined;
  let stub: ConnectorStub;
  let proxy: RoundRobinProxy | undefined;
  const instances: ChildServer[] = [];
  const dirs: string[] = [];

  before(async function () {
    if (TEST_STORAGE !== 'postgres') {
      process.stderr.write(
        '  [cluster] runs on PostgreSQL only: `npm run test:postgres` (TEST_STORAGE=postgres)\n',
      );
      this.skip();
    }
    await loadKnowledge();
    database = await freshDatabase('cluster');
    stub = await startConnectorStub();
    const start = async (n: number): Promise<ChildServer> => {
      const dir = await mkdtemp(path.join(tmpdir(), `firstline-cluster-${n}-`));
      dirs.push(dir);
      return startChildServer(
        {
          STORAGE: 'postgres',
          DATABASE_URL: database?.url ?? '',
          DATABASE_POOL_MAX: '4',
          INSTANCE_ID: `cluster-${n}`,
          DATA_DIR: dir,
          KNOWLEDGE_DIR: TEST_KNOWLEDGE_DIR,
          DATA_FSYNC: 'false',
          ADMIN_TOKEN: ADMIN,
          DIRECT_LINE_TOKEN_KEY: 'cluster-test-direct-line-key-0123456789abcdef',
          FOLLOW_UP_DELAY_MS: String(FOLLOW_UP_DELAY_MS),
          FOLLOW_UP_TICK_MS: String(TICK_MS),
          CLAIM_LEASE_MS: '2000',
          // One instance seeds the demo customers; the others see them through the store.
          DEMO_DATA: String(n === 1),
        },
        60_000,
      );
    };
    // Started together: the schema is migrated once (under an advisory lock), whichever comes first.
    instances.push(...(await Promise.all([start(1), start(2), start(3)])));
    mark('three instances listening');
    proxy = await startRoundRobinProxy(instances.map((i) => i.baseUrl));
  });

  after(async () => {
    await proxy?.close();
    for (const instance of instances) await killHard(instance);
    await stub?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    if (database) await dropDatabase(database.name);
  });

  const started = Date.now();
  const mark = (what: string): void => {
    if (process.env['CLUSTER_TRACE'])
      process.stderr.write(`  [cluster] ${Date.now() - started} ms: ${what}\n`);
  };

  it('keeps every conversation going through a kill -9, relays across instances, sends a follow-up once', async () => {
    if (!proxy) throw new Error('no proxy');
    const lb = proxy.url;
    const [a, b] = instances;
    if (!a || !b) throw new Error('instances missing');

    // The agent signs in through the balancer (the session is in the store) and listens on instance A.
    mark('The agent signs in through the balancer ');
    const agent = await ConsoleClient.signedIn(lb, { agentId: 'demo-agent' });
    const agentOnA = await ConsoleClient.signedIn(a.baseUrl, { agentId: 'demo-agent' });
    const events = await openEvents(agentOnA);
    expect(events.status).to.equal(200);

    // A widget customer (VIP: straight to the desk) through the balancer.
    mark('A widget customer (VIP: straight to the ');
    const widget = await WidgetCustomer.start(lb, 'demo-vip');
    // Its case opens on instance B (the conversation reference names B's connector), which is killed later.
    await widget.say('no data on 8946070000000000092', b.baseUrl);
    const queuedNote = await widget.waitFor(
      (x) => x.from.role === 'bot' && /CS-\d+/.test(x.text ?? ''),
      'the case',
    );
    const vipCase = /CS-\d+/.exec(queuedNote.text ?? '')?.[0] ?? '';
    expect((await agent.act(vipCase, 'pick')).status).to.equal(200);

    // Customer → agent: a line the widget sends to instance B reaches the agent's stream held by A, live.
    mark('Customer → agent: a line the widget send');
    await widget.say('the meters in Tromsø are all offline', b.baseUrl);
    await events.next(
      (e) => e['type'] === 'message' && JSON.stringify(e).includes('meters in Tromsø'),
      10_000,
    );
    // Agent → customer: typed on instance A, read by the widget from any instance.
    mark('Agent → customer: typed on instance A, r');
    const sent = await agentOnA.act(vipCase, 'messages', { text: 'Looking at the cell now.' });
    expect(sent.status).to.equal(201);
    await widget.waitFor((x) => x.text === 'Looking at the cell now.', "the agent's reply");

    // A customer on a Bot Framework channel (expectReplies) gets a case resolved and accepts a check-in.
    mark('A customer on a Bot Framework channel (e');
    const followed = new ChannelCustomer(lb, 'demo-user', stub.url);
    const followedCase = caseIdIn(await followed.say('I want a human'));
    expect((await agent.act(followedCase, 'pick')).status).to.equal(200);
    expect((await agent.act(followedCase, 'resolve', {})).status).to.equal(200);
    const offer = await stub.waitFor(
      (x) => x.conversationId === followed.conversation.id && cardActions(x).length === 2,
    );
    expect(
      allText(await followed.conversation.submit(submitValue(offer, t('en', 'followUp.offer.yes')))),
    ).to.contain(t('en', 'followUp.scheduled.one', { id: followedCase }));
    const acceptedAt = Date.now();

    // Customers keep talking while instance B is killed mid-conversation.
    mark('Customers keep talking while instance B ');
    const talkers = [1, 2].map((n) => new ChannelCustomer(lb, `cluster-customer-${n}`, stub.url));
    const opened = await Promise.all(talkers.map((c) => c.say('our meters have no data since yesterday')));
    const talkerCases = opened.map(caseIdIn);
    let killed = false;
    const talking = Promise.all(
      talkers.map(async (c, n) => {
        for (let i = 1; i <= 8; i++) await c.say(`the modem in cabinet ${n}-${i} shows a red light`);
      }),
    );
    const widgetTalking = (async () => {
      for (let i = 1; i <= 4; i++) await widget.say(`widget line ${i}`);
    })();
    await sleep(300);
    await killHard(b);
    killed = true;
    proxy.remove(b.baseUrl);
    await Promise.all([talking, widgetTalking]);
    expect(killed).to.equal(true);

    // Nothing acknowledged was lost: every line is on its case's log, every widget activity in its history.
    mark('Nothing acknowledged was lost: every lin');
    for (const [n, c] of talkers.entries()) {
      const detail = await agent.get<{ messages: Array<{ text: string }> }>(
        `/api/console/cases/${talkerCases[n]}`,
      );
      const texts = detail.messages.map((e) => e.text);
      for (const line of c.acknowledged) expect(texts, `${talkerCases[n]} keeps "${line}"`).to.include(line);
    }
    await widget.waitFor((x) => x.text === 'widget line 4', 'the last widget line');
    const ids = new Set(widget.seen.map((x) => x.id));
    for (const id of widget.acknowledged) expect(ids.has(id), `widget activity ${id}`).to.equal(true);
    expect(ids.size, 'no activity twice').to.equal(widget.seen.length);

    // Agent → customer after B died, whichever instance the widget's conversation started on.
    mark('Agent → customer after B died, whichever');
    expect((await agent.act(vipCase, 'messages', { text: 'Still with you.' })).status).to.equal(201);
    await widget.waitFor((x) => x.text === 'Still with you.', "the agent's reply after the kill");

    // The check-in falls due after the kill and is sent exactly once by the surviving instances.
    mark('The check-in falls due after the kill an');
    const isCheckIn = (x: ReceivedActivity): boolean =>
      x.conversationId === followed.conversation.id &&
      x.text === t('en', 'followUp.checkIn', { id: followedCase });
    await until(() => stub.received.some(isCheckIn), 20_000, 'the check-in');
    expect(Date.now() - acceptedAt).to.be.at.least(FOLLOW_UP_DELAY_MS - 500);
    // The case records `sent` after the connector accepted the check-in: wait for that write, then give a
    // resend (by any instance) time to show.
    const checkInSent = async (): Promise<boolean> =>
      (await apiJson<Case>(lb, `/api/cases/${followedCase}`, ADMIN)).followUp?.sent === true;
    await until(checkInSent, 10_000, 'the case to record the check-in sent');
    await sleep(TICK_MS * 10);
    expect(stub.received.filter(isCheckIn), 'the check-in, exactly once').to.have.length(1);

    // The balancer really spread the load over every instance.
    mark('The balancer really spread the load over');
    for (const instance of instances)
      expect(proxy.served.get(instance.baseUrl) ?? 0, instance.baseUrl).to.be.greaterThan(0);
  });
});
