import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { codeProblems } from '../../../bot/knowledgeBase/codeSpans.js';
import { Conversation, type Reply } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, joined, textsOf } from '../../helpers/replies.js';
import { useConnectorStub, useTestServer } from '../../helpers/server.js';

const { load, t } = shippedKnowledgeText();
const APN_SIM = '8946070000000000027';
const VIP_SIM = '8946070000000000092';
const directory = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../knowledge/demo/directory.json'), 'utf8'),
) as { users: Array<{ id: string; aadObjectId?: string; role: string }> };
const teamsUser = directory.users.find((u) => u.aadObjectId !== undefined && u.role === 'customer');

/** The fenced code blocks of a Markdown text, each as its lines. */
function fences(text: string): string[][] {
  return [...text.matchAll(/^```[^\n]*\n([\s\S]*?)\n```$/gm)].map((m) => (m[1] ?? '').split('\n'));
}

/**
 * Issue 12, classes 10 and 11: what the bot says is true (no promised history, the priority's response
 * target, open cases only, each with its subject and SIM, questions not repeated, answered buttons answered
 * clearly), and commands, APNs and ICCIDs are code — in Web Chat and in Teams.
 */
describe('customer conversations: true wording, and commands as code', function () {
  this.timeout(60_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (userId: string, lang: 'en' | 'es' = 'en'): Conversation =>
    new Conversation(server.baseUrl, {
      userId,
      locale: lang === 'es' ? 'es-ES' : 'en-GB',
      serviceUrl: stub.url,
    });

  describe('wording that is true', () => {
    for (const [lang, ask] of [
      ['en', 'I want to talk to a human'],
      ['es', 'quiero hablar con una persona'],
    ] as const) {
      it(`${lang}: "${ask}" as a first message does not claim the case holds a conversation`, async () => {
        const conv = customer('demo-user', lang);
        const replies = await conv.say(ask);
        const [c] = await casesOf(server.baseUrl, conv.id);
        expect(joined(replies)).to.contain(
          t(lang, 'bot.handoff.customer_request.new', { caseId: c?.id ?? '' }),
        );
        expect(joined(replies)).to.not.contain(
          t(lang, 'bot.handoff.customer_request', { caseId: c?.id ?? '' }).slice(-30),
        );
      });
    }

    it("a P1 case's status says what P1 promises, not only the case type's typical days", async () => {
      const vip = customer('demo-vip');
      await vip.say(`no data on ${VIP_SIM}`);
      const [c] = await casesOf(server.baseUrl, vip.id);
      expect(c?.priority.level).to.equal('P1');
      const status = joined(await customer('demo-vip').say(`status of ${c?.id}`));
      expect(status).to.contain(`P1: ${t('en', 'cases.response.P1')}`);
      const es = joined(await customer('demo-vip', 'es').say(`¿cómo va el caso ${c?.id}?`));
      expect(es).to.contain(`P1: ${t('es', 'cases.response.P1')}`);
    });

    it('"my cases" counts open cases only, each line with its subject and SIM', async () => {
      const a = customer('demo-consumer');
      await a.say('my router at the cottage has no internet');
      const open = customer('demo-consumer');
      await open.say('the router has no data since Friday');
      const [done] = await casesOf(server.baseUrl, a.id);
      await customer('demo-consumer').say(`please close case ${done?.id}`);
      const list = joined(await customer('demo-consumer').say('what are my open cases?'));
      const [still] = await casesOf(server.baseUrl, open.id);
      expect(list)
        .to.contain(still?.id ?? 'missing')
        .and.to.not.contain(done?.id ?? 'missing');
      // One open case: its status is shown, with what it is about.
      expect(list).to.contain(t('en', 'cases.type.incident'));
    });

    it('the follow-up question is said once: the card carries only the buttons', async () => {
      const conv = customer('demo-user');
      await conv.say(`no data on ${APN_SIM}`);
      const replies = await conv.say('yes');
      const [c] = await casesOf(server.baseUrl, conv.id);
      const question = t('en', 'followUp.offer', { id: c?.id ?? '', days: 3 });
      const offer = replies.find((r) => r.text === question);
      expect(offer, 'the follow-up offer').to.not.equal(undefined);
      expect(JSON.stringify(offer?.attachments)).to.not.contain(question);
      expect(textsOf(replies).filter((text) => text === question)).to.have.length(1);
    });

    it('a button of a card already answered gets a clear answer instead of acting again', async () => {
      const conv = customer('demo-user');
      await conv.say(`no data on ${APN_SIM}`);
      await conv.say('yes');
      const [c] = await casesOf(server.baseUrl, conv.id);
      const id = c?.id ?? '';
      await conv.submit({ followUpAction: 'keep_open', caseId: id });
      const again = await conv.submit({ followUpAction: 'keep_open', caseId: id });
      expect(joined(again)).to.match(
        new RegExp(t('en', 'followUp.alreadyScheduled', { id, date: 'X' }).split('X')[0] ?? ''),
      );
      await conv.submit({ followUpAction: 'decline', caseId: id });
      const staleDecline = await conv.submit({ followUpAction: 'decline', caseId: id });
      expect(joined(staleDecline)).to.contain(t('en', 'followUp.alreadyClosed', { id }));
      await conv.submit({ followUpAction: 'rate', caseId: id, rating: 4 });
      const rateAgain = await conv.submit({ followUpAction: 'rate', caseId: id, rating: 1 });
      expect(joined(rateAgain)).to.contain(t('en', 'followUp.alreadyRated', { id }));
      expect((await casesOf(server.baseUrl, conv.id))[0]?.satisfaction).to.equal(4);
    });
  });

  describe('commands, APNs and ICCIDs as code', () => {
    const expectCode = (replies: readonly Reply[]): void => {
      for (const reply of replies.filter((r) => r.type === 'message' && r.text)) {
        expect(codeProblems(reply.text ?? ''), reply.text).to.deep.equal([]);
        expect((reply as Reply & { textFormat?: string }).textFormat).to.equal('markdown');
      }
    };

    it('Web Chat: the APN fix is a fenced block with straight quotes, one command per line', async () => {
      const replies = await customer('demo-user').say(`no data on ${APN_SIM}`);
      expectCode(replies);
      const blocks = fences(joined(replies));
      expect(blocks).to.deep.include(['AT+CGDCONT=1,"IP","iot.firstline.example"']);
      expect(joined(replies)).to.contain('`AT+CFUN=0`').and.to.contain('`iot.firstline.example`');
    });

    it('Teams: the same Markdown (textFormat markdown, fences on their own lines), several commands one per line', async () => {
      const conv = new Conversation(server.baseUrl, {
        userId: teamsUser?.id ?? 'missing',
        channelId: 'msteams',
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        ...(teamsUser?.aadObjectId ? { aadObjectId: teamsUser.aadObjectId } : {}),
      });
      const replies = await conv.say('how do I change the APN on the modem?');
      expectCode(replies);
      const blocks = fences(joined(replies));
      expect(blocks).to.deep.include(['AT+CFUN=0', 'AT+CFUN=1']);
      expect(joined(replies)).to.not.match(/[“”]/);
    });

    it('ICCIDs the customer gives are echoed as code', async () => {
      const conv = customer('demo-user');
      await conv.say('my trackers have no data');
      const replies = await conv.say('8946070000000000092');
      expect(joined(replies)).to.contain('`8946070000000000092`');
    });
  });
});
