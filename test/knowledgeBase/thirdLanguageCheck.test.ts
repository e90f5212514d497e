import { expect } from 'chai';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkKnowledge } from '../../bot/knowledgeBase/check.js';
import { editJson, expectKbError, removeDir } from './helpers.js';
import { knowledgeWithPortuguese } from './thirdLanguage.js';

type Json = Record<string, unknown>;

/**
 * With a third language declared in `languages.json`, kb:check requires it everywhere a language is written —
 * texts files, inline flow texts, plan descriptions, canned replies, articles, intent examples — and names the
 * file and JSON path of each missing translation; a language not declared is refused where it is written.
 */
describe('kb:check with a third language (Portuguese)', function () {
  this.timeout(60_000);
  let dir = '';
  beforeEach(async () => {
    dir = await knowledgeWithPortuguese();
  });
  afterEach(() => removeDir(dir));

  it('passes with Portuguese complete', async () => {
    const { errors, knowledge } = await checkKnowledge(dir);
    expect(errors).to.deep.equal([]);
    expect(knowledge.languages.list).to.deep.equal(['en', 'es', 'pt']);
    expect(knowledge.languages.fallback).to.equal('en');
  });

  it('names the file and JSON path of every missing Portuguese translation', async () => {
    await editJson(dir, 'texts/bot.pt.json', (json) => {
      delete (json['texts'] as Json)['bot.case.opened'];
    });
    await editJson(dir, 'plans.json', (json) => {
      delete ((json['plans'] as Json[])[0]?.['description'] as Json)['pt'];
    });
    await editJson(dir, 'canned/replies.json', (json) => {
      delete ((json['replies'] as Json[])[0]?.['title'] as Json)['pt'];
    });
    await editJson(dir, 'articles/change_apn.json', (json) => {
      delete (json['answer'] as Json)['pt'];
    });
    await editJson(dir, 'flows/data.json', (json) => {
      ((json['nodes'] as Json)['intro'] as Json)['text'] = { en: 'Let us look.', es: 'Veamos.' };
    });
    await rm(path.join(dir, 'nlu/pt.json'));
    const { errors } = await checkKnowledge(dir);
    expectKbError(errors, dir, 'texts/bot.pt.json', '$.texts["bot.case.opened"]', /missing in pt/);
    expectKbError(errors, dir, 'plans.json', '$.plans[0].description.pt', /no pt text/);
    expectKbError(errors, dir, 'canned/replies.json', '$.replies[0].title.pt', /no pt text/);
    expectKbError(errors, dir, 'articles/change_apn.json', '$.answer', /no pt answer/);
    expectKbError(errors, dir, 'flows/data.json', '$.nodes.intro.text.pt', /no pt text/);
    expectKbError(errors, dir, 'nlu/pt.json', '$', /intent examples for pt are missing/);
    expect(errors).to.have.length(6);
  });

  it('refuses a language that is not declared, and a default that is not one of the languages', async () => {
    await writeFile(
      path.join(dir, 'texts/extra.fr.json'),
      JSON.stringify({ language: 'fr', texts: { 'bot.case.opened': "J'ai ouvert le cas **{caseId}**." } }),
    );
    await editJson(dir, 'canned/replies.json', (json) => {
      ((json['replies'] as Json[])[0]?.['title'] as Json)['fr'] = 'Bonjour';
    });
    let errors = (await checkKnowledge(dir)).errors;
    expectKbError(
      errors,
      dir,
      'texts/extra.fr.json',
      '$',
      /"fr" is not a language Firstline speaks \(en, es, pt\)/,
    );
    expectKbError(errors, dir, 'canned/replies.json', '$.replies[0].title.fr', /"fr" is not a language/);

    await editJson(dir, 'languages.json', (json) => {
      json['default'] = 'de';
    });
    errors = (await checkKnowledge(dir)).errors;
    expectKbError(errors, dir, 'languages.json', '$.default', /"de" is not one of the languages declared/);
  });
});
