import { expect } from 'chai';
import {
  computePriority,
  describePriority,
  describePriorityIn,
  fleetPoints,
  levelFor,
  type PriorityInput,
} from '../../bot/cases/priority.js';
import { CASE_CATEGORIES, SEVERITIES, type Severity } from '../../bot/cases/caseSchema.js';
import { ORGS, testText } from './fixtures.js';

const text = testText();
const from = (
  org: (typeof ORGS)[keyof typeof ORGS],
  rest: Omit<PriorityInput, 'vip' | 'criticality' | 'useCase'>,
) => ({
  vip: org.vip,
  criticality: org.criticality,
  useCase: org.useCase,
  ...rest,
});

describe('priority', () => {
  it('puts Nordlys (VIP, critical metering) with no data on one SIM at P1, with the reasons in words', () => {
    const p = computePriority(
      from(ORGS.nordlys, { severity: 'outage', category: 'data', affectedCount: 1 }),
      'en',
      text,
    );
    expect(p.level).to.equal('P1');
    expect(describePriority(p)).to.equal('P1 — VIP, 1 SIM without data, smart metering');
    expect(p.reasons.map((r) => r.code)).to.deep.equal(['vip', 'impact_outage', 'use_case_critical']);
  });

  it('words a large fleet like the operations team does, in English and Spanish', () => {
    const input = from(ORGS.nordlys, { severity: 'outage', category: 'data', affectedCount: 2000 });
    expect(describePriority(computePriority(input, 'en', text))).to.equal(
      'P1 — VIP, ~2000 SIMs without data, smart metering',
    );
    expect(describePriority(computePriority(input, 'es', text))).to.equal(
      'P1 — VIP, ~2000 SIM sin datos, smart metering',
    );
  });

  it('ranks the consumer cottage router below ANY Acme incident, whatever the severity, size or wait', () => {
    const consumerScores = SEVERITIES.flatMap((severity) =>
      [1, 5, 50, 500].flatMap((affectedCount) =>
        [0, 3, 30].map(
          (waitingDays) =>
            computePriority(
              from(ORGS.consumer, { severity, category: 'data', affectedCount, waitingDays }),
              'en',
              text,
            ).score,
        ),
      ),
    );
    const acmeScores = SEVERITIES.flatMap((severity) =>
      CASE_CATEGORIES.map(
        (category) =>
          computePriority(from(ORGS.acme, { severity, category, affectedCount: 1 }), 'en', text).score,
      ),
    );
    expect(Math.max(...consumerScores)).to.be.lessThan(Math.min(...acmeScores));
  });

  it('orders by severity, then fleet size, and VIP lifts a case', () => {
    const score = (over: Partial<PriorityInput>): number =>
      computePriority(
        { ...from(ORGS.acme, { severity: 'degraded', category: 'data', affectedCount: 1 }), ...over },
        'en',
        text,
      ).score;
    expect(score({ severity: 'outage' })).to.be.greaterThan(score({ severity: 'degraded' }));
    expect(score({ severity: 'degraded' })).to.be.greaterThan(score({ severity: 'question' }));
    expect(score({ affectedCount: 10 })).to.be.greaterThan(score({ affectedCount: 9 }));
    expect(score({ affectedCount: 100 })).to.be.greaterThan(score({ affectedCount: 10 }));
    expect(score({ affectedCount: 1000 })).to.be.greaterThan(score({ affectedCount: 100 }));
    expect(score({ vip: true })).to.be.greaterThan(score({}));
    expect(score({ waitingDays: 2 })).to.be.greaterThan(score({}));
    expect(score({ criticality: 'critical' })).to.be.greaterThan(score({ criticality: 'high' }));
  });

  it('puts a business fleet of a thousand SIMs or more without service at P1, degraded at P2', () => {
    const level = (severity: Severity, affectedCount: number): string =>
      computePriority(from(ORGS.acme, { severity, category: 'data', affectedCount }), 'en', text).level;
    expect([level('outage', 3000), level('outage', 999), level('degraded', 3000)]).to.deep.equal([
      'P1',
      'P2',
      'P2',
    ]);
  });

  it('maps scores to levels and fleet sizes to points at the documented thresholds', () => {
    expect([
      levelFor(100),
      levelFor(75),
      levelFor(74.9),
      levelFor(55),
      levelFor(30),
      levelFor(29),
    ]).to.deep.equal(['P1', 'P1', 'P2', 'P2', 'P3', 'P4']);
    expect([1, 9, 10, 99, 100, 999, 1000].map(fleetPoints)).to.deep.equal([0, 0, 10, 10, 20, 20, 35]);
  });

  it('explains waiting and low criticality in words', () => {
    const p = computePriority(
      from(ORGS.consumer, { severity: 'degraded', category: 'data', affectedCount: 1, waitingDays: 1.5 }),
      'es',
      text,
    );
    expect(p.level).to.equal('P4');
    expect(describePriority(p)).to.equal(
      'P4 — 1 SIM con datos degradado, holiday cottage router (criticidad baja), esperando 1.5 días laborables',
    );
  });

  it('says "1 business day" for exactly one day of waiting', () => {
    const input = from(ORGS.acme, {
      severity: 'degraded',
      category: 'sms',
      affectedCount: 3,
      waitingDays: 1,
    });
    expect(computePriority(input, 'en', text).reasons.at(-1)?.text).to.equal('waiting 1 business day');
    expect(computePriority(input, 'es', text).reasons.at(-1)?.text).to.equal('esperando 1 día laborable');
  });

  it("re-words a case's stored reasons in another language for an agent", () => {
    const facts = {
      priorityInputs: { vip: true, criticality: 'critical' as const, useCase: 'smart_metering' },
      category: 'voice' as const,
      affectedCount: 1,
    };
    const priority = computePriority(
      { ...facts.priorityInputs, severity: 'outage', category: 'voice', affectedCount: 1, waitingDays: 2 },
      'es',
      text,
    );
    const c = { ...facts, lang: 'es' as const, priority };
    expect(describePriorityIn(c, 'es', text)).to.equal(describePriority(priority));
    expect(describePriority(priority)).to.contain('sin voz');
    expect(describePriorityIn(c, 'en', text)).to.equal(
      `${priority.level} — VIP, 1 SIM without voice, smart metering, waiting 2 business days`,
    );
  });
});
