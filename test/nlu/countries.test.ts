import { expect } from 'chai';
import { CountryIndex } from '../../bot/nlu/entities/countries.js';
import { countrySchema, wordsFileSchema } from '../../bot/nlu/words/wordsSchema.js';

/** Country names are knowledge data (`knowledge/nlu/words.<lang>.json`, `countries`), checked by kb:check. */
describe('countries from the word lists', () => {
  const germany = { name: 'Germany', names: ['Germany', 'Deutschland'], demonyms: ['German'] };

  it('a third language needs only its data: names, demonyms and reply names', () => {
    const index = new CountryIndex([
      { language: 'en', countries: { DE: germany } },
      {
        language: 'fr',
        countries: { DE: { name: "l'Allemagne", names: ['Allemagne'], demonyms: ['allemandes'] } },
      },
    ]);
    expect(index.find('nos traceurs en Allemagne et les allemandes')).to.deep.equal(['DE']);
    expect(index.find('the German ones, roaming in FR')).to.deep.equal(['DE']);
    expect(index.name('DE', 'fr')).to.equal("l'Allemagne");
    expect(index.name('DE', 'en')).to.equal('Germany');
    expect(index.name('PT', 'fr')).to.equal('PT');
  });

  it('orders countries as the message names them, names and codes alike (codes after a lead-in word)', () => {
    const index = new CountryIndex([
      {
        language: 'en',
        countries: { DE: germany, FR: { name: 'France', names: ['France'] } },
        patterns: { countryLeadIns: ['in', 'country'] },
      },
    ]);
    expect(index.find('roaming in FR, then Germany')).to.deep.equal(['FR', 'DE']);
    expect(index.find('Germany first, then country: FR')).to.deep.equal(['DE', 'FR']);
  });

  it('a name written in capitals in the data ("USA") matches written so or after a lead-in, never the verb "usa"', () => {
    const index = new CountryIndex([
      {
        language: 'en',
        countries: { US: { name: 'the United States', names: ['United States', 'USA'] } },
        patterns: { countryLeadIns: ['in', 'to', 'en', 'a'] },
      },
    ]);
    expect(index.find('¿Qué APN usa la tarjeta?')).to.deep.equal([]);
    expect(index.find('la que usa el camión en Madrid')).to.deep.equal([]);
    expect(index.find('roaming in the USA')).to.deep.equal(['US']);
    expect(index.find('USA trip next week')).to.deep.equal(['US']);
    expect(index.find('going to the usa next week')).to.deep.equal(['US']);
    expect(index.find('viajamos a usa')).to.deep.equal(['US']);
  });

  it('kb:check refuses a code that is not an ISO 3166-1 country, and a country without names', () => {
    const file = (countries: unknown) => wordsFileSchema.shape.countries.safeParse(countries).success;
    expect(file({ DE: germany })).to.equal(true);
    expect(file({ XX: germany })).to.equal(false);
    expect(file({ ZZ: germany })).to.equal(false);
    expect(file({ de: germany })).to.equal(false);
    expect(countrySchema.safeParse({ name: 'Germany', names: [] }).success).to.equal(false);
  });
});
