/**
 * Issue 12, class 11, in a real browser: Web Chat shows commands, APNs and ICCIDs as code — straight quotes,
 * one command per line — so what a customer copies from the chat is what a modem accepts.
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  botActivityCount,
  skipWithoutBrowser,
  guardRequests,
  launchChromium,
  saveScreenshot,
  sendMessage,
  waitForBotText,
  waitForNewBotActivity,
} from './browserHelpers.js';

/** What a customer gets by selecting a code element and copying it: the selection's text. */
function copiedText(page: Page, selector: string, containing: string): Promise<string> {
  return page.evaluate(
    ({ selector, containing }) => {
      const element = Array.from(document.querySelectorAll(selector)).find((e) =>
        e.textContent?.includes(containing),
      );
      if (!element) return '';
      const range = document.createRange();
      range.selectNodeContents(element);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return selection?.toString() ?? '';
    },
    { selector, containing },
  );
}

describe('commands as code in Web Chat (browser)', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;

  before(async function () {
    skipWithoutBrowser(this);
    server = await startTestServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('copies the APN command with straight quotes, and several commands one per line', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const guard = guardRequests(context);
    try {
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/`);
      await page.locator('[data-user="demo-user"]').click();
      await waitForNewBotActivity(page, 0);

      let seen = await botActivityCount(page);
      await sendMessage(page, 'no data on 8946070000000000027');
      await waitForNewBotActivity(page, seen);
      await waitForBotText(page, 'AT+CGDCONT', 20_000);
      const command = await copiedText(page, '#webchat pre, #webchat code', 'AT+CGDCONT');
      expect(command.trim()).to.equal('AT+CGDCONT=1,"IP","iot.firstline.example"');
      expect(command).to.not.match(/[“”‘’]/);
      const apn = await copiedText(page, '#webchat code', 'iot.firstline.example');
      expect(apn).to.contain('iot.firstline.example');
      const font = await page
        .locator('#webchat code', { hasText: 'AT+CFUN=0' })
        .first()
        .evaluate((e) => getComputedStyle(e).fontFamily);
      expect(font.toLowerCase()).to.match(/mono|consolas|menlo/);

      // Asked in the middle of the checks: answered from the article, then the check's question again.
      seen = await botActivityCount(page);
      await sendMessage(page, 'How do I change the APN on the modem?');
      await waitForNewBotActivity(page, seen);
      await waitForBotText(page, 'The APN per plan', 20_000);
      const restart = await copiedText(page, '#webchat pre', 'AT+CFUN=1');
      expect(restart.trim().split(/\r?\n/)).to.deep.equal(['AT+CFUN=0', 'AT+CFUN=1']);
      await saveScreenshot(page, 'code-rendering');
      expect(guard.offending, 'requests that left localhost').to.deep.equal([]);
    } finally {
      await context.close();
    }
  });
});
