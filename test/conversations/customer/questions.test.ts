import { expect } from 'chai';
import { Conversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, expectLanguage, joined } from '../../helpers/replies.js';
import { useTestServer } from '../../helpers/server.js';

const { load, t } = shippedKnowledgeText();

/**
 * Issue 12, class 3: how-to questions are answered from the knowledge base's articles and fleet questions
 * from the SIM look-up — with no case, since nothing is broken until the customer says so.
 */
describe('customer conversations: questions get answers, not cases', function () {
  this.timeout(60_000);
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (lang: 'en' | 'es'): Conversation =>
    new Conversation(server.baseUrl, { userId: 'demo-user', locale: lang === 'es' ? 'es-ES' : 'en-GB' });

  // The APN answer names the plans of the customer's own SIMs (demo-user's are on four IoT plans), not the catalogue.
  const howTo: Array<[lang: 'en' | 'es', question: string, shows: string]> = [
    ['en', 'how do I change my APN?', 'AT+CGDCONT=1,"IP","iot.firstline.example"'],
    ['en', 'What APN should our trackers use?', '• IoT Data SMS: `iot.firstline.example`'],
    ['en', 'how can I set the APN with an AT command', 'AT+CFUN=0\nAT+CFUN=1'],
    ['en', "what's the SMSC number we should configure?", 'AT+CSCA?'],
    ['en', 'which bearer setting do I need for CSD?', 'AT+CBST=7,0,1'],
    ['en', 'what does +CSQ 99 mean?', '99'],
    ['es', '¿cómo cambio el APN?', 'AT+CGDCONT=1,"IP","iot.firstline.example"'],
    ['es', '¿qué APN tienen que usar nuestros localizadores?', '• IoT Data SMS: `iot.firstline.example`'],
    ['es', '¿cuál es el número del centro de mensajes?', 'AT+CSCA?'],
    ['es', '¿cómo configuro una llamada de datos CSD?', 'AT+CBST=7,0,1'],
  ];
  for (const [lang, question, shows] of howTo) {
    it(`${lang}: "${question}" is answered from an article, with no case`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(question);
      expect(joined(replies)).to.contain(shows);
      expect(joined(replies)).to.contain(t(lang, 'bot.article.more'));
      expect(joined(replies)).to.not.match(/CS-\d+/);
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      await expectLanguage(replies, lang);
    });
  }

  const fleet: Array<[lang: 'en' | 'es', question: string, expected: string[], absent: string[]]> = [
    ['en', 'which of my SIMs are roaming?', ['8946070000000000050', 'Germany'], ['8946070000000000019']],
    [
      'en',
      'how many of our SIMs have no data session right now?',
      ['8946070000000000027', '8946070000000000043'],
      ['8946070000000000019'],
    ],
    ['en', 'which SIMs are deactivated?', ['8946070000000000035'], ['8946070000000000050']],
    [
      'es',
      '¿cuáles de mis SIM están en itinerancia?',
      ['8946070000000000050', 'Alemania'],
      ['8946070000000000019'],
    ],
    ['es', '¿qué SIM están desactivadas?', ['8946070000000000035'], ['8946070000000000050']],
  ];
  for (const [lang, question, expected, absent] of fleet) {
    it(`${lang}: "${question}" is answered from the live look-up, with no case`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(question);
      const text = joined(replies);
      for (const e of expected) expect(text).to.contain(e);
      for (const a of absent) expect(text).to.not.contain(a);
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      await expectLanguage(replies, lang);
    });
  }

  for (const lang of ['en', 'es'] as const) {
    it(`${lang}: a how-to question in the middle of the checks is answered, then the check's question comes again`, async () => {
      const conv = customer(lang);
      const first = await conv.say(
        lang === 'es' ? 'la SIM 8946070000000000027 no tiene datos' : 'no data on 8946070000000000027',
      );
      const pending = t(lang, 'flows.apn_check.apn_resolution');
      expect(joined(first)).to.contain(pending);
      const replies = await conv.say(
        lang === 'es' ? '¿cómo compruebo la señal del módem?' : 'how do I check the signal on the modem?',
      );
      expect(joined(replies)).to.contain('`AT+CSQ`');
      expect(joined(replies)).to.contain(pending);
      expect(joined(replies)).to.not.contain(t(lang, 'bot.flow.didNotUnderstand'));
      await expectLanguage(replies, lang);
    });
  }

  it('a question that reports a problem is troubleshot (a case opens)', async () => {
    const conv = customer('en');
    const replies = await conv.say('which APN do I need? the meters are not working since the change');
    expect(joined(replies)).to.match(/CS-\d+/);
    expect((await casesOf(server.baseUrl, conv.id))[0]?.type).to.equal('incident');
  });
});
