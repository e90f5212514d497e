import { expect } from 'chai';
import { maskIccid } from '../../bot/connectivity/iccid.js';
import type { Lang } from '../../bot/domain/language.js';
import {
  adaptiveCards,
  demoSimsOf,
  factSets,
  knowledgeTexts,
  renderText,
  textPattern,
} from '../connectivity/helpers.js';
import { apiGet, apiJson } from '../helpers/cases.js';
import { allText, choicesOf, Conversation, type Reply } from '../helpers/conversation.js';
import { useTestServer } from '../helpers/server.js';

const ADMIN_TOKEN = 'sim-lookup-test-admin-token-0123456789';
const APN = 'iot.firstline.example';
const NORDLYS_ICCID = '8946070000000000092';
/** Luhn-valid, but in nobody's inventory. */
const UNKNOWN_ICCID = '8946070000000000118';
/** 8946070000000000019 with a typo in the last digit. */
const BAD_CHECK_DIGIT = '8946070000000000018';

interface CaseView {
  id: string;
  sims: string[];
  findings: Array<{ code: string; text: string; iccid?: string }>;
  organisationId?: string | null;
  status?: string;
}

/** The card facts of the SIM with this ICCID (whole, as the card shows it: the customer copies it). */
function simFacts(replies: readonly Reply[], iccid: string, lang: Lang = 'en'): Record<string, string> {
  const title = knowledgeTexts(lang)['simCard.iccid'] ?? 'ICCID';
  const all = adaptiveCards(replies).flatMap(factSets);
  const facts = all.find((f) => f[title] === iccid);
  expect(facts, `a SIM card FactSet for ${iccid} in ${JSON.stringify(all)}`).to.not.equal(undefined);
  return facts as Record<string, string>;
}

function caseIdOf(replies: readonly Reply[]): string {
  const id = /CS-\d+/.exec(allText(replies))?.[0];
  expect(id, 'a case id in the replies').to.be.a('string');
  return id as string;
}

function texts(replies: readonly Reply[]): string[] {
  return replies.filter((r) => r.type === 'message' && r.text).map((r) => r.text as string);
}

describe('conversation: SIM look-up and live diagnostics (demo-user over HTTP)', function () {
  this.timeout(60_000);
  const server = useTestServer({ ADMIN_TOKEN });

  async function caseView(caseId: string): Promise<CaseView> {
    const res = await apiGet(server.baseUrl, `/api/cases/${caseId}`, ADMIN_TOKEN);
    expect(res.status).to.equal(200);
    return (await res.json()) as CaseView;
  }

  async function start(
    text: string,
    userId = 'demo-user',
    locale = 'en-US',
  ): Promise<{ conv: Conversation; replies: Reply[] }> {
    const conv = new Conversation(server.baseUrl, { userId, locale });
    await conv.join();
    return { conv, replies: await conv.say(text) };
  }

  /** The finding recorded on the case, its explanation rendered from findings.<lang>.json. */
  async function expectCaseFinding(
    caseId: string,
    code: string,
    iccid: string,
    lang: Lang = 'en',
  ): Promise<string> {
    const found = (await caseView(caseId)).findings.find((f) => f.code === code && f.iccid === iccid);
    expect(found, `${code} for ${iccid} on ${caseId}`).to.not.equal(undefined);
    // The case keeps findings as plain text (agents read them on cards): the knowledge text without code marks.
    const plain = new RegExp(textPattern(lang, `finding.${code}.explanation`).source.replace(/`/g, ''));
    expect(found?.text).to.match(plain);
    return found?.text ?? '';
  }

  it('APN mismatch: the card shows the whole ICCID and "Wrong APN", the next step names iot.firstline.example', async () => {
    const iccid = '8946070000000000027';
    const { conv, replies } = await start(`no data on ${iccid}`);
    const caseId = caseIdOf(replies);
    const cards = adaptiveCards(replies);
    expect(cards).to.have.length(1);
    expect(cards[0]?.version).to.equal('1.5');
    const facts = simFacts(replies, iccid);
    expect(facts['Findings']).to.contain(renderText('en', 'simCard.finding.APN_MISMATCH'));
    expect(facts['Plan']).to.equal('IoT Connect EU');
    expect(facts['Number']).to.equal('+46701234471');

    const said = texts(replies).join('\n');
    expect(said).to.contain(APN);
    expect(said).to.contain(`AT+CGDCONT=1,"IP","${APN}"`);
    expect(choicesOf(replies)).to.deep.equal(['Yes', 'No']);

    const explanation = await expectCaseFinding(caseId, 'APN_MISMATCH', iccid);
    expect(explanation).to.contain('internet').and.to.contain(APN);
    expect((await caseView(caseId)).sims).to.include(iccid);

    const done = await conv.say('Yes');
    expect(allText(done)).to.contain(renderText('en', 'bot.resolved', { caseId }));
  });

  const findingCases: Array<{
    name: string;
    iccid: string;
    say: string;
    code: string;
    flowText: string;
    answer?: string;
    label?: string;
  }> = [
    {
      name: 'deactivated',
      iccid: '8946070000000000035',
      say: 'no data on 8946070000000000035',
      code: 'SIM_NOT_ACTIVE',
      flowText: 'flows.sim_state.sim_inactive',
    },
    {
      name: 'data limit reached',
      iccid: '8946070000000000043',
      say: 'no data on 8946070000000000043',
      code: 'DATA_LIMIT_REACHED',
      flowText: 'flows.data.limit_reached',
    },
    {
      name: 'roaming in Germany on a Nordic plan',
      iccid: '8946070000000000050',
      say: 'no data on 8946070000000000050, the truck is in Germany',
      code: 'ROAMING_NOT_ALLOWED',
      flowText: 'flows.data.roaming_blocked',
    },
    {
      name: 'no SMS in plan',
      iccid: '8946070000000000068',
      say: 'SMS not delivered to 8946070000000000068',
      code: 'SMS_NOT_IN_PLAN',
      flowText: 'flows.sms.not_in_plan',
      answer: 'The device does not receive SMS',
    },
    {
      name: 'no voice in plan',
      iccid: '8946070000000000076',
      say: 'calls fail on 8946070000000000076',
      code: 'VOICE_NOT_IN_PLAN',
      flowText: 'flows.voice.not_in_plan',
    },
    {
      name: 'no CSD in plan',
      iccid: '8946070000000000084',
      say: 'CSD dial-up fails on 8946070000000000084',
      code: 'CSD_NOT_IN_PLAN',
      flowText: 'flows.csd.not_in_plan',
    },
  ];

  for (const c of findingCases) {
    it(`${c.name}: reaches ${c.code}, explains it and passes the case to an agent`, async () => {
      const { conv, replies } = await start(c.say);
      const caseId = caseIdOf(replies);
      expect(simFacts(replies, c.iccid)['Findings']).to.contain(
        renderText('en', `simCard.finding.${c.code}`),
      );
      const after = c.answer ? await conv.say(c.answer) : [];
      const said = texts([...replies, ...after]);
      expect(
        said.some((t) => textPattern('en', c.flowText).test(t)),
        `${c.flowText} in ${JSON.stringify(said)}`,
      ).to.equal(true);
      expect(said).to.include(renderText('en', 'bot.handoff.passing', { caseId }));
      const explanation = await expectCaseFinding(caseId, c.code, c.iccid);
      if (c.code === 'ROAMING_NOT_ALLOWED') {
        expect(explanation).to.contain('IoT Nordic Data');
        expect(said.join('\n')).to.contain('IoT Nordic Data');
      }
      if (c.code === 'SIM_NOT_ACTIVE')
        expect(simFacts(replies, c.iccid)['Status']).to.equal(renderText('en', 'simCard.status.inactive'));
      if (c.code === 'DATA_LIMIT_REACHED') expect(explanation).to.contain('512.4').and.to.contain('500');
    });
  }

  it('finds the SIM by its MSISDN and by "ending in 4471"', async () => {
    for (const say of ['no data on +46701234471', 'no data on the SIM ending in 4471']) {
      const { replies } = await start(say);
      const facts = simFacts(replies, '8946070000000000027');
      expect(facts['Number']).to.equal('+46701234471');
      expect(texts(replies).join('\n')).to.contain(`AT+CGDCONT=1,"IP","${APN}"`);
    }
  });

  it('ambiguous last digits ("ending in 471") list the masked candidates; the full ICCID then continues the flow', async () => {
    const { conv, replies } = await start('no data on the SIM ending in 471');
    const candidates = ['8946070000000000027', '8946070000000000043'].map(maskIccid);
    expect(texts(replies)).to.include(
      renderText('en', 'bot.sim.ambiguous', {
        ref: '`471`',
        candidates: candidates.map((c) => `\`${c}\``).join(', '),
      }),
    );
    expect(adaptiveCards(replies)).to.have.length(0);
    expect(choicesOf(replies)).to.include(renderText('en', 'bot.sim.all'));

    const next = await conv.say('8946070000000000043');
    expect(simFacts(next, '8946070000000000043')['Findings']).to.contain(
      renderText('en', 'simCard.finding.DATA_LIMIT_REACHED'),
    );
    expect(texts(next)).to.include(renderText('en', 'flows.data.limit_reached'));
  });

  it('several SIMs in one message: one card with each SIM and its findings, all on the case', async () => {
    const iccids = ['8946070000000000027', '8946070000000000043', '8946070000000000035'];
    const { replies } = await start(`no data on ${iccids[0]}, ${iccids[1]} and ${iccids[2]}`);
    const cards = adaptiveCards(replies);
    expect(cards).to.have.length(1);
    expect(factSets(cards[0] ?? {})).to.have.length(3);
    const expected = ['APN_MISMATCH', 'DATA_LIMIT_REACHED', 'SIM_NOT_ACTIVE'];
    iccids.forEach((iccid, i) => {
      expect(simFacts(replies, iccid)['Findings']).to.contain(
        renderText('en', `simCard.finding.${expected[i]}`),
      );
    });
    const view = await caseView(caseIdOf(replies));
    expect(view.sims).to.include.members(iccids);
    for (const [i, iccid] of iccids.entries())
      expect(view.findings.some((f) => f.iccid === iccid && f.code === expected[i])).to.equal(true);
    // Different causes on different SIMs: each is explained, and a person takes the case over.
    const said = texts(replies).join('\n');
    expect(said).to.include(renderText('en', 'bot.sim.severalCauses', { lines: '' }).trim());
    for (const iccid of iccids) expect(said).to.include(`…${iccid.slice(-4)}`);
    expect((await caseView(caseIdOf(replies))).status).to.equal('queued');
  });

  it('"all my SIMs" gives a fleet summary card of the organisation only', async () => {
    const { conv, replies } = await start('none of my devices have data');
    expect(texts(replies)).to.include(renderText('en', 'bot.sim.ask'));
    const fleet = await conv.say(renderText('en', 'bot.sim.all'));
    expect(texts(fleet)).to.include(renderText('en', 'bot.sim.fleetChecking'));
    const cards = adaptiveCards(fleet);
    expect(cards).to.have.length(1);
    const card = cards[0] ?? {};
    expect(JSON.stringify(card)).to.contain(renderText('en', 'simCard.fleetTitle'));
    const acme = demoSimsOf('org-acme');
    const [totals, byStatus, byFinding] = factSets(card);
    expect(totals?.[renderText('en', 'simCard.total')]).to.equal(String(acme.length));
    expect(totals?.[renderText('en', 'simCard.checked')]).to.equal(String(acme.length));
    expect(byStatus?.[renderText('en', 'simCard.status.inactive')]).to.equal(
      String(acme.filter((s) => s.status === 'DEACTIVATED').length),
    );
    expect(byStatus?.[renderText('en', 'simCard.status.active')]).to.equal(
      String(acme.filter((s) => s.status === 'ACTIVATED').length),
    );
    for (const code of ['APN_MISMATCH', 'SIM_NOT_ACTIVE', 'DATA_LIMIT_REACHED', 'ROAMING_NOT_ALLOWED']) {
      expect(byFinding?.[renderText('en', `simCard.finding.${code}`)], code).to.equal('1');
    }
    expect(JSON.stringify(card)).to.not.contain('Metering');
    // The overview is not the end: the checks need one SIM, so the bot asks for it.
    expect(texts(fleet)).to.include(renderText('en', 'bot.sim.afterFleet'));
    expect(JSON.stringify(card))
      .to.contain(renderText('en', 'simCard.problemSims'))
      .and.to.contain('8946070000000000027');
    expect(choicesOf(fleet)).to.include(renderText('en', 'bot.sim.endingIn', { digits: '0027' }));
    const one = await conv.say('the one ending in 4471');
    expect(adaptiveCards(one)).to.have.length(1);
    expect(JSON.stringify(adaptiveCards(one)[0])).to.contain('8946070000000000027');
  });

  it("another organisation's ICCID gets exactly the reply of an ICCID that does not exist", async () => {
    const shape = async (iccid: string): Promise<string> => {
      const { conv, replies } = await start(`no data on ${iccid}`);
      expect(texts(replies)).to.include(renderText('en', 'bot.sim.notFound', { ref: `\`${iccid}\`` }));
      expect(adaptiveCards(replies)).to.have.length(0);
      // No incident is opened for a SIM that is not theirs: the case waits for one of their own.
      const { cases } = await apiJson<{ cases: Array<{ conversation?: { conversation?: { id: string } } }> }>(
        server.baseUrl,
        '/api/cases',
        ADMIN_TOKEN,
      );
      expect(cases.filter((c) => c.conversation?.conversation?.id === conv.id)).to.deep.equal([]);
      const body = replies.map((r) => ({
        type: r.type,
        text: r.text,
        actions: r.suggestedActions?.actions,
        attachments: r.attachments,
      }));
      return JSON.stringify(body)
        .replaceAll(iccid, '<ICCID>')
        .replace(/CS-\d+/g, '<CASE>');
    };
    const nordlys = await shape(NORDLYS_ICCID);
    const unknown = await shape(UNKNOWN_ICCID);
    expect(nordlys).to.equal(unknown);
    for (const leak of ['+4791234092', 'Metering', 'Nordlys', '8946…0092', '8946070000000000092'])
      expect(nordlys).to.not.contain(leak);
  });

  it('an ICCID with a bad check digit gets the clear invalid message, not "not found"', async () => {
    const { conv, replies } = await start(`no data on ${BAD_CHECK_DIGIT}`);
    const said = texts(replies);
    expect(said).to.include(
      renderText('en', 'bot.sim.invalid.bad_check_digit', { ref: `\`${BAD_CHECK_DIGIT}\`` }),
    );
    expect(said.join('\n')).to.not.contain(
      renderText('en', 'bot.sim.notFound', { ref: `\`${BAD_CHECK_DIGIT}\`` }),
    );
    expect(adaptiveCards(replies)).to.have.length(0);
    expect(choicesOf(replies)).to.deep.equal([
      renderText('en', 'bot.sim.all'),
      renderText('en', 'bot.sim.skip'),
    ]);
    // The corrected number then works.
    const fixed = await conv.say('8946070000000000019');
    expect(simFacts(fixed, '8946070000000000019')['Findings']).to.contain(
      renderText('en', 'simCard.finding.HEALTHY'),
    );
  });

  it('an unidentified user gets no look-up but still gets help and a case', async () => {
    const conv = new Conversation(server.baseUrl, { userId: 'someone-unknown' });
    const welcome = await conv.join();
    expect(texts(welcome)).to.include(renderText('en', 'bot.welcome.anonymous'));
    const replies = await conv.say('no data on 8946070000000000027');
    const caseId = caseIdOf(replies);
    expect(texts(replies)).to.include(renderText('en', 'bot.sim.anonymous'));
    expect(adaptiveCards(replies)).to.have.length(0);
    const all = allText(replies);
    for (const leak of [
      'IoT Connect EU',
      '+46701234471',
      'Wrong APN',
      maskIccid('8946070000000000027'),
      '8946070000000000027',
    ])
      expect(all).to.not.contain(leak);
    expect(choicesOf(replies).length, 'the flow continues with a question').to.be.greaterThan(0);
    const view = await caseView(caseId);
    expect(view.findings.filter((f) => f.iccid)).to.deep.equal([]);
  });

  describe('in Spanish', () => {
    it('APN mismatch: Spanish card labels and the instruction naming iot.firstline.example', async () => {
      const iccid = '8946070000000000027';
      const { replies } = await start(`no hay datos en ${iccid}`, 'demo-user', 'es-ES');
      const facts = simFacts(replies, iccid, 'es');
      expect(facts[renderText('es', 'simCard.findings')]).to.contain(
        renderText('es', 'simCard.finding.APN_MISMATCH'),
      );
      const said = texts(replies).join('\n');
      expect(said).to.contain(`AT+CGDCONT=1,"IP","${APN}"`);
      expect(choicesOf(replies)).to.deep.equal(['Sí', 'No']);
      await expectCaseFinding(caseIdOf(replies), 'APN_MISMATCH', iccid, 'es');
    });

    it('bad check digit and another organisation’s ICCID get their Spanish messages', async () => {
      const bad = await start(`mi router no tiene datos, SIM ${BAD_CHECK_DIGIT}`, 'demo-user', 'es-ES');
      expect(texts(bad.replies)).to.include(
        renderText('es', 'bot.sim.invalid.bad_check_digit', { ref: `\`${BAD_CHECK_DIGIT}\`` }),
      );
      const other = await start(`no hay datos en ${NORDLYS_ICCID}`, 'demo-user', 'es-ES');
      expect(texts(other.replies)).to.include(
        renderText('es', 'bot.sim.notFound', { ref: `\`${NORDLYS_ICCID}\`` }),
      );
      expect(adaptiveCards(other.replies)).to.have.length(0);
    });

    it('the limit-reached SIM reaches its finding in Spanish', async () => {
      const iccid = '8946070000000000043';
      const { replies } = await start(`el dispositivo no tiene datos, ICCID ${iccid}`, 'demo-user', 'es-ES');
      expect(simFacts(replies, iccid, 'es')[renderText('es', 'simCard.findings')]).to.contain(
        renderText('es', 'simCard.finding.DATA_LIMIT_REACHED'),
      );
      expect(texts(replies)).to.include(renderText('es', 'flows.data.limit_reached'));
      await expectCaseFinding(caseIdOf(replies), 'DATA_LIMIT_REACHED', iccid, 'es');
    });
  });
});
