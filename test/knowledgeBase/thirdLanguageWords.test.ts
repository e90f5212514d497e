import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readCustomerEnding } from '../../bot/cases/customerEnding.js';
import { loadKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import { copyKnowledge, errorsAfterEdit, expectKbError, removeDir } from './helpers.js';

/**
 * A language that only reads — a word-list file `nlu/words.<lang>.json`, with its countries — needs no code:
 * kb:check validates it and the bot reads messages with it next to English and Spanish.
 */
describe('a third word-list language', function () {
  this.timeout(60_000);
  let dir = '';
  before(async () => {
    dir = await copyKnowledge();
    const en = JSON.parse(await readFile(path.join(dir, 'nlu/words.en.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const lists = en['lists'] as Record<string, string[]>;
    const fr = {
      ...en,
      language: 'fr',
      lists: { ...lists, worksNow: ['ça remarche', 'ça refonctionne'], closeCase: ['fermez le ticket'] },
      countries: { DE: { name: "l'Allemagne", names: ['Allemagne'], demonyms: ['allemandes'] } },
    };
    await writeFile(path.join(dir, 'nlu/words.fr.json'), JSON.stringify(fr, null, 2));
  });
  after(() => removeDir(dir));

  it('is checked and read next to the others: endings, countries', async () => {
    const { kb, errors } = await loadKnowledgeBase(dir, { tests: false });
    expect(errors).to.deep.equal([]);
    if (!kb) throw new Error('no knowledge base');
    expect(readCustomerEnding(kb.vocabulary, 'merci, ça remarche')).to.equal('works_again');
    expect(readCustomerEnding(kb.vocabulary, 'vous pouvez fermez le ticket')).to.equal('withdrawn');
    expect(kb.countries.find('nos traceurs en Allemagne')).to.deep.equal(['DE']);
    expect(kb.countries.name('DE', 'fr')).to.equal("l'Allemagne");
    expect(kb.countries.find('our trackers in Germany')).to.deep.equal(['DE']);
  });

  it('kb:check refuses a country code that is not ISO 3166-1', async () => {
    const errors = await errorsAfterEdit(dir, 'nlu/words.fr.json', (json) => {
      json['countries'] = { XX: { name: 'Nowhere', names: ['Nowhere'] } };
    });
    expectKbError(errors, dir, 'nlu/words.fr.json', '$.countries.XX', /ISO 3166-1/);
  });
});
