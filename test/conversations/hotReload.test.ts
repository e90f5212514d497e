import { expect } from 'chai';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_KNOWLEDGE_DIR } from '../helpers/knowledgeDir.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { allText, Conversation, type Reply } from '../helpers/conversation.js';
import { ADMIN_TOKEN, caseIdIn, getCase, Knowledge, OPENERS, walkFlow, type Lang } from './driver.js';

type Json = Record<string, unknown>;

async function editJson(file: string, edit: (json: Json) => void): Promise<void> {
  const json = JSON.parse(await readFile(file, 'utf8')) as Json;
  edit(json);
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Knowledge editors change flow files while the bot runs: a valid change is served to new
 * conversations without a restart; an invalid one is refused and the last good version keeps answering.
 */
describe('conversations: knowledge hot reload over HTTP', function () {
  this.timeout(60_000);
  let dir: string;
  let server: TestServer;
  let shipped: Knowledge;
  let n = 0;
  const NEW_INTRO: Record<Lang, string> = {
    en: 'Let us check your data connection step by step (edited while the bot runs).',
    es: 'Revisemos su conexión de datos paso a paso (editado con el bot en marcha).',
  };

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'firstline-kb-'));
    await cp(TEST_KNOWLEDGE_DIR, dir, { recursive: true });
    shipped = new Knowledge(dir);
    server = await startTestServer({ ADMIN_TOKEN, KNOWLEDGE_DIR: dir, KNOWLEDGE_WATCH: 'true' });
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A new unidentified customer starting the data flow; returns the first replies. */
  async function newDataConversation(lang: Lang): Promise<{ c: Conversation; first: Reply[] }> {
    n += 1;
    const c = new Conversation(server.baseUrl, {
      userId: `anon-reload-${n}`,
      locale: lang === 'es' ? 'es-ES' : 'en-GB',
    });
    await c.join();
    return { c, first: await c.say(OPENERS.data[lang]) };
  }

  /** Start new conversations until `text` shows up (the reload happened) or time runs out. */
  async function waitForText(lang: Lang, text: string, timeoutMs = 10_000): Promise<Reply[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { first } = await newDataConversation(lang);
      if (allText(first).includes(text)) return first;
      if (Date.now() > deadline)
        throw new Error(`"${text}" not served after ${timeoutMs} ms:\n${allText(first)}`);
      await sleep(200);
    }
  }

  it('serves the shipped texts first', async () => {
    const { first } = await newDataConversation('en');
    expect(allText(first)).to.include(shipped.t('en', 'flows.data.intro'));
  });

  it('a valid edit in both languages is served to new conversations without a restart; one mid-flow finishes', async () => {
    // A conversation in the middle of the data flow when the knowledge changes.
    const { c: midway, first } = await newDataConversation('en');
    const midwayCase = caseIdIn(first);
    expect(shipped.promptIn(first, 'en')).to.include({ nodeId: 'ask_active' });

    for (const lang of ['en', 'es'] as const) {
      await editJson(path.join(dir, 'texts', `flows.${lang}.json`), (json) => {
        (json['texts'] as Record<string, string>)['flows.data.intro'] = NEW_INTRO[lang];
      });
    }
    const en = await waitForText('en', NEW_INTRO.en);
    expect(allText(en)).to.not.include(shipped.t('en', 'flows.data.intro'));
    const es = await waitForText('es', NEW_INTRO.es);
    expect(allText(es)).to.include(new Knowledge(dir).t('es', 'flows.sim_state.ask_active'));

    // The old conversation goes on to its resolution.
    const walk = await walkFlow(shipped, midway, first, { lang: 'en', goal: 'resolve', mode: 'click' });
    expect(allText(walk.last)).to.include(shipped.t('en', 'bot.resolved', { caseId: midwayCase }));
    expect((await getCase(server.baseUrl, midwayCase)).status).to.equal('resolved');
  });

  it('a broken flow file is held back while a valid text edit is served; fixing the flow serves it too', async () => {
    const marker: Record<Lang, string> = {
      en: 'THIS TEXT IS VALID ON ITS OWN AND SERVED WHILE THE FLOW FILE IS BROKEN',
      es: 'ESTE TEXTO ES VÁLIDO Y SE SIRVE MIENTRAS EL FLUJO ESTÁ ROTO',
    };
    // Two changes: new texts (valid on their own) plus a flow whose `next` points to no node.
    for (const lang of ['en', 'es'] as const) {
      await editJson(path.join(dir, 'texts', `flows.${lang}.json`), (json) => {
        (json['texts'] as Record<string, string>)['flows.data.intro'] = marker[lang];
      });
    }
    await editJson(path.join(dir, 'flows', 'data.json'), (json) => {
      ((json['nodes'] as Record<string, Json>)['intro'] as Json)['next'] = 'no_such_node';
    });
    // The texts are served (they do not depend on the broken file) …
    const first = await waitForText('en', marker.en);
    await waitForText('es', marker.es);
    // … and the last good data flow keeps working end to end, through a handoff.
    const { c, first: opened } = await newDataConversation('en');
    const caseId = caseIdIn(opened);
    const walk = await walkFlow(new Knowledge(dir), c, opened, {
      lang: 'en',
      goal: 'handoff',
      mode: 'click',
    });
    expect(allText(walk.last)).to.include(shipped.t('en', 'flows.data.unresolved'));
    expect((await getCase(server.baseUrl, caseId)).status).to.equal('queued');
    expect(first.length).to.be.greaterThan(0);

    // The reload says so: the flow held back, with the error's line and a suggestion. The watcher may have
    // reloaded the texts before the flow's edit reached it: wait for the reload that held the flow back.
    type Rejected = Array<{ file: string; errors: Array<{ line?: number; message: string }> }>;
    const heldBack = async (): Promise<{ outcome: string; rejected: Rejected } | undefined> => {
      const res = await fetch(`${server.baseUrl}/api/knowledge/reloads`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      const { reloads } = (await res.json()) as { reloads: Array<{ outcome: string; rejected: Rejected }> };
      return reloads.find((r) => r.rejected.some((x) => x.file === 'flows/data.json'));
    };
    const heldDeadline = Date.now() + 10_000;
    let held = await heldBack();
    while (!held && Date.now() < heldDeadline) {
      await sleep(200);
      held = await heldBack();
    }
    expect(held?.rejected[0]?.errors[0]?.message).to.equal('unknown node "no_such_node"');
    expect(held?.rejected[0]?.errors[0]?.line).to.be.a('number');

    // Fixing the flow serves it.
    await editJson(path.join(dir, 'flows', 'data.json'), (json) => {
      ((json['nodes'] as Record<string, Json>)['intro'] as Json)['next'] = 'sim';
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const again = (await (
        await fetch(`${server.baseUrl}/api/knowledge/reloads`, {
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        })
      ).json()) as { reloads: Array<{ outcome: string; accepted: string[] }> };
      if (again.reloads[0]?.outcome === 'accepted' && again.reloads[0].accepted.includes('flows/data.json'))
        break;
      if (Date.now() > deadline) throw new Error('the fixed flow was not accepted');
      await sleep(200);
    }
  });
});
