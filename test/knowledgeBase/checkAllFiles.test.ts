import { expect } from 'chai';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkKnowledge } from '../../bot/knowledgeBase/check.js';
import type { KbError } from '../../bot/knowledgeBase/kbError.js';
import { copyKnowledge, errorsAfterEdit, expectKbError, KNOWLEDGE_DIR, removeDir } from './helpers.js';

type Json = Record<string, unknown>;

/** kb:check reads every file under knowledge/: NLU data, word lists, articles, requests, demo data, schemas. */
describe('kb:check: every file under knowledge/', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await copyKnowledge();
    await cp(path.join(KNOWLEDGE_DIR, 'demo'), path.join(dir, 'demo'), { recursive: true });
  });
  afterEach(() => removeDir(dir));

  const errorsAfter = (file: string, change: (json: Json) => void): Promise<KbError[]> =>
    errorsAfterEdit(dir, file, change);
  const expectError = (errors: KbError[], file: string, jsonPath: string, message: RegExp): void =>
    expectKbError(errors, dir, file, jsonPath, message);

  it('passes on the shipped knowledge and counts every file', async () => {
    const { errors, knowledge } = await checkKnowledge(KNOWLEDGE_DIR);
    expect(errors).to.deep.equal([]);
    expect(knowledge.training.map((t) => t.data.language).sort()).to.deep.equal(['en', 'es']);
    expect(knowledge.words.map((w) => w.data.language).sort()).to.deep.equal(['en', 'es']);
    expect(knowledge.articles.length).to.be.greaterThan(5);
  });

  it('reports a file it does not read instead of ignoring it', async () => {
    await writeFile(path.join(dir, 'nlu', 'notes.json'), '{}');
    await writeFile(path.join(dir, 'stray.txt'), 'hello');
    const { errors } = await checkKnowledge(dir);
    expectError(errors, 'nlu/notes.json', '$', /not a knowledge file Firstline reads/);
    expectError(errors, 'stray.txt', '$', /not a knowledge file Firstline reads/);
  });

  it('validates the intent training files (NLU)', async () => {
    const errors = await errorsAfter('nlu/en.json', (json) => {
      (json['intents'] as Record<string, string[]>)['sms'] = ['too few'];
    });
    expectError(errors, 'nlu/en.json', '$.intents.sms', /at least 5 examples/);
  });

  it('validates word lists: unknown and missing lists, empty phrases', async () => {
    const errors = await errorsAfter('nlu/words.es.json', (json) => {
      const lists = json['lists'] as Record<string, string[]>;
      lists['yess'] = ['si'];
      delete lists['backToBot'];
      lists['no'] = ['  '];
    });
    expectError(errors, 'nlu/words.es.json', '$.lists.yess', /unknown property "yess"/);
    expectError(
      errors,
      'nlu/words.es.json',
      '$.lists.backToBot',
      /required property "backToBot" is missing/i,
    );
    expectError(errors, 'nlu/words.es.json', '$.lists.no[0]', /must not be empty/);
  });

  it('needs word lists for every language Firstline speaks, and accepts a third language without code', async () => {
    const words = JSON.parse(await readFile(path.join(dir, 'nlu', 'words.en.json'), 'utf8')) as Json;
    await writeFile(path.join(dir, 'nlu', 'words.fr.json'), JSON.stringify({ ...words, language: 'fr' }));
    await rm(path.join(dir, 'nlu', 'words.es.json'));
    const { errors, knowledge } = await checkKnowledge(dir);
    expect(knowledge.words.map((w) => w.data.language).sort()).to.deep.equal(['en', 'fr']);
    expectError(errors, 'nlu/words.es.json', '$', /word lists for es are missing/);
    expect(errors.filter((e) => e.file.endsWith('words.fr.json'))).to.deep.equal([]);
  });

  it('validates articles: a language missing, an unknown placeholder, a command outside code', async () => {
    const errors = await errorsAfter('articles/change_apn.json', (json) => {
      delete (json['questions'] as Json)['es'];
      (json['answer'] as Json)['en'] = 'Use AT+CGDCONT=1,"IP","x" with {plan.apn}.';
    });
    expectError(errors, 'articles/change_apn.json', '$.questions', /no es questions/);
    expectError(errors, 'articles/change_apn.json', '$.answer.en', /unknown placeholder \{plan\.apn\}/);
    expectError(errors, 'articles/change_apn.json', '$.answer.en', /AT commands must be code/);
  });

  it('refuses commands outside code and typographic quotes inside code in texts', async () => {
    const errors = await errorsAfter('texts/bot.en.json', (json) => {
      const texts = json['texts'] as Record<string, string>;
      texts['bot.greeting'] = 'Send AT+CSQ to the modem.';
      texts['bot.thanks'] = 'Set `AT+CGDCONT=1,“IP”,“apn”`.';
      texts['bot.whatNow'] = 'Open ``` block';
    });
    expectError(errors, 'texts/bot.en.json', '$.texts["bot.greeting"]', /AT commands must be code/);
    expectError(errors, 'texts/bot.en.json', '$.texts["bot.thanks"]', /straight quotes/);
    expectError(errors, 'texts/bot.en.json', '$.texts["bot.whatNow"]', /not closed/);
  });

  it('validates requests.json: unknown texts and duplicate fields', async () => {
    const errors = await errorsAfter('requests.json', (json) => {
      const order = (json['types'] as Record<string, { fields: Json[] }>)['order'];
      order?.fields.push({
        id: 'quantity',
        kind: 'text',
        label: 'request.field.nope',
        ask: 'request.ask.address',
      });
    });
    expectError(errors, 'requests.json', '$.types.order.fields[4].id', /duplicate field "quantity"/);
    expectError(errors, 'requests.json', '$.types.order.fields[4].label', /no en text/);
  });

  it('validates the demo data and that the JSON Schemas are up to date', async () => {
    let errors = await errorsAfter('demo/directory.json', (json) => {
      (json['organisations'] as Json[]).push({ id: 'x', name: 'X', vip: 'yes' });
    });
    expectError(errors, 'demo/directory.json', '$.organisations[3].vip', /expected boolean/i);
    errors = await errorsAfter('schema/words.schema.json', (json) => {
      json['title'] = 'edited by hand';
    });
    expectError(errors, 'schema/words.schema.json', '$', /out of date.*kb:schema/);
  });
});
