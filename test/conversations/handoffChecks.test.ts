import { expect } from 'chai';
import { cardTexts } from '../helpers/cards.js';
import { caseIdIn } from '../helpers/cases.js';
import { Conversation, type Reply } from '../helpers/conversation.js';
import { useTestServer } from '../helpers/server.js';
import { ADMIN_TOKEN, getCase, Knowledge, openerWithSim, walkFlow, type Lang } from './driver.js';

const APN_MISMATCH_SIM = '8946070000000000027';
const PLAN_APN = 'iot.firstline.example';

/** The lines of the "checks already done" block of the handoff card in the replies. */
function checkLines(replies: readonly Reply[], kb: Knowledge, lang: Lang): string[] {
  const blocks = cardTexts(replies);
  const heading = blocks.indexOf(kb.t(lang, 'desk.card.checks'));
  expect(heading, `a checks block in ${blocks.join(' | ')}`).to.be.at.least(0);
  return (blocks[heading + 1] ?? '').split('\n').map((line) => line.replace(/^- /, ''));
}

describe('conversations: the agent reads the checks done on the handoff card', function () {
  this.timeout(30_000);
  const kb = new Knowledge();
  const server = useTestServer({ ADMIN_TOKEN }, { perTest: true });

  /** demo-user walks the data flow on the wrong-APN SIM to a handoff in `lang`; returns the case id. */
  async function handedOff(lang: Lang): Promise<string> {
    const customer = new Conversation(server.baseUrl, {
      userId: 'demo-user',
      locale: lang === 'es' ? 'es-ES' : 'en-GB',
    });
    const first = await customer.say(openerWithSim('data', lang, APN_MISMATCH_SIM));
    const caseId = caseIdIn(first);
    await walkFlow(kb, customer, first, { lang, goal: 'handoff', mode: 'click' });
    expect((await getCase(server.baseUrl, caseId)).status).to.equal('queued');
    return caseId;
  }

  const agent = (locale: string): Conversation =>
    new Conversation(server.baseUrl, { userId: 'demo-agent', locale });

  // The card is in the agent's language (demo-agent's directory locale is en-GB), whatever the case's is.
  for (const [caseLang, agentLang] of [
    ['en', 'en'],
    ['es', 'en'],
  ] as const) {
    it(`case in ${caseLang}, agent in ${agentLang}: readable checks and outcomes, no node ids`, async () => {
      const caseId = await handedOff(caseLang);
      const picked = await agent('en-GB').say(`pick ${caseId}`);
      const lines = checkLines(picked, kb, agentLang);
      const line = (label: string, outcome: string): string =>
        kb.t(agentLang, 'desk.check.line', { label, outcome });
      const t = (key: string, vars: Record<string, string> = {}): string => kb.t(agentLang, key, vars);

      expect(lines).to.include(
        line(
          t('flows.sim_state.check_active.report'),
          t('flows.sim_state.check_active.report.pass', { 'sim.status': 'active' }),
        ),
      );
      expect(lines).to.include(
        line(
          t('flows.apn_check.apn_match.report'),
          t('flows.apn_check.apn_match.report.fail', { 'apn.requested': 'internet', 'plan.apn': PLAN_APN }),
        ),
      );
      expect(lines).to.include(t('flows.apn_check.fix_apn.report', { 'plan.apn': PLAN_APN }));
      expect(lines).to.include(
        line(t('flows.apn_check.apn_resolution.report'), t('desk.check.outcome.resolution.no')),
      );
      const all = lines.join('\n');
      expect(all, 'no placeholder left unfilled').to.not.match(/\{[a-z]+\.[A-Za-z]+\}/);
      expect(all, 'no flow/node ids').to.not.match(/\b(apn_check|sim_state|data)\/|\b(pass|fail)\b/);
      const other: Lang = agentLang === 'en' ? 'es' : 'en';
      expect(all, `nothing in ${other}`).to.not.include(kb.t(other, 'flows.sim_state.check_active.report'));

      // The raw trail stays on the case for systems (contact centre, API).
      expect((await getCase(server.baseUrl, caseId)).checksDone).to.include('apn_check/apn_match: fail');
    });
  }
});
