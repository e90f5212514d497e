/**
 * The agent console in Chromium with the real server: two customers of different organisations chat in the Web
 * Chat widget, one agent answers both from their own panes; each customer receives exactly their own answers.
 * A failed delivery shows in the console.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { caseIdIn } from '../helpers/cases.js';
import { startConnectorStub, type ConnectorStub } from '../helpers/connectorStub.js';
import { Conversation } from '../helpers/conversation.js';
import { shippedKnowledgeText } from '../helpers/knowledgeText.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  skipWithoutBrowser,
  collectPageErrors,
  guardRequests,
  launchChromium,
  saveScreenshot,
  sendMessage,
  waitForBotText,
} from './browserHelpers.js';

const { load: loadKnowledge, t } = shippedKnowledgeText();

/** The bot-side transcript texts a customer's Web Chat shows (their own bubbles excluded). */
/** The agent's message and note posts, as answered ("POST …/messages 201 after 120 ms"): for time-out errors. */
function recordSends(page: Page): string[] {
  const sends: string[] = [];
  const started = new Map<unknown, number>();
  page.on('request', (request) => {
    if (/\/api\/console\/cases\/[^/]+\/(messages|notes)$/.test(new URL(request.url()).pathname))
      started.set(request, Date.now());
  });
  page.on('requestfinished', (request) => {
    const at = started.get(request);
    if (at === undefined) return;
    void request
      .response()
      .then((response) =>
        sends.push(
          `${new URL(request.url()).pathname} ${response?.status() ?? '?'} after ${Date.now() - at} ms`,
        ),
      );
  });
  page.on('requestfailed', (request) => {
    if (started.has(request))
      sends.push(`${new URL(request.url()).pathname} failed: ${request.failure()?.errorText}`);
  });
  return sends;
}

/** What a pane shows and how the sends went, for an error message. */
async function paneState(pane: Locator, sends: readonly string[]): Promise<string> {
  const lines = await pane
    .locator('.messages')
    .innerText({ timeout: 2_000 })
    .catch(() => '(unreadable)');
  const pending = sends.length === 0 ? 'none' : sends.join('; ');
  return `pane:\n${lines}\nsends: ${pending}`;
}

/** `waiting`, or its error with `explain()` added (what the page showed when it timed out). */
async function explained(waiting: Promise<unknown>, explain: () => Promise<string>): Promise<void> {
  try {
    await waiting;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${await explain()}`, { cause: error });
  }
}

async function shownToCustomer(page: Page): Promise<string> {
  const texts = await page
    .locator('.webchat__basic-transcript__activity')
    .filter({ hasNot: page.locator('.webchat__bubble--from-user') })
    .allTextContents();
  return texts.join('\n');
}

/**
 * Open the widget as a demo customer, say each of `messages` and wait for the queue line (`queued`); returns the
 * page and the case id the customer was told.
 */
async function customerQueued(
  context: BrowserContext,
  baseUrl: string,
  userId: string,
  messages: string[],
  queued: RegExp,
): Promise<{ page: Page; caseId: string }> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.locator(`[data-user="${userId}"]`).click();
  await page.locator('.webchat__basic-transcript__activity').first().waitFor({ timeout: 20_000 });
  for (const message of messages) {
    const before = await page.locator('.webchat__basic-transcript__activity').count();
    await sendMessage(page, message);
    await page.waitForFunction(
      (n) => document.querySelectorAll('.webchat__basic-transcript__activity').length > n + 1,
      before,
      { timeout: 20_000 },
    );
  }
  await waitForBotText(page, queued, 20_000);
  const line = page.locator('.webchat__basic-transcript__activity').filter({ hasText: queued }).last();
  const caseId = /CS-\d+/.exec((await line.textContent()) ?? '')?.[0];
  if (!caseId) throw new Error(`${userId}: no case id in the queue line`);
  return { page, caseId };
}

describe('agent console in the browser (two organisations, one agent)', function () {
  this.timeout(180_000);
  let server: TestServer;
  let stub: ConnectorStub;
  let browser: Browser;

  before(async function () {
    skipWithoutBrowser(this);
    await loadKnowledge();
    stub = await startConnectorStub();
    server = await startTestServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await stub?.close();
  });

  it('the agent answers each customer in its own pane; each receives exactly their own answers', async () => {
    const agentContext = await browser.newContext({
      locale: 'en-GB',
      viewport: { width: 1920, height: 1000 },
    });
    const acmeContext = await browser.newContext({ locale: 'en-GB' });
    const luciaContext = await browser.newContext({ locale: 'es-ES' });
    const guards = [guardRequests(agentContext), guardRequests(acmeContext), guardRequests(luciaContext)];
    try {
      // The agent signs in first: the queue must fill without a reload.
      const agent = await agentContext.newPage();
      const errors = collectPageErrors(agent);
      const sends = recordSends(agent);
      await agent.goto(`${server.baseUrl}/agent`);
      await agent.locator('[data-agent="demo-agent"]').click();
      await agent.locator('#queue').waitFor();
      expect(await agent.locator('.queue-row').count()).to.equal(0);

      // A VIP case waits too (over HTTP): P1, offered to the agent.
      const vip = new Conversation(server.baseUrl, { userId: 'demo-vip', serviceUrl: stub.url });
      const vipId = caseIdIn(await vip.say('no data on 8946070000000000092 since this morning'));
      const { page: acme, caseId: acmeId } = await customerQueued(
        acmeContext,
        server.baseUrl,
        'demo-user',
        ['our tracker 8946070000000000027 has no data since this morning', 'I want to talk to a person'],
        /You are number \d+ in the queue/,
      );
      const { page: lucia, caseId: luciaId } = await customerQueued(
        luciaContext,
        server.baseUrl,
        'demo-consumer',
        ['quiero hablar con una persona'],
        /Ocupa el puesto \d+ en la cola/,
      );
      expect(new Set([vipId, acmeId, luciaId]).size).to.equal(3);
      await agent.locator(`.queue-row[data-case="${acmeId}"]`).waitFor({ timeout: 10_000 });
      await agent.locator(`.queue-row[data-case="${luciaId}"]`).waitFor({ timeout: 10_000 });
      const acmeRow = await agent.locator(`.queue-row[data-case="${acmeId}"]`).textContent();
      expect(acmeRow).to.include('Acme Logistics').and.include('Sam Carter').and.include('EN');
      expect(acmeRow).to.match(/response due in \d+/);
      await agent.locator(`.offer[data-offer="${vipId}"]`).waitFor({ timeout: 10_000 });
      const vipRow = await agent.locator(`.queue-row[data-case="${vipId}"]`).textContent();
      expect(vipRow).to.include('VIP').and.include('P1').and.include('Offered to you');

      // Pick both up (keyboard for the second one): two panes side by side.
      await agent.locator(`.queue-row[data-case="${acmeId}"] button`, { hasText: 'Pick up' }).click();
      await agent.locator(`[data-pane="${acmeId}"] textarea`).waitFor();
      await agent.locator(`.queue-row[data-case="${luciaId}"] button`, { hasText: 'Pick up' }).focus();
      // The queue changes while the agent is about to press Enter (another customer queues): the re-rendered
      // list keeps the keyboard focus on the same button.
      const late = new Conversation(server.baseUrl, { userId: 'demo-user', serviceUrl: stub.url });
      const lateId = caseIdIn(await late.say('I want to talk to a person'));
      await agent.locator(`.queue-row[data-case="${lateId}"]`).waitFor({ timeout: 10_000 });
      expect(await agent.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null)).to.equal(
        `Pick up ${luciaId}`,
      );
      await agent.keyboard.press('Enter');
      await agent.locator(`[data-pane="${luciaId}"] textarea`).waitFor();
      await waitForBotText(acme, t('en', 'desk.customer.agentJoined', { agent: 'Alex', id: acmeId }), 20_000);
      await waitForBotText(
        lucia,
        t('es', 'desk.customer.agentJoined', { agent: 'Alex', id: luciaId }),
        20_000,
      );

      // Each customer writes; each line shows in its own pane only.
      await sendMessage(acme, 'hello? are you still there?');
      await sendMessage(lucia, '¿hay alguien? el router sigue sin internet');
      const acmePane = agent.locator(`[data-pane="${acmeId}"]`);
      const luciaPane = agent.locator(`[data-pane="${luciaId}"]`);
      await acmePane
        .locator('.msg.from-customer', { hasText: 'are you still there' })
        .waitFor({ timeout: 10_000 });
      await luciaPane
        .locator('.msg.from-customer', { hasText: 'el router sigue sin internet' })
        .waitFor({ timeout: 10_000 });
      expect(await acmePane.locator('.messages').textContent()).to.not.include('router sigue');
      expect(await luciaPane.locator('.messages').textContent()).to.not.include('are you still there');

      // The agent answers each in its pane: Acme with an edited canned reply, Lucía typed (Enter sends).
      await acmePane.locator('select[data-canned]').selectOption('greeting');
      const box = acmePane.locator('textarea');
      const greeting = await box.inputValue();
      expect(greeting).to.equal(
        `Hello Sam, this is Alex from operations. I have your case ${acmeId} in front of me.`,
      );
      await box.fill(`${greeting} Yes Sam, still here, checking your trackers.`);
      // The agent moves on to Lucía's pane while Acme's reply is on its way (held back here): when it is
      // answered, the focus stays where the agent is (it used to jump back, and the next Enter went to Acme's
      // emptied box: that reply was lost — the cause of this test's rare time-outs below).
      const acmeMessages = `**/api/console/cases/${acmeId}/messages`;
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let routed = 0;
      await agent.route(acmeMessages, async (route) => {
        routed += 1;
        await held;
        await route.continue();
      });
      await acmePane.locator('button[data-send]').click();
      const luciaBox = luciaPane.locator('textarea');
      await luciaBox.focus();
      release();
      await agent.waitForFunction(
        (id) => !(document.querySelector(`button[data-send="${id}"]`) as HTMLButtonElement | null)?.disabled,
        acmeId,
      );
      expect(routed).to.equal(1);
      expect(await agent.evaluate(() => document.activeElement?.id)).to.equal(`reply-${luciaId}`);
      await agent.unroute(acmeMessages);
      await luciaBox.fill('Hola Lucía, ya estoy con su router');
      await luciaBox.press('Enter');
      // An eventual state, not a speed check: one CI run on PostgreSQL showed 'delivered' after 10 s, and two runs on
      // a machine also running other suites after 20 s (cause not found; alone it shows within a second or two).
      // On a time-out the error says what the pane showed and how the console's sends were answered.
      await explained(
        acmePane.locator('.delivery[data-delivery="delivered"]').first().waitFor({ timeout: 45_000 }),
        () => paneState(acmePane, sends),
      );
      await explained(
        luciaPane
          .locator('.msg.from-agent .delivery[data-delivery="delivered"]')
          .waitFor({ timeout: 45_000 }),
        () => paneState(luciaPane, sends),
      );

      // An internal note stays in the pane.
      await luciaPane.locator('input[data-note-toggle]').check();
      await luciaBox.fill('consumer router, low priority but polite');
      await luciaBox.press('Enter');
      await luciaPane.locator('.msg.note', { hasText: 'low priority but polite' }).waitFor();

      await waitForBotText(acme, 'Yes Sam, still here, checking your trackers.', 20_000);
      await waitForBotText(lucia, 'Hola Lucía, ya estoy con su router', 20_000);
      await agent.waitForTimeout(1500);
      const acmeSaw = await shownToCustomer(acme);
      const luciaSaw = await shownToCustomer(lucia);
      expect(acmeSaw).to.include('Yes Sam, still here').and.not.include('Hola Lucía');
      expect(luciaSaw).to.include('Hola Lucía').and.not.include('Yes Sam');
      expect(luciaSaw).to.not.include('low priority but polite');
      expect(acmeSaw).to.not.include(luciaId);
      expect(luciaSaw).to.not.include(acmeId);

      // The customer panel: live SIM look-up on demand.
      await acmePane.locator('button[data-refresh-sims]').click();
      await acmePane
        .locator('[data-sim="8946070000000000027"] [data-finding="APN_MISMATCH"]')
        .waitFor({ timeout: 10_000 });
      const screenshot = await saveScreenshot(agent, 'agent-console');
      if (process.env['FIRSTLINE_DOCS_SCREENSHOT']) {
        mkdirSync(path.resolve('docs'), { recursive: true });
        copyFileSync(screenshot, path.resolve('docs', 'agent-console.png'));
      }

      // Resolve from the pane: the customer hears it and that the agent left.
      await acmePane.locator('button[data-action="resolve"]').click();
      await agent.locator('#dialog textarea').fill('APN corrected on the trackers');
      await agent.locator('#dialog-ok').click();
      await waitForBotText(acme, t('en', 'desk.customer.agentLeft', { agent: 'Alex' }), 20_000);
      await acmePane.locator('.readonly').waitFor();

      expect(errors, 'page errors').to.deep.equal([]);
      for (const guard of guards) expect(guard.offending, 'requests that left localhost').to.deep.equal([]);
    } finally {
      await agentContext.close();
      await acmeContext.close();
      await luciaContext.close();
    }
  });

  it('shows a failed delivery in the pane', async () => {
    const gone = new Conversation(server.baseUrl, {
      userId: 'demo-user',
      serviceUrl: stub.url,
      conversationId: 'channel-lost-this-conversation',
    });
    const caseId = caseIdIn(await gone.say('I want a human'));
    stub.refuse(gone.id, 404);
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 900 } });
    try {
      const agent = await context.newPage();
      await agent.goto(`${server.baseUrl}/agent`);
      await agent.locator('[data-agent="demo-agent"]').click();
      await agent.locator(`.queue-row[data-case="${caseId}"] button`, { hasText: 'Pick up' }).click();
      const pane = agent.locator(`[data-pane="${caseId}"]`);
      await pane.locator('textarea').fill('Please restart the tracker');
      await pane.locator('textarea').press('Enter');
      const failed = pane.locator('.msg.from-agent .delivery[data-delivery="failed"]');
      await failed.waitFor({ timeout: 10_000 });
      expect(await failed.textContent()).to.equal('Not delivered: the channel answered 404');
      await saveScreenshot(agent, 'agent-console-failed-delivery');
    } finally {
      await context.close();
    }
  });
});
