import { expect } from 'chai';
import { businessDaysBetween, roundDays } from '../../bot/cases/businessDays.js';

const d = (iso: string): Date => new Date(iso);

describe('businessDaysBetween', () => {
  it('counts whole weekdays', () => {
    // 2026-11-23 is a Monday.
    expect(businessDaysBetween(d('2026-11-23T00:00:00Z'), d('2026-11-28T00:00:00Z'))).to.equal(5);
  });
  it('skips the weekend', () => {
    expect(businessDaysBetween(d('2026-11-27T16:00:00Z'), d('2026-11-30T08:00:00Z'))).to.be.closeTo(
      16 / 24,
      1e-9,
    );
    expect(businessDaysBetween(d('2026-11-28T10:00:00Z'), d('2026-11-29T22:00:00Z'))).to.equal(0);
  });
  it('spans weeks and fractions', () => {
    expect(businessDaysBetween(d('2026-11-23T12:00:00Z'), d('2026-12-07T12:00:00Z'))).to.equal(10);
    expect(roundDays(businessDaysBetween(d('2026-11-23T00:00:00Z'), d('2026-11-26T04:48:00Z')))).to.equal(
      3.2,
    );
  });
  it('is zero when the end is not after the start', () => {
    expect(businessDaysBetween(d('2026-11-25T00:00:00Z'), d('2026-11-24T00:00:00Z'))).to.equal(0);
  });
});
