import { expect } from 'chai';
import { EngineOracle } from '../engineOracle.js';
import { Conversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, expectLanguage, joined } from '../../helpers/replies.js';
import { useTestServer } from '../../helpers/server.js';

const { load, t, pattern } = shippedKnowledgeText();
/** demo-user's healthy SIM: the platform shows it attached with a data session right now. */
const ONLINE = '8946070000000000019';
/** demo-user's SIM whose plan needs `iot.firstline.example`. */
const APN_SIM = '8946070000000000027';

/**
 * Issue 12, class 2: pasted modem output is read — each common 3GPP result in plain words — the questions it
 * answers are skipped, and where the device and the live platform disagree the bot says so.
 */
describe('customer conversations: pasted modem output', function () {
  this.timeout(60_000);
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (lang: 'en' | 'es'): Conversation =>
    new Conversation(server.baseUrl, { userId: 'demo-user', locale: lang === 'es' ? 'es-ES' : 'en-GB' });
  const finding = (lang: 'en' | 'es', code: string): RegExp => pattern(lang, `finding.${code}.explanation`);

  for (const [lang, message] of [
    ['en', '+CME ERROR: 10'],
    ['en', 'the modem keeps answering +CME ERROR: 10'],
    ['es', 'el módem responde +CME ERROR: 10'],
    ['es', '+CME ERROR: 10 en el contador'],
  ] as const) {
    it(`${lang}: "${message}" is read as "no SIM inserted" and opens a data incident (not an information request)`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(message);
      expect(joined(replies)).to.match(finding(lang, 'MODEM_SIM_NOT_INSERTED'));
      expect(joined(replies)).to.not.contain(t(lang, 'bot.request.offer.information_request'));
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.type).to.equal('incident');
      expect(c?.category).to.equal('data');
      await expectLanguage(replies, lang);
    });
  }

  it('en: "+CSQ: 99,99 / +CGATT: 0" on a SIM the platform shows online: plain words, the disagreement said, no "run AT+CSQ" loop', async () => {
    const conv = customer('en');
    const replies = await conv.say(`no data on ${ONLINE}. modem says:\n+CSQ: 99,99\n+CGATT: 0`);
    const text = joined(replies);
    expect(text).to.match(finding('en', 'MODEM_SIGNAL_UNKNOWN'));
    expect(text).to.match(finding('en', 'MODEM_NOT_ATTACHED'));
    expect(text).to.match(finding('en', 'EVIDENCE_PLATFORM_CONFLICT'));
    expect(text).to.contain('10.20.0.19');
    expect(text).to.contain(t('en', 'finding.EVIDENCE_PLATFORM_CONFLICT.nextStep'));
    // The signal and registration questions are not asked again: the device side is reached at once.
    expect(text).to.not.contain(t('en', 'flows.registration_check.ask_creg'));
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.findings.map((f) => f.code)).to.include.members([
      'MODEM_SIGNAL_UNKNOWN',
      'MODEM_NOT_ATTACHED',
      'EVIDENCE_PLATFORM_CONFLICT',
    ]);
  });

  it('es: "+CEREG: 0,3" on a SIM the platform shows online is reconciled with the live state', async () => {
    const conv = customer('es');
    const replies = await conv.say(`la SIM ${ONLINE} no tiene datos, el módem da +CEREG: 0,3`);
    const text = joined(replies);
    expect(text).to.match(finding('es', 'MODEM_REGISTRATION_DENIED'));
    expect(text).to.match(finding('es', 'EVIDENCE_PLATFORM_CONFLICT'));
    expect(text).to.contain(t('es', 'finding.EVIDENCE_PLATFORM_CONFLICT.nextStep'));
    await expectLanguage(replies, 'es');
  });

  it('en: modem output pasted at a flow question answers it and is reconciled too', async () => {
    const conv = customer('en');
    const first = await conv.say(`our tracker ${ONLINE} can't reach the server`);
    // Waiting at whichever question the data flow asks with this SIM's facts (content: knowledge/tests).
    const oracle = await EngineOracle.load();
    const walk = oracle.walk('data', await oracle.facts('data', ONLINE), [], 'en');
    expect(walk.outcome.kind).to.equal('asks');
    if (walk.outcome.kind === 'asks') expect(joined(first)).to.contain(walk.outcome.prompt.text.text);
    const later = await conv.say('no, and now the modem says +CEREG: 0,2');
    expect(joined(later)).to.match(finding('en', 'MODEM_SEARCHING'));
    expect(joined(later)).to.match(finding('en', 'EVIDENCE_PLATFORM_CONFLICT'));
  });

  for (const lang of ['en', 'es'] as const) {
    it(`${lang}: "+CGDCONT: 1,"IP","internet"" answers which APN the device uses: the wrong APN is named without asking`, async () => {
      const conv = customer(lang);
      const message =
        lang === 'en'
          ? `SIM ${APN_SIM} no data. AT+CGDCONT? gives +CGDCONT: 1,"IP","internet"`
          : `SIM ${APN_SIM} sin datos. AT+CGDCONT? devuelve +CGDCONT: 1,"IP","internet"`;
      const replies = await conv.say(message);
      const text = joined(replies);
      expect(text).to.match(finding(lang, 'MODEM_APN_SET'));
      expect(text).to.contain('`internet`');
      expect(text).to.not.contain(t(lang, 'flows.apn_check.ask_apn'));
      expect(text).to.contain('AT+CGDCONT=1,"IP","iot.firstline.example"');
      await expectLanguage(replies, lang);
    });
  }

  it('es: a PDP reject cause and an SMS error are said in plain words', async () => {
    const pdp = await customer('es').say(`SIM ${APN_SIM}: activación PDP rechazada, causa 33`);
    expect(joined(pdp)).to.match(finding('es', 'MODEM_PDP_REJECTED'));
    expect(joined(pdp)).to.contain(t('es', 'modem.pdp.33'));
    const sms = await customer('es').say('los SMS fallan con +CMS ERROR: 330');
    expect(joined(sms)).to.match(finding('es', 'MODEM_SMS_ERROR'));
    expect(joined(sms)).to.contain(t('es', 'modem.cms.330'));
  });
});
