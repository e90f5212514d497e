import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  botActivityCount,
  browserSkipReason,
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
    const reason = browserSkipReason();
    if (reason) {
      process.stderr.write(`  [browser] ${reason}\n`);
      this.skip();
    }
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
});
