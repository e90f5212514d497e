import { expect } from 'chai';
import { describeCaseStatus } from '../../bot/cases/caseStatusText.js';
import { caseServiceAt, loadCaseTexts, ORGS, tempDir, testText, openAcmeCase } from './fixtures.js';

describe('describeCaseStatus', () => {
  let cleanup: () => Promise<void>;
  afterEach(() => cleanup());

  it('tells status, the priority and its response target, last update, who has it, what next, and time against target — in English and Spanish', async () => {
    const t = await tempDir('status');
    cleanup = t.cleanup;
    // Monday 2026-11-23 00:00 UTC; asked Thursday 04:48 → 3.2 business days used.
    let clock = new Date('2026-11-23T00:00:00Z');
    const cases = await caseServiceAt(t.dir, () => clock);
    const c = await openAcmeCase(cases);
    clock = new Date('2026-11-24T09:30:00Z');
    const withAgent = await cases.assign(c.id, 'demo-agent');
    const now = new Date('2026-11-26T04:48:00Z');
    const en = describeCaseStatus(withAgent, 'en', now, testText());
    expect(en).to.equal(
      `${c.id} (incident, data) is with an agent. Priority P3: a person responds within 1 business day. ` +
        'Last update: 2026-11-24 09:30 UTC. Who has it: agent demo-agent. ' +
        'Next: The agent is working on it and will reply here. ' +
        'Time used: 3.2 of 9.3 business days (the typical time for this kind of case).',
    );
    const es = describeCaseStatus(withAgent, 'es', now, testText());
    expect(es).to.include('está con un agente');
    expect(es).to.include('el agente demo-agent');
    expect(es).to.include('3.2 de 9.3 días laborables');
    expect(es).to.include('Prioridad P3: una persona responde en 1 día laborable');
  });

  it('stops the clock at resolution', async () => {
    const t = await tempDir('status2');
    cleanup = t.cleanup;
    let clock = new Date('2026-11-23T00:00:00Z');
    const cases = await caseServiceAt(t.dir, () => clock);
    const c = await cases.open({
      organisation: ORGS.acme,
      contactUserId: 'demo-acme',
      lang: 'es',
      type: 'order',
      category: 'other',
      severity: 'question',
    });
    clock = new Date('2026-11-25T00:00:00Z');
    const resolved = await cases.resolve(c.id, 'demo-agent');
    const text = describeCaseStatus(resolved, 'es', new Date('2026-12-25T00:00:00Z'), testText());
    expect(text).to.include('2.0 de 12 días laborables');
    expect(text).to.include('resuelto');
  });

  it('has the same keys in both language files', () => {
    expect(Object.keys(loadCaseTexts('es')).sort()).to.deep.equal(Object.keys(loadCaseTexts('en')).sort());
  });
});
