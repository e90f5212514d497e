import { expect } from 'chai';
import { shouldHandOff } from '../../bot/handoff/triggers.js';

describe('shouldHandOff', () => {
  it('hands off when the customer asks for a person', () => {
    expect(shouldHandOff({ askedForPerson: true })).to.equal('customer_request');
  });
  it('hands a VIP incident off only once the essentials are collected', () => {
    expect(shouldHandOff({ isVip: true, caseType: 'incident', essentialsCollected: false })).to.equal(null);
    expect(shouldHandOff({ isVip: true, caseType: 'incident', essentialsCollected: true })).to.equal(
      'vip_incident',
    );
    expect(shouldHandOff({ isVip: true, caseType: 'order', essentialsCollected: true })).to.equal(null);
    expect(shouldHandOff({ isVip: false, caseType: 'incident', essentialsCollected: true })).to.equal(null);
  });
  it('hands off an unresolved flow, two misunderstandings, or circles (3 visits of a node)', () => {
    expect(shouldHandOff({ flowEndedUnresolved: true })).to.equal('flow_unresolved');
    expect(shouldHandOff({ failedUnderstandings: 1 })).to.equal(null);
    expect(shouldHandOff({ failedUnderstandings: 2 })).to.equal('not_understood');
    expect(shouldHandOff({ nodeVisits: { apn: 2, sim: 1 } })).to.equal(null);
    expect(shouldHandOff({ nodeVisits: { apn: 3 } })).to.equal('going_in_circles');
  });
  it('hands off when live checks are unavailable only on P1/P2', () => {
    expect(shouldHandOff({ liveChecksUnavailable: true, priority: 'P1' })).to.equal(
      'live_checks_unavailable',
    );
    expect(shouldHandOff({ liveChecksUnavailable: true, priority: 'P2' })).to.equal(
      'live_checks_unavailable',
    );
    expect(shouldHandOff({ liveChecksUnavailable: true, priority: 'P3' })).to.equal(null);
  });
  it('never takes "back to the bot" as a request for a person', () => {
    expect(shouldHandOff({ askedForPerson: true, backToBot: true })).to.equal(null);
  });
  it('hands an urgent VIP incident off at once, before the essentials', () => {
    expect(shouldHandOff({ isVip: true, caseType: 'incident', urgent: true })).to.equal('vip_incident');
    expect(shouldHandOff({ isVip: false, caseType: 'incident', urgent: true })).to.equal(null);
  });
  it('hands off SIMs with several different causes', () => {
    expect(shouldHandOff({ severalCauses: true })).to.equal('flow_unresolved');
  });
  it('lets the bot carry on otherwise', () => {
    expect(shouldHandOff({})).to.equal(null);
  });
});
