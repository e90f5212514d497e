import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser. */
export const chromiumPath = '/usr/bin/chromium';

/** Launch options for headless Debian Chromium that keep it from phoning home. */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: chromiumPath,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/**
 * Why the browser suite must be skipped, or `undefined` when it must run. It may skip only on a developer
 * machine without Chromium; in CI (`CI` set) a missing browser is a failure, not a skip.
 */
export function browserSkipReason(): string | undefined {
  if (existsSync(chromiumPath) || process.env.CI) return undefined;
  return `${chromiumPath} is missing (apt-get install -y chromium); browser tests skipped outside CI`;
}

/** In a suite's `before` hook: skip the suite, saying why, when {@link browserSkipReason} says so. */
export function skipWithoutBrowser(suite: Mocha.Context): void {
  const reason = browserSkipReason();
  if (!reason) return;
  process.stderr.write(`  [browser] ${reason}\n`);
  suite.skip();
}

/** Launches Chromium with {@link chromiumLaunchOptions}. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}

/**
 * Records every request whose host is not loopback. Check `offending` (empty) at the end of a test: nothing may
 * leave localhost (no CDN, no fonts, no telemetry).
 */
export function guardRequests(target: Page | BrowserContext): { offending: string[] } {
  const offending: string[] = [];
  target.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) offending.push(request.url());
  });
  return { offending };
}

/** Collects uncaught page errors (they fail the test at the end). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Saves a full-page screenshot as `test-artifacts/<name>.png` and returns the path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve('test-artifacts');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Types into Web Chat's send box and sends with Enter. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  await input.press('Enter');
}

/**
 * Waits until a transcript item from the bot (not the user's own bubble) contains `text`.
 * @param text - Substring or pattern to look for.
 */
export async function waitForBotText(page: Page, text: string | RegExp, timeoutMs = 15_000): Promise<void> {
  await page
    .locator('.webchat__basic-transcript__activity')
    .filter({ hasText: text })
    .filter({ hasNot: page.locator('.webchat__bubble--from-user') })
    .last()
    .waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Waits until the user's own message shows as sent (no "send failed" marker). */
export async function waitForUserText(page: Page, text: string | RegExp, timeoutMs = 15_000): Promise<void> {
  await page
    .locator('.webchat__basic-transcript__activity')
    .filter({ hasText: text })
    .filter({ has: page.locator('.webchat__bubble--from-user') })
    .last()
    .waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Clicks the suggested-action button with this label (the latest one shown). */
export async function clickSuggestedAction(
  page: Page,
  label: string | RegExp,
  timeoutMs = 15_000,
): Promise<void> {
  const button = page.locator('.webchat__suggested-actions button').filter({ hasText: label }).last();
  await button.waitFor({ state: 'visible', timeout: timeoutMs });
  await button.click();
}

/** Clicks a button inside the latest Adaptive Card with this title. */
export async function clickCardAction(page: Page, title: string | RegExp, timeoutMs = 15_000): Promise<void> {
  const button = page.locator('.ac-adaptiveCard button').filter({ hasText: title }).last();
  await button.waitFor({ state: 'visible', timeout: timeoutMs });
  await button.click();
}

/** Number of transcript items from the bot shown so far. */
export function botActivityCount(page: Page): Promise<number> {
  return page
    .locator('.webchat__basic-transcript__activity')
    .filter({ hasNot: page.locator('.webchat__bubble--from-user') })
    .count();
}

/** Waits until the bot has shown more than `previous` transcript items (for replies whose wording may change). */
export async function waitForNewBotActivity(page: Page, previous: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await botActivityCount(page)) <= previous) {
    if (Date.now() > deadline) throw new Error(`no new bot message after ${previous} within ${timeoutMs} ms`);
    await page.waitForTimeout(100);
  }
}
