import { expect } from 'chai';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { KbError } from '../../bot/knowledgeBase/kbError.js';
import type { KnowledgeBase } from '../../bot/knowledgeBase/knowledgeBase.js';
import { FileKnowledgeReleases } from '../../bot/knowledgeBase/releases/fileReleases.js';
import { KnowledgeBaseStore } from '../../bot/knowledgeBase/store.js';
import { IntentModels } from '../../bot/nlu/intentModels.js';
import { NluRecognizer } from '../../bot/nlu/recognizer.js';
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

  it('holds back a broken file while an unrelated edit is served; edits that only work together go together', async () => {
    store = await KnowledgeBaseStore.load(dir, logger);
    await writeFile(path.join(dir, 'flows/sms.json'), '{ "id": "sms" "title": "x" }');
    await editJson(dir, 'texts/flows.en.json', (f) => {
      (f['texts'] as Record<string, string>)['flows.data.final'] = 'Working now?';
    });
    const partly = await store.reload();
    expect(partly).to.include({ outcome: 'partly_accepted' });
    expect(partly.accepted).to.deep.equal(['texts/flows.en.json']);
    expect(partly.rejected.map((r) => r.file)).to.deep.equal(['flows/sms.json']);
    // One syntax error: one error, at its line and column, with what to do.
    expect(partly.rejected[0]?.errors).to.have.length(1);
    expect(partly.rejected[0]?.errors[0]).to.include({
      line: 1,
      message: 'invalid JSON: a comma is missing',
    });
    expect(store.current().text('en', 'flows.data.final')).to.equal('Working now?');
    expect(store.current().flow('sms')).to.not.equal(undefined);

    // A text key renamed in both texts files and the flow: no file works alone, together they do.
    await editJson(dir, 'texts/flows.en.json', (f) => {
      const texts = f['texts'] as Record<string, string>;
      texts['flows.data.final_renamed'] = texts['flows.data.final'] as string;
      delete texts['flows.data.final'];
    });
    await editJson(dir, 'texts/flows.es.json', (f) => {
      const texts = f['texts'] as Record<string, string>;
      texts['flows.data.final_renamed'] = texts['flows.data.final'] as string;
      delete texts['flows.data.final'];
    });
    await editJson(dir, 'flows/data.json', (f) => {
      ((f['nodes'] as Record<string, Record<string, unknown>>)['final'] as Record<string, unknown>)['text'] =
        'flows.data.final_renamed';
    });
    const together = await store.reload();
    expect(together.accepted).to.deep.equal([
      'flows/data.json',
      'texts/flows.en.json',
      'texts/flows.es.json',
    ]);
    expect(together.rejected.map((r) => r.file)).to.deep.equal(['flows/sms.json']);
    expect(store.reloads().map((r) => r.outcome)).to.deep.equal([
      'partly_accepted',
      'partly_accepted',
      'accepted',
    ]);
  });

  it('retrains the intent classifier on new examples with the version, atomically; a broken examples file changes nothing', async () => {
    const models = new IntentModels(undefined);
    store = await KnowledgeBaseStore.load(dir, logger, {
      prepare: (kb) => models.prepare(kb.intentTraining),
    });
    const live = store;
    const recognizer = new NluRecognizer({
      classifiers: () => models.classifiers(live.current().intentTraining),
      smallTalk: () => live.current().smallTalk,
      languages: () => live.current().languages,
      spoken: () => live.current().spoken,
      entityWords: () => live.current().entityWords,
    });
    const phrase = 'zorblax flimwidget quoggle';
    // Words the model has never seen: it cannot tell.
    expect(recognizer.recognize(phrase).intent).to.equal('unclear');
    const before = store.current().version;
    await editJson(dir, 'nlu/en.json', (f) => {
      const intents = f['intents'] as Record<string, string[]>;
      intents['voice']?.push(
        phrase,
        ...[
          'zorblax flimwidget',
          'quoggle zorblax',
          'flimwidget quoggle',
          'the zorblax',
          'my flimwidget',
          'a quoggle',
        ].map((t) => `${t} calls`),
      );
    });
    expect((await store.reload()).outcome).to.equal('accepted');
    expect(recognizer.recognize(phrase).intent).to.equal('voice');
    // The version before keeps its own model (a conversation that started on it).
    const old = store.get(before);
    expect(old && models.classifiers(old.intentTraining).en.predict(phrase).scores[0]?.intent).to.not.equal(
      'voice',
    );
    await editJson(dir, 'nlu/en.json', (f) => {
      (f['intents'] as Record<string, string[]>)['sms']?.push('the zorblax calls');
    });
    const rejected = await store.reload();
    expect(rejected.outcome).to.equal('rejected');
    expect(rejected.rejected[0]?.errors[0]?.message).to.match(/duplicate/);
    expect(recognizer.recognize(phrase).intent).to.equal('voice');
  });

  it('keeps accepted versions and rolls back to one, writing its files back', async () => {
    const data = await mkdtemp(path.join(os.tmpdir(), 'firstline-releases-'));
    try {
      const releases = new FileKnowledgeReleases(data, 5);
      store = await KnowledgeBaseStore.load(dir, logger, { releases });
      const first = store.current().version;
      await editJson(dir, 'texts/flows.en.json', (f) => {
        (f['texts'] as Record<string, string>)['flows.data.final'] = 'Data again?';
      });
      await store.reload();
      const kept = await releases.list();
      expect(kept.map((r) => r.version)).to.deep.equal([store.current().version, first]);
      expect(kept[0]?.changed).to.deep.equal(['texts/flows.en.json']);
      const back = await store.rollback(first);
      expect(back).to.include({ outcome: 'accepted', version: first, trigger: 'rollback' });
      expect(store.current().text('en', 'flows.data.final')).to.equal(
        'Does the device send and receive data now?',
      );
      expect(await readFile(path.join(dir, 'texts/flows.en.json'), 'utf8')).to.equal(
        await readFile(path.join(KNOWLEDGE_DIR, 'texts/flows.en.json'), 'utf8'),
      );
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  });
});
