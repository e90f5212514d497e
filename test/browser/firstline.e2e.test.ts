/**
 * End-to-end: the full Firstline server in a real browser — a customer reports a data outage, picks a choice,
 * asks for a person; the agent picks the handoff up on /agent and both sides see each other's messages.
 * Depends on `startTestServer()` from `test/helpers/server.ts` (provided by the lead).
 */
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import {
  botActivityCount,
  browserSkipReason,
  clickSuggestedAction,
  guardRequests,
  launchChromium,
  saveScreenshot,
  sendMessage,
  waitForBotText,
  waitForNewBotActivity,
} from './browserHelpers.js';

interface TestServer {
  baseUrl: string;
  close(): Promise<void>;
}

const helperPath = '../helpers/server.js';

async function loadStartTestServer(): Promise<(() => Promise<TestServer>) | undefined> {
  try {
    const module = (await import(helperPath)) as { startTestServer?: () => Promise<TestServer> };
    return module.startTestServer;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

describe('Firstline end to end in the browser (customer + agent)', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;

  before(async function () {
    const reason = browserSkipReason();
    const start = await loadStartTestServer();
    if (!start && !process.env.CI) {
      process.stderr.write(
        '  [browser] test/helpers/server.ts (startTestServer) not there yet; e2e skipped\n',
      );
      this.skip();
    }
    if (reason) {
      process.stderr.write(`  [browser] ${reason}\n`);
      this.skip();
    }
    if (!start) throw new Error('test/helpers/server.ts must export startTestServer()');
    server = await start();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('troubleshoots, hands over, and relays messages both ways', async () => {
    const customerContext = await browser.newContext({ locale: 'en-US' });
    const agentContext = await browser.newContext({ locale: 'en-US' });
    const guards = [guardRequests(customerContext), guardRequests(agentContext)];
    try {
      const customer = await customerContext.newPage();
      await customer.goto(`${server.baseUrl}/`);
      await customer.locator('[data-user="demo-user"]').click();
      await waitForNewBotActivity(customer, 0); // the welcome

      let seen = await botActivityCount(customer);
      await sendMessage(customer, 'our meters have no data since yesterday');
      await waitForNewBotActivity(customer, seen);
      const choice = customer.locator('.webchat__suggested-actions button').first();
      await choice.waitFor({ state: 'visible', timeout: 15_000 });
      await saveScreenshot(customer, 'e2e-customer-troubleshooting');
      const label = ((await choice.textContent()) ?? '').trim();
      expect(label).to.not.equal('');
      seen = await botActivityCount(customer);
      await clickSuggestedAction(customer, label);
      await waitForNewBotActivity(customer, seen);

      seen = await botActivityCount(customer);
      await sendMessage(customer, 'I want to talk to a person');
      await waitForNewBotActivity(customer, seen);
      await saveScreenshot(customer, 'e2e-customer-queued');

      const agent = await agentContext.newPage();
      await agent.goto(`${server.baseUrl}/agent`);
      await agent.locator('[data-agent="demo-agent"]').click();
      const row = agent.locator('.queue-row').first();
      await row.waitFor({ timeout: 20_000 });
      expect(await row.textContent()).to.match(/Acme Logistics/);
      await row.locator('button', { hasText: 'Pick up' }).click();
      const pane = agent.locator('[data-pane]').first();
      await pane.locator('textarea').waitFor();
      await saveScreenshot(agent, 'e2e-agent-picked');

      await pane.locator('textarea').fill('Hello, this is Maria from operations');
      await pane.locator('textarea').press('Enter');
      await waitForBotText(customer, 'Hello, this is Maria from operations', 20_000);
      await sendMessage(customer, 'Thanks Maria, the meters are at site 4');
      await pane
        .locator('.msg.from-customer', { hasText: 'the meters are at site 4' })
        .waitFor({ timeout: 20_000 });
      await saveScreenshot(customer, 'e2e-customer-with-agent');
      await saveScreenshot(agent, 'e2e-agent-with-customer');

      for (const guard of guards) expect(guard.offending, 'requests that left localhost').to.deep.equal([]);
    } finally {
      await customerContext.close();
      await agentContext.close();
    }
  });
});
