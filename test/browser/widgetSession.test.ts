import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startEchoBotServer, type EchoBotServer } from '../directline/echoBotServer.js';
import {
  skipWithoutBrowser,
  collectPageErrors,
  guardRequests,
  launchChromium,
  saveScreenshot,
  sendMessage,
  waitForBotText,
} from './browserHelpers.js';

/** The widget's current conversation, as the page exposes it on `<body>`. */
async function conversationOf(page: Page): Promise<string> {
  await page.waitForFunction(() => Boolean(document.body.dataset.conversationId));
  return page.evaluate(() => document.body.dataset.conversationId ?? '');
}

const transcriptText = (page: Page) => page.locator('.webchat__basic-transcript__activity').allTextContents();

describe('the customer widget keeps its conversation (reload, language, user) over WebSocket', function () {
  this.timeout(90_000);
  let server: EchoBotServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let guard: { offending: string[] };
  let errors: string[];

  before(async function () {
    skipWithoutBrowser(this);
    server = await startEchoBotServer({ localMode: true });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-US' });
    guard = guardRequests(context);
    page = await context.newPage();
    errors = collectPageErrors(page);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveScreenshot(page, `widget-${this.currentTest.title}`);
    await context?.close();
    expect(guard.offending, 'requests that left localhost').to.deep.equal([]);
    expect(errors, 'page errors').to.deep.equal([]);
  });

  const welcomes = (conversationId: string) =>
    server.received.filter((a) => a.type === 'conversationUpdate' && a.conversation?.id === conversationId)
      .length;

  it('talks over the WebSocket stream (Web Chat default), not by polling', async () => {
    const polledBefore = server.requests.filter(
      (r) => r.startsWith('GET') && r.endsWith('/activities'),
    ).length;
    await page.goto(`${server.baseUrl}/`);
    await page.locator('[data-user="demo-user"]').click();
    await waitForBotText(page, 'Welcome demo-user');
    await sendMessage(page, 'hello over the socket');
    await waitForBotText(page, 'Echo: hello over the socket');
    expect(server.directLine.openStreams).to.equal(1);
    const polled = server.requests.filter((r) => r.startsWith('GET') && r.endsWith('/activities')).length;
    expect(polled - polledBefore, 'GET /activities calls').to.equal(0);
  });

  it('survives a page reload: same conversation, history shown, no second welcome', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.locator('[data-user="demo-user"]').click();
    await waitForBotText(page, 'Welcome demo-user');
    await sendMessage(page, 'before the reload');
    await waitForBotText(page, 'Echo: before the reload');
    const conversationId = await conversationOf(page);

    await page.reload();
    // Nothing typed yet: what shows is the replayed history.
    await waitForBotText(page, 'Echo: before the reload');
    expect(await conversationOf(page)).to.equal(conversationId);
    expect(await page.locator('#picker').isHidden()).to.equal(true);
    await sendMessage(page, 'after the reload');
    await waitForBotText(page, 'Echo: after the reload');
    const texts = await transcriptText(page);
    expect(texts.filter((t) => t.includes('Echo: before the reload'))).to.have.length(1);
    expect(welcomes(conversationId), 'conversationUpdate sent once').to.equal(1);
    const sent = server.received.filter((a) => a.conversation?.id === conversationId && a.type === 'message');
    expect(sent.map((a) => a.text)).to.deep.equal(['before the reload', 'after the reload']);
    await saveScreenshot(page, 'widget-after-reload');
  });

  it('switches EN → ES mid-chat without a blank chat: same conversation, history kept, Spanish locale', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.locator('[data-user="demo-vip"]').click();
    await waitForBotText(page, 'Welcome demo-vip');
    await sendMessage(page, 'our meters are silent');
    await waitForBotText(page, 'Echo: our meters are silent');
    const conversationId = await conversationOf(page);

    await page.locator('[data-lang="es"]').click();
    await waitForBotText(page, 'Echo: our meters are silent');
    expect(await conversationOf(page)).to.equal(conversationId);
    await sendMessage(page, 'hola de nuevo');
    await waitForBotText(page, 'Echo: hola de nuevo');
    const hola = server.received.find((a) => a.text === 'hola de nuevo');
    expect(hola?.conversation?.id).to.equal(conversationId);
    expect(hola?.locale).to.equal('es-ES');
    expect(welcomes(conversationId)).to.equal(1);
    expect(await page.locator('[data-id="webchat-sendbox-input"]').getAttribute('placeholder')).to.match(
      /Describa/,
    );
    await saveScreenshot(page, 'widget-after-language-switch');
  });

  it('switches user and back: the other user gets their own chat, the first one resumes with its history', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.locator('[data-user="demo-user"]').click();
    await waitForBotText(page, 'Welcome demo-user');
    await sendMessage(page, 'from acme');
    await waitForBotText(page, 'Echo: from acme');
    const acme = await conversationOf(page);

    await page.locator('#switch-user').click();
    await page.locator('[data-user="demo-consumer"]').click();
    await waitForBotText(page, 'Welcome demo-consumer');
    const consumer = await conversationOf(page);
    expect(consumer).to.not.equal(acme);
    expect((await transcriptText(page)).join(' ')).to.not.include('from acme');

    await page.locator('#switch-user').click();
    await page.locator('[data-user="demo-user"]').click();
    await waitForBotText(page, 'Echo: from acme');
    expect(await conversationOf(page)).to.equal(acme);
    expect(welcomes(acme)).to.equal(1);
  });

  it('shows a relayed agent message within a second, under the agent name and initials, even with a replyToId it never saw', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.locator('[data-user="demo-user"]').click();
    await waitForBotText(page, 'Welcome demo-user');
    await sendMessage(page, 'I need a person');
    await waitForBotText(page, 'Echo: I need a person');
    const conversationId = await conversationOf(page);

    // What the desk relays (contracts.md): the agent's identity, and a reply id from the agent's own conversation.
    const started = Date.now();
    const relay = await fetch(
      `${server.baseUrl}/v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent('agent-conversation|0000042')}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: 'Hi, this is Alex from operations',
          from: { id: 'agent:alex', name: 'Alex Agent' },
          channelData: {
            firstline: { kind: 'agent', agentId: 'alex', agentName: 'Alex Agent', caseId: 'CS-10001' },
          },
        }),
      },
    );
    expect(relay.status).to.equal(200);
    await waitForBotText(page, 'Hi, this is Alex from operations', 5000);
    const elapsed = Date.now() - started;
    expect(elapsed, 'ms until the relayed message showed').to.be.below(1000);

    const item = page
      .locator('.webchat__basic-transcript__activity')
      .filter({ hasText: 'Hi, this is Alex from operations' })
      .last();
    expect((await item.locator('.fl-agent-avatar').textContent())?.trim()).to.equal('AA');
    expect(await item.locator('.fl-agent-name').textContent()).to.equal('Alex Agent');
    // The bot's own messages keep the bot's look.
    const botItem = page
      .locator('.webchat__basic-transcript__activity')
      .filter({ hasText: 'Echo: I need a person' });
    expect(await botItem.locator('.fl-agent-avatar').count()).to.equal(0);

    // A proactive message from the bot (a follow-up) arrives as fast.
    const followUpStarted = Date.now();
    const reference = server.references.get(conversationId) ?? {};
    await server.adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity('Checking back: is everything working?');
    });
    await waitForBotText(page, 'Checking back: is everything working?', 5000);
    expect(Date.now() - followUpStarted).to.be.below(1000);
    await saveScreenshot(page, 'widget-agent-relay');
  });
});
