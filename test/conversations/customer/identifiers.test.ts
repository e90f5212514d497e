import { expect } from 'chai';
import { allText, Conversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, expectLanguage, joined } from '../../helpers/replies.js';
import { useTestServer } from '../../helpers/server.js';

const { load, t } = shippedKnowledgeText();
/** demo-user's SIM 8946070000000000043 (data limit reached). */
const ICCID = '8946070000000000043';

/**
 * Issue 12, class 1: the SIM the customer names at "which SIM?" is taken, however it is written — a bare
 * number, "SIM ending 0043", "...0043", "ICCID ends 0043" — in English and Spanish.
 */
describe('customer conversations: identifiers at the prompt that asked for them', function () {
  this.timeout(60_000);
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const phrasings = {
    en: ['0043', 'SIM ending 0043', '...0043', 'ICCID ends 0043', 'the one ending 0043 please', '…0043'],
    es: [
      '0043',
      'la SIM acabada en 0043',
      'termina en 0043',
      'es la ...0043',
      'la que acaba 0043',
      'ICCID terminado 0043',
    ],
  } as const;

  for (const lang of ['en', 'es'] as const) {
    for (const answer of phrasings[lang]) {
      it(`${lang}: "${answer}" at "which SIM?" looks up …0043`, async () => {
        const conv = new Conversation(server.baseUrl, {
          userId: 'demo-user',
          locale: lang === 'es' ? 'es-ES' : 'en-GB',
        });
        const asked = await conv.say(
          lang === 'es' ? 'mis rastreadores no tienen datos' : 'my trackers have no data',
        );
        expect(joined(asked)).to.contain(t(lang, 'bot.sim.ask'));
        const replies = await conv.say(answer);
        expect(joined(replies)).to.not.contain(t(lang, 'bot.sim.noReference'));
        expect(allText(replies)).to.contain('8946070000000000043');
        const [c] = await casesOf(server.baseUrl, conv.id);
        expect(c?.sims).to.deep.equal([ICCID]);
        await expectLanguage(replies, lang);
      });
    }
  }

  it('several last digits at once ("0043 and 0027") look up both', async () => {
    const conv = new Conversation(server.baseUrl, { userId: 'demo-user', locale: 'en-GB' });
    await conv.say('our trackers stopped sending data');
    const replies = await conv.say('0043 and 0027');
    expect(allText(replies)).to.contain('8946070000000000043').and.to.contain('8946070000000000027');
  });

  it('a number that is not theirs is "not found", not "no number in that"', async () => {
    const conv = new Conversation(server.baseUrl, { userId: 'demo-user', locale: 'en-GB' });
    await conv.say('my trackers have no data');
    const replies = await conv.say('9999');
    expect(joined(replies)).to.contain(t('en', 'bot.sim.notFound', { ref: '`9999`' }));
  });
});
