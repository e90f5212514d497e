import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { startEchoBotServer, type EchoBotServer } from '../directline/echoBotServer.js';
import {
  skipWithoutBrowser,
  clickSuggestedAction,
  collectPageErrors,
  guardRequests,
  launchChromium,
  saveScreenshot,
  sendMessage,
  waitForBotText,
  waitForUserText,
} from './browserHelpers.js';

describe('Web Chat in headless Chromium against the local Direct Line', function () {
  this.timeout(60_000);
  let server: EchoBotServer;
  let browser: Browser;

  before(async function () {
    skipWithoutBrowser(this);
    server = await startEchoBotServer({ localMode: true });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('chats as a demo customer: reply, suggested actions, click one, next reply — all on localhost', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const guard = guardRequests(context);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    try {
      await page.goto(`${server.baseUrl}/`);
      await expect(await page.locator('h1').textContent()).to.equal('Firstline · IoT Support');
      await page.locator('[data-user="demo-user"]').click();
      await waitForBotText(page, 'Welcome demo-user');

      await sendMessage(page, 'our meters have no data since yesterday');
      await waitForUserText(page, 'our meters have no data since yesterday');
      await waitForBotText(page, 'Echo: our meters have no data since yesterday');
      await page.locator('.ac-adaptiveCard').filter({ hasText: 'Card for demo-user' }).last().waitFor();
      await saveScreenshot(page, 'webchat-customer-reply');

      await clickSuggestedAction(page, 'Option B');
      await waitForBotText(page, 'Echo: Option B');
      await saveScreenshot(page, 'webchat-customer-after-choice');

      const sentByBrowser = server.received.filter((a) => a.type === 'message').map((a) => a.from?.id);
      expect(sentByBrowser).to.deep.equal(['demo-user', 'demo-user']);
      expect(await page.locator('text=/send failed|could not send/i').count()).to.equal(0);
      expect(guard.offending, 'requests that left localhost').to.deep.equal([]);
      expect(errors, 'page errors').to.deep.equal([]);
    } finally {
      await context.close();
    }
  });

  it('switches the widget to Spanish and restarts the chat with a Spanish locale', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const guard = guardRequests(context);
    const page = await context.newPage();
    try {
      await page.goto(`${server.baseUrl}/`);
      await page.locator('[data-lang="es"]').click();
      expect(await page.locator('.picker-title').textContent()).to.match(/chatear como/);
      await page.locator('[data-user="demo-vip"]').click();
      await waitForBotText(page, 'Welcome demo-vip');
      await sendMessage(page, 'hola');
      await waitForBotText(page, 'Echo: hola');
      const hola = server.received.find((a) => a.text === 'hola');
      expect(hola?.locale).to.equal('es-ES');
      await saveScreenshot(page, 'webchat-customer-es');
      expect(guard.offending).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });
});
