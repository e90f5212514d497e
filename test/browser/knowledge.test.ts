/**
 * The knowledge editors' page in Chromium with the real server: an editor signs in, sees the data flow drawn by
 * Mermaid (served from this origin, under the page's CSP) with its texts in both languages, walks it with a demo
 * SIM and sees the path highlighted, previews an edit on disk in a chat before it goes live, and sees the reload.
 * The screenshot of the diagram is the README's picture (docs/knowledge-flow.png, FIRSTLINE_DOCS_SCREENSHOT=1).
 */
import { mkdirSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  skipWithoutBrowser,
  collectPageErrors,
  guardRequests,
  launchChromium,
  saveScreenshot,
} from './browserHelpers.js';

describe('browser: the knowledge page (/knowledge)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let server: TestServer;
  let dir: string;

  before(async function () {
    skipWithoutBrowser(this);
    dir = await mkdtemp(path.join(os.tmpdir(), 'firstline-kb-browser-'));
    await cp('knowledge', dir, { recursive: true });
    server = await startTestServer({ KNOWLEDGE_DIR: dir, KNOWLEDGE_WATCH: 'false' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows every flow as a diagram with its texts, tries a walk, previews an edit and shows the reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 1050 } });
    const guard = guardRequests(context);
    const page: Page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.baseUrl}/knowledge`);
    await page.locator('button[data-person="demo-editor"]').click();
    await page.locator('#diagram svg').waitFor({ timeout: 20_000 });
    expect(await page.locator('#flow-title').textContent()).to.match(/^data — /);
    // Every node of the flow is drawn, its checks' branches labelled.
    const flow = JSON.parse(await readFile(path.join(dir, 'flows/data.json'), 'utf8')) as { nodes: object };
    const drawn = await page.locator('#diagram svg .node').count();
    expect(drawn).to.be.greaterThanOrEqual(Object.keys(flow.nodes).length);
    expect(await page.locator('#diagram svg').textContent())
      .to.include('pass')
      .and.include('unknown');
    // Each step's texts in both languages.
    const finalRow = page.locator('#node-texts tr', { hasText: 'resolution: did it work?' }).first();
    expect(await finalRow.locator('td').nth(2).textContent()).to.match(/\w/);
    expect(await finalRow.locator('td').nth(3).textContent()).to.match(/\w/);

    // Try: a healthy SIM with a live session, "no" at "did it work?".
    await page.locator('#try-sim').selectOption('8946070000000000019');
    await page.locator('#try-answers').fill('no');
    await page.locator('#try-form button[type="submit"]').click();
    await page.locator('#try-outcome', { hasText: 'handoff (data_unresolved)' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('#try-steps li').count()).to.be.greaterThan(5);
    await page.locator('#diagram svg').waitFor();
    const screenshot = await saveScreenshot(page, 'knowledge-flow');
    expect(screenshot).to.match(/knowledge-flow/);
    if (process.env['FIRSTLINE_DOCS_SCREENSHOT']) {
      // The README's picture: the page as an editor sees it, the walk highlighted in the diagram.
      mkdirSync(path.resolve('docs'), { recursive: true });
      await page.screenshot({ path: path.resolve('docs', 'knowledge-flow.png'), fullPage: false });
    }

    // Preview: an edit on disk, not yet live, talked to in the page's chat.
    const marker = 'PREVIEW intro: checking your data connection (draft).';
    const file = path.join(dir, 'texts/flows.en.json');
    const texts = JSON.parse(await readFile(file, 'utf8')) as { texts: Record<string, string> };
    texts.texts['flows.data.intro'] = marker;
    await writeFile(file, `${JSON.stringify(texts, null, 2)}\n`);
    await page.locator('#preview-start').click();
    await page.locator('#chat-form').waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('#chat-text').fill('our meters have no data');
    await page.locator('#chat-form button[type="submit"]').click();
    await page.locator('#chat li.bot', { hasText: marker }).waitFor({ timeout: 15_000 });

    // Reload now: the edit goes live and the reload shows as accepted, with the file it served.
    await page.locator('#reload-now').click();
    await page
      .locator('#reloads li', { hasText: 'texts/flows.en.json' })
      .first()
      .waitFor({ timeout: 10_000 });
    expect(await page.locator('#reloads li').first().textContent()).to.match(/^accepted/);
    expect(errors).to.deep.equal([]);
    expect(guard.offending).to.deep.equal([]);
    await context.close();
  });
});
