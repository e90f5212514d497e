import { expect } from 'chai';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRecognizer, type NluRecognizer } from '../../bot/nlu/recognizer.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const knowledgeDir = path.join(root, 'knowledge');

describe('nlu recognizer', () => {
  let recognizer: NluRecognizer;
  before(async () => {
    recognizer = await createRecognizer({ knowledgeDir });
  });

  it('classifies typical messages in both languages', () => {
    expect(recognizer.recognize('my smart meters have no data since this morning').intent).to.equal('data');
    expect(recognizer.recognize('los SMS no llegan a los localizadores').intent).to.equal('sms');
    expect(recognizer.recognize('the lift phone cannot make calls').intent).to.equal('voice');
    expect(recognizer.recognize('CSD data call fails with NO CARRIER').intent).to.equal('csd');
    expect(recognizer.recognize('any update on CS-12345?').intent).to.equal('case_status');
    expect(recognizer.recognize('quiero hablar con una persona').intent).to.equal('agent');
  });

  it('returns unclear for gibberish, with top and runner-up present', () => {
    const r = recognizer.recognize('qwzx plokmn vbtrq');
    expect(r.intent).to.equal('unclear');
    expect(r.top.intent).to.be.a('string');
    expect(r.runnerUp).to.not.equal(undefined);
  });

  it('always reports a runner-up different from the top intent', () => {
    const r = recognizer.recognize('SMS not delivered to the trackers');
    expect(r.runnerUp?.intent).to.not.equal(r.top.intent);
    expect(r.confidence).to.be.greaterThan(r.runnerUp?.confidence ?? 1);
  });

  it('recognises small talk separately', () => {
    expect(recognizer.recognize('yes').smallTalk).to.equal('yes');
    expect(recognizer.recognize('sí').smallTalk).to.equal('yes');
    expect(recognizer.recognize('vale').smallTalk).to.equal('yes');
    expect(recognizer.recognize('no').smallTalk).to.equal('no');
    expect(recognizer.recognize('ayuda').smallTalk).to.equal('help');
    expect(recognizer.recognize('cancelar').smallTalk).to.equal('cancel');
    expect(recognizer.recognize('start over').smallTalk).to.equal('restart');
    expect(recognizer.recognize('empezar de nuevo').smallTalk).to.equal('restart');
    const mixed = recognizer.recognize('hi, my meters have no data');
    expect(mixed.intent).to.equal('data');
    expect(mixed.smallTalk).to.equal('greeting');
    expect(recognizer.recognize('no data on the routers').smallTalk).to.equal(undefined);
  });

  it('attaches entities', () => {
    const r = recognizer.recognize('unas 3000 SIM en Alemania sin datos');
    expect(r.lang).to.equal('es');
    expect(r.entities.countries).to.deep.equal(['DE']);
    expect(r.entities.affected?.count).to.equal(3000);
  });

  describe('model cache', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'firstline-nlu-'));
      await cp(path.join(knowledgeDir, 'nlu'), path.join(dir, 'knowledge', 'nlu'), { recursive: true });
      await cp(path.join(knowledgeDir, 'languages.json'), path.join(dir, 'knowledge', 'languages.json'));
    });
    afterEach(async () => rm(dir, { recursive: true, force: true }));

    it('reuses the cache for the same data and retrains when the data changes', async () => {
      const options = { knowledgeDir: path.join(dir, 'knowledge'), cacheDir: path.join(dir, 'cache') };
      const first = await createRecognizer(options);
      expect(first.models.map((m) => m.fromCache)).to.deep.equal([false, false]);
      const second = await createRecognizer(options);
      expect(second.models.map((m) => m.fromCache)).to.deep.equal([true, true]);
      expect(second.recognize('no data on my trackers')).to.deep.equal(
        first.recognize('no data on my trackers'),
      );

      const file = path.join(dir, 'knowledge', 'nlu', 'en.json');
      const data = JSON.parse(await readFile(file, 'utf8')) as { intents: { sms: string[] } };
      data.intents.sms.push('the telemetry units never get our SMS wake-up pings');
      await writeFile(file, JSON.stringify(data));
      const third = await createRecognizer(options);
      expect(third.models.find((m) => m.lang === 'en')?.fromCache).to.equal(false);
      expect(third.models.find((m) => m.lang === 'es')?.fromCache).to.equal(true);
      expect(third.models.find((m) => m.lang === 'en')?.key).to.not.equal(first.models[0]?.key);
      expect(await readdir(path.join(dir, 'cache'))).to.have.length(3);
    });

    it('rejects invalid training data naming the file and JSON path', async () => {
      const file = path.join(dir, 'knowledge', 'nlu', 'es.json');
      const data = JSON.parse(await readFile(file, 'utf8')) as { intents: { voice: unknown[] } };
      data.intents.voice[2] = 42;
      await writeFile(file, JSON.stringify(data));
      const error = await createRecognizer({ knowledgeDir: path.join(dir, 'knowledge') }).catch(
        (e: Error) => e,
      );
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).message)
        .to.contain(file)
        .and.to.contain('$.intents.voice[2]');
    });
  });
});
