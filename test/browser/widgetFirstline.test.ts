import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  botActivityCount,
  skipWithoutBrowser,
  collectPageErrors,
  guardRequests,
  launchChromium,
  saveScreenshot,
  sendMessage,
  waitForBotText,
  waitForNewBotActivity,
} from './browserHelpers.js';

const ADMIN_TOKEN = 'widget-browser-test-admin-token-01234';

describe('the widget on the real Firstline: a reload and a language switch keep the conversation and its case', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;

  before(async function () {
    skipWithoutBrowser(this);
    server = await startTestServer({ ADMIN_TOKEN });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function acmeCases(): Promise<{ id: string }[]> {
    const res = await fetch(`${server.baseUrl}/api/cases?organisation=org-acme`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    return ((await res.json()) as { cases: { id: string }[] }).cases;
  }

  it('reports a problem, reloads, switches to Spanish, and goes on in the same case', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const guard = guardRequests(context);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    try {
      await page.goto(`${server.baseUrl}/`);
      await page.locator('[data-user="demo-user"]').click();
      await waitForNewBotActivity(page, 0);
      await sendMessage(page, 'our meters have no data since yesterday');
      await waitForBotText(page, /CS-\d+/);
      const [opened] = await acmeCases();
      expect(opened?.id).to.match(/^CS-\d+$/);
      const conversationId = await page.evaluate(() => document.body.dataset.conversationId);

      await page.reload();
      // The history replays: the case line is there before anything is typed.
      await waitForBotText(page, opened?.id ?? '?');
      expect(await page.evaluate(() => document.body.dataset.conversationId)).to.equal(conversationId);
      const seen = await botActivityCount(page);
      await sendMessage(page, '8946070000000000019');
      await waitForNewBotActivity(page, seen);
      await saveScreenshot(page, 'widget-firstline-after-reload');

      await page.locator('[data-lang="es"]').click();
      await waitForBotText(page, opened?.id ?? '?');
      expect(await page.evaluate(() => document.body.dataset.conversationId)).to.equal(conversationId);
      const beforeSpanish = await botActivityCount(page);
      await sendMessage(page, '¿cómo va mi caso?');
      await waitForNewBotActivity(page, beforeSpanish);
      await saveScreenshot(page, 'widget-firstline-spanish');

      const cases = await acmeCases();
      expect(
        cases.map((c) => c.id),
        'still one case',
      ).to.deep.equal([opened?.id]);
      expect(JSON.stringify(cases[0]), 'the SIM given after the reload is on it').to.include(
        '8946070000000000019',
      );
      expect(guard.offending).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });

  it('shows the agent who takes over: "joined", then the agent\'s messages within a second under their name and initials', async () => {
    const customerContext = await browser.newContext({ locale: 'en-US' });
    const agentContext = await browser.newContext({ locale: 'en-US' });
    const customer = await customerContext.newPage();
    const agent = await agentContext.newPage();
    const errors = collectPageErrors(customer);
    try {
      await customer.goto(`${server.baseUrl}/`);
      await customer.locator('[data-user="demo-vip"]').click();
      await waitForNewBotActivity(customer, 0);
      const seen = await botActivityCount(customer);
      await sendMessage(customer, 'I want to talk to a person');
      await waitForNewBotActivity(customer, seen);

      await agent.goto(`${server.baseUrl}/agent`);
      await agent.locator('[data-agent="demo-agent"]').click();
      const row = agent.locator('.queue-row').first();
      await row.waitFor({ timeout: 20_000 });
      await row.locator('button', { hasText: 'Pick up' }).click();
      await waitForBotText(customer, /Alex from operations joined/, 10_000);

      const pane = agent.locator('[data-pane]').first();
      await pane.locator('textarea').fill('Alex here, looking at your meters now');
      const sent = Date.now();
      await pane.locator('textarea').press('Enter');
      await waitForBotText(customer, 'Alex here, looking at your meters now', 10_000);
      expect(Date.now() - sent, 'ms from the agent pressing Enter to the customer seeing it').to.be.below(
        1000,
      );
      const item = customer
        .locator('.webchat__basic-transcript__activity')
        .filter({ hasText: 'Alex here, looking at your meters now' })
        .last();
      expect((await item.locator('.fl-agent-avatar').textContent())?.trim()).to.equal('AA');
      expect(await item.locator('.fl-agent-name').textContent()).to.equal('Alex Agent');
      await saveScreenshot(customer, 'widget-firstline-agent-relay');
      expect(errors).to.deep.equal([]);
    } catch (err) {
      await saveScreenshot(customer, 'widget-firstline-agent-failed-customer');
      await saveScreenshot(agent, 'widget-firstline-agent-failed-agent');
      throw err;
    } finally {
      await customerContext.close();
      await agentContext.close();
    }
  });
});
