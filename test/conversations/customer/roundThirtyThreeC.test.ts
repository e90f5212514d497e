import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

const SIM = (digits: string): string => `89460700000000000${digits}`;

/**
 * Issue 12, thirty-third round (helper C) — fleet, VIP and several-SIM messages of blind sets 110–115: a SIM taken
 * back and then mentioned as the reason.
 */
describe('customer conversations: round thirty-three (C)', function () {
  const { play } = useCustomerRound(this);

  // A SIM taken back, then mentioned again as the reason the correction stands: only the SIM meant.
  for (const [lang, text] of [
    ['en', "yo 0043 dead again. wait no, 0035 - 0043's the one we had topped up lol"],
    ['en', 'hey 0043 is down again. no wait, 0035. 0043 was the one we topped up'],
    ['es', 'la 0043 no conecta. no, perdón, la 0035 - la 0043 es la que recargamos'],
    ['es', 'otra vez la 0043 sin conexión. uy no, espera, es la 0035; la 0043 ya la arreglamos'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" checks only the SIM meant`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => [c.sims, c.handoffDetail])).to.deep.equal([[[SIM('35')], 'sim_not_active']]);
    });
});
