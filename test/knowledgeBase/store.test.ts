import { expect } from 'chai';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import type { KbError } from '../../bot/knowledgeBase/kbError.js';
import type { KnowledgeBase } from '../../bot/knowledgeBase/knowledgeBase.js';
import { KnowledgeBaseStore } from '../../bot/knowledgeBase/store.js';
import { copyKnowledge, editJson, KNOWLEDGE_DIR, removeDir } from './helpers.js';

const logger = pino({ level: 'silent' });

describe('KnowledgeBaseStore (hot reload)', () => {
  let dir: string;
  let store: KnowledgeBaseStore | undefined;
  beforeEach(async () => {
    dir = await copyKnowledge();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
    await removeDir(dir);
  });

  it('loads the shipped knowledge', async () => {
    store = await KnowledgeBaseStore.load(KNOWLEDGE_DIR, logger);
    const kb = store.current();
    expect(kb.version).to.match(/^[0-9a-f]{12}$/);
    expect(kb.plans.getPlan('Metering Critical')?.apns).to.deep.equal(['meter.nordlys.firstline.example']);
    expect(kb.plans.allowedCountries(kb.plans.getPlan('IoT Nordic Data')!)).to.have.all.keys(
      'SE',
      'NO',
      'DK',
      'FI',
      'IS',
    );
    expect(kb.plans.allowedCountries(kb.plans.getPlan('IoT Connect EU')!).size).to.equal(32);
    expect(kb.text('es', 'flows.common.yes')).to.equal('Sí');
    expect(kb.hasText('flows.data.final')).to.equal(true);
    expect(kb.flow('data')?.start).to.be.a('string');
  });

  it('refuses to start on invalid knowledge, listing file and path', async () => {
    await editJson(dir, 'flows/data.json', (f) => {
      ((f['nodes'] as Record<string, Record<string, unknown>>)['intro'] as Record<string, unknown>)['next'] =
        'gone';
    });
    const error = await KnowledgeBaseStore.load(dir, logger).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.match(
      new RegExp(
        `${path.join(dir, 'flows/data.json')}:\\d+:\\d+ \\$\\.nodes\\.intro\\.next: unknown node "gone"`,
      ),
    );
  });

  it('serves a valid edit without restart, rejects an invalid one and keeps the last good version', async () => {
    store = await KnowledgeBaseStore.load(dir, logger, { debounceMs: 50 });
    store.watch();
    const first = store.current();

    const reloaded = once(store, 'reloaded') as Promise<[KnowledgeBase]>;
    await editJson(dir, 'texts/flows.en.json', (f) => {
      (f['texts'] as Record<string, string>)['flows.data.final'] = 'Is data flowing again?';
    });
    const [second] = await reloaded;
    expect(store.current()).to.equal(second);
    expect(second.version).to.not.equal(first.version);
    expect(store.current().text('en', 'flows.data.final')).to.equal('Is data flowing again?');
    expect(store.get(first.version)?.text('en', 'flows.data.final')).to.equal(
      'Does the device send and receive data now?',
    );

    const rejected = once(store, 'rejected') as Promise<[KbError[]]>;
    await writeFile(path.join(dir, 'flows/sms.json'), '{ "version": "1.0.0", ');
    const [errors] = await rejected;
    expect(errors.some((e) => e.file === path.join(dir, 'flows/sms.json') && e.path === '$')).to.equal(true);
    expect(store.current()).to.equal(second);
    expect(store.current().flow('sms')).to.not.equal(undefined);
  });
});
