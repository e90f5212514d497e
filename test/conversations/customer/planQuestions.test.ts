import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Questions about a plan (blind sets 104–109): a question naming a plan — by its name, by what customers call it
 * beside "plan", or right after that plan's answer — is answered from plans.json, led by what was asked, and opens no
 * case; another organisation's private plan is never described. The APN answer names the customer's own plans (or
 * the plan asked about), not the catalogue. A SIM named by its IMSI is looked up for what its plan allows, and what
 * happens at the data limit, asked after a fleet list, is a question.
 */
describe('customer conversations: questions about a plan, and the APN of their own plans', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  // The whole plan, with nothing asked of it in particular: its services, data, APN and where it works.
  for (const [lang, text, plan, data] of [
    ['en', 'Hi there, what exactly comes with the IoT Connect EU plan?', 'IoT Connect EU', '500 MB'],
    ['es', '¿Qué trae el plan IoT Nordic Data?', 'IoT Nordic Data', '1 GB'],
    ['en', 'Could you tell me what the IoT Data SMS plan gives us?', 'IoT Data SMS', '250 MB'],
    ['es', 'Buenas, ¿qué incluye exactamente el plan Legacy CSD 2G?', 'Legacy CSD 2G', '20 MB'],
  ] as const) {
    it(`${lang}: "${text}" tells the whole plan, no case`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain(`**${plan}**`);
      expect(said).to.contain(data);
      expect(said).to.contain(lead(lang, 'bot.plan.line.apn'));
      expect(cases).to.deep.equal([]);
    });
  }

  // A service asked about: yes or no first, and when no, the plans that have it.
  for (const [lang, text, key, plan, others] of [
    [
      'en',
      'Does the Data SMS plan let a device make phone calls?',
      'serviceNo',
      'IoT Data SMS',
      'Legacy CSD 2G',
    ],
    ['es', '¿El plan de solo datos permite recibir SMS?', 'serviceNo', 'IoT Data Only', 'IoT Data SMS'],
    ['en', 'Is voice part of the IoT Connect EU plan, or only data?', 'serviceYes', 'IoT Connect EU', ''],
    ['es', '¿Con el plan IoT Nordic Data se pueden mandar SMS?', 'serviceYes', 'IoT Nordic Data', ''],
  ] as const) {
    it(`${lang}: "${text}" answers ${key === 'serviceNo' ? 'no' : 'yes'} first`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said.startsWith(lead(lang, `bot.plan.lead.${key}`))).to.equal(true, said);
      expect(said).to.contain(`**${plan}**`);
      if (others) expect(said).to.contain(others);
      expect(cases).to.deep.equal([]);
    });
  }

  // A country, the monthly data, roaming: led by what was asked.
  for (const [lang, text, first] of [
    [
      'en',
      'Would IoT Nordic Data still work if the van goes to Spain for a month?',
      'No — **IoT Nordic Data**',
    ],
    ['es', '¿El plan IoT Data SMS funciona en Portugal o no?', 'Sí: **IoT Data SMS** funciona en Portugal'],
    ['en', 'How many megabytes a month do we get on IoT Connect EU?', '**IoT Connect EU** includes 500 MB'],
    [
      'es',
      '¿Cuántas gigas al mes trae el plan de banda ancha?',
      '**Consumer Mobile Broadband** incluye 50 GB',
    ],
  ] as const) {
    it(`${lang}: "${text}" leads with "${first}"`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said.startsWith(first)).to.equal(true, said);
      expect(cases).to.deep.equal([]);
    });
  }

  // Right after a plan's answer, a short question naming no plan asks it of that plan.
  for (const [lang, first, next, expected] of [
    [
      'en',
      "What's in the IoT Nordic Data plan?",
      'And does it come with SMS?',
      'Yes — **IoT Nordic Data** includes SMS',
    ],
    [
      'es',
      '¿Qué incluye el plan IoT Data Only?',
      '¿Y cuántos datos trae al mes?',
      '**IoT Data Only** incluye 100 MB',
    ],
    [
      'en',
      'Tell me about the IoT Data Only plan, please?',
      "Why doesn't it have voice?",
      'No — **IoT Data Only**',
    ],
  ] as const) {
    it(`${lang}: "${next}" after a plan's answer is about that plan`, async () => {
      const { said, cases } = await play(lang, first, next);
      expect(said.startsWith(expected)).to.equal(true, said);
      expect(cases).to.deep.equal([]);
    });
  }

  // Right after a plan's answer, another plan named alone is asked the same.
  for (const [lang, first, next, expected] of [
    [
      'en',
      'How much data a month does IoT Nordic Data include?',
      'And IoT Connect EU?',
      '**IoT Connect EU** includes 500 MB',
    ],
    [
      'es',
      '¿Cuál es el límite de datos del plan IoT Data Only?',
      '¿Y el del IoT Data SMS?',
      '**IoT Data SMS** incluye 250 MB',
    ],
  ] as const) {
    it(`${lang}: "${next}" after a plan's answer asks the same of that plan`, async () => {
      const { said, cases } = await play(lang, first, next);
      expect(said.startsWith(expected)).to.equal(true, said);
      expect(cases).to.deep.equal([]);
    });
  }

  // Two plans named: each answered in turn.
  for (const [lang, text] of [
    ['en', "What's the difference between IoT Data Only and IoT Data SMS?"],
    ['es', '¿En qué se diferencian el plan IoT Data Only y el IoT Data SMS?'],
  ] as const) {
    it(`${lang}: "${text}" tells both plans`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain('**IoT Data Only**').and.to.contain('**IoT Data SMS**');
      expect(said).to.contain('100 MB').and.to.contain('250 MB');
      expect(cases).to.deep.equal([]);
    });
  }

  // Another organisation's private plan is never described; its own customers get it.
  for (const [lang, text] of [
    ['en', 'What does the Metering Critical plan include?'],
    ['es', '¿El plan Metering Critical funciona en Suecia?'],
  ] as const) {
    it(`${lang}: "${text}" describes the private plan only to its organisation`, async () => {
      const other = await play(lang, text);
      expect(other.said).not.to.contain('meter.nordlys.firstline.example');
      expect(other.said).to.contain(lead(lang, 'bot.plan.notShown'));
      expect(other.cases).to.deep.equal([]);
      const own = await playAs('demo-vip', lang, text);
      expect(own.said).to.contain('meter.nordlys.firstline.example');
      expect(own.cases).to.deep.equal([]);
    });
  }

  // A SIM named by its IMSI: what its plan allows, from the look-up — no case.
  for (const [lang, text, plan] of [
    [
      'en',
      'Can the SIM with IMSI 240071000039614 send SMS? Just checking before we install it.',
      'IoT Data Only',
    ],
    ['es', '¿La SIM con IMSI 240071000047533 puede hacer llamadas de voz?', 'IoT Data SMS'],
  ] as const) {
    it(`${lang}: "${text}" names the SIM's plan`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain(plan);
      expect(cases).to.deep.equal([]);
    });
  }

  // The APN: the customer's own plans (or the plan asked about), never the whole catalogue.
  for (const [user, lang, text, apn, never] of [
    [
      'demo-consumer',
      'es',
      'Me han cambiado el router y me pregunta por el APN, ¿qué le pongo?',
      'internet.firstline.example',
      'iot.firstline.example',
    ],
    [
      'demo-consumer',
      'en',
      'What APN should I type into my new router?',
      'internet.firstline.example',
      'iot.firstline.example',
    ],
    [
      'demo-vip',
      'en',
      'Which APN do our meters need?',
      'meter.nordlys.firstline.example',
      'iot.firstline.example',
    ],
    [
      'demo-vip',
      'es',
      '¿Con qué comando AT se cambia el APN en los contadores?',
      'meter.nordlys.firstline.example',
      'iot.firstline.example',
    ],
    [
      'demo-user',
      'en',
      'What APN goes with the Consumer Mobile Broadband plan?',
      'internet.firstline.example',
      'iot.firstline.example',
    ],
  ] as const) {
    it(`${user} ${lang}: "${text}" gets ${apn} only`, async () => {
      const { said, cases } = await playAs(user, lang, text);
      expect(said).to.contain(apn);
      expect(said).not.to.contain(never);
      expect(cases).to.deep.equal([]);
    });
  }

  // What happens at the limit, asked right after the fleet list: the data-limit article, no case.
  for (const [lang, list, question] of [
    [
      'en',
      'Which of our SIMs have used up their data?',
      'What really happens to a unit when it goes over its allowance, is it cut off or just slowed down?',
    ],
    [
      'es',
      '¿Qué SIM han superado su límite de datos?',
      '¿Qué pasa realmente con una SIM al pasarse del límite, la cortan del todo o solo va lenta?',
    ],
  ] as const) {
    it(`${lang}: "${question}" after the fleet list is answered, no case`, async () => {
      const { said, cases } = await play(lang, list, question);
      expect(said).to.contain('250 MB');
      expect(cases).to.deep.equal([]);
    });
  }
});
