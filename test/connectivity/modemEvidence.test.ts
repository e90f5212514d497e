import { expect } from 'chai';
import {
  interpretModemEvidence,
  KNOWN_MODEM_CODES,
  signalBand,
} from '../../bot/connectivity/modemEvidence.js';
import { evidenceConflicts } from '../../bot/connectivity/evidenceConflicts.js';
import type { ModemEvidence } from '../../bot/nlu/types.js';
import { fileTexts, SHIPPED_LANGUAGES } from './helpers.js';

describe('modem evidence', () => {
  const text = fileTexts();
  const run = (...evidence: ModemEvidence[]) => interpretModemEvidence(evidence, text, SHIPPED_LANGUAGES);
  const codes = (r: { findings: Array<{ code: string }> }) => r.findings.map((f) => f.code);
  const creg = (stat: number, command: 'CREG' | 'CGREG' | 'CEREG' = 'CEREG'): ModemEvidence => ({
    kind: 'creg',
    command,
    n: 0,
    stat,
    raw: `+${command}: 0,${stat}`,
  });

  it('registration stat codes', () => {
    const expected: Array<[number, string, string, boolean]> = [
      [0, 'MODEM_NOT_REGISTERED', 'not_registered', false],
      [1, 'MODEM_REGISTERED_HOME', 'home', true],
      [2, 'MODEM_SEARCHING', 'searching', false],
      [3, 'MODEM_REGISTRATION_DENIED', 'denied', false],
      [4, 'MODEM_NOT_REGISTERED', 'unknown', false],
      [5, 'MODEM_REGISTERED_ROAMING', 'roaming', true],
    ];
    for (const [stat, code, registration, registered] of expected) {
      const r = run(creg(stat));
      expect(codes(r), `stat ${stat}`).to.deep.equal([code]);
      expect(r.facts).to.include({ 'modem.registration': registration, 'modem.registered': registered });
    }
    expect(run(creg(3)).findings[0]?.explanation.en)
      .to.contain('+CEREG')
      .and.contain('denied');
  });

  it('a registered radio wins when commands disagree', () => {
    const r = run(creg(0, 'CREG'), creg(5, 'CEREG'));
    expect(r.facts['modem.registration']).to.equal('roaming');
  });

  it('+CSQ bands', () => {
    expect([0, 9, 10, 14, 15, 19, 20, 31, 99].map(signalBand)).to.deep.equal([
      'poor',
      'poor',
      'fair',
      'fair',
      'good',
      'good',
      'excellent',
      'excellent',
      'unknown',
    ]);
    const poor = run({ kind: 'csq', rssi: 7, ber: 99, raw: '+CSQ: 7,99' });
    expect(codes(poor)).to.deep.equal(['MODEM_SIGNAL_POOR']);
    expect(poor.facts['modem.signal']).to.equal('poor');
    const good = run({ kind: 'csq', rssi: 17, ber: 0, raw: '+CSQ: 17,0' });
    expect(good.findings[0]?.explanation.es).to.contain('buena');
    // 99 is not "fine": the modem measures nothing — said in plain words, with what to check.
    const unknown = run({ kind: 'csq', rssi: 99, ber: 99, raw: '+CSQ: 99,99' });
    expect(codes(unknown)).to.deep.equal(['MODEM_SIGNAL_UNKNOWN']);
    expect(unknown.findings[0]?.explanation.en).to.contain('no signal');
    expect(unknown.findings[0]?.explanation.es).to.contain('ninguna señal');
  });

  it('+CSCA: no SMS centre set is critical and says how to set it; a number set is shown', () => {
    const empty = run({ kind: 'csca', smsc: '', raw: '+CSCA: "",129' });
    expect(codes(empty)).to.deep.equal(['MODEM_SMSC_EMPTY']);
    expect(empty.facts['modem.smscSet']).to.equal(false);
    expect(empty.findings[0]?.nextStep.en).to.contain('AT+CSCA="').and.not.to.contain('AT+CSCA?');
    const set = run({ kind: 'csca', smsc: '+46708000000', raw: '+CSCA: "+46708000000",145' });
    expect(codes(set)).to.deep.equal(['MODEM_SMSC_SET']);
    expect(set.findings[0]?.explanation.es).to.contain('+46708000000');
  });

  it('+CGATT: 0 with the registration pasted beside it never asks for AT+CEREG? again', () => {
    const cgatt0: ModemEvidence = { kind: 'cgatt', state: 0, raw: '+CGATT: 0' };
    const alone = run(cgatt0).findings.find((f) => f.code === 'MODEM_NOT_ATTACHED');
    expect(alone?.nextStep.en).to.contain('AT+CEREG?');
    for (const [stat, says] of [
      [3, 'denying the registration'],
      [2, 'not registered yet'],
      [1, 'the modem is registered'],
    ] as const) {
      const found = run(creg(stat), cgatt0).findings.find((f) => f.code === 'MODEM_NOT_ATTACHED');
      expect(found?.nextStep.en).to.contain(says).and.not.to.contain('AT+CEREG?');
      expect(found?.nextStep.es).not.to.contain('AT+CEREG?');
    }
  });

  it('+CGATT, +CGDCONT and +CPIN in plain words, with the facts the flow skips questions on', () => {
    const detached = run({ kind: 'cgatt', state: 0, raw: '+CGATT: 0' });
    expect(codes(detached)).to.deep.equal(['MODEM_NOT_ATTACHED']);
    expect(detached.facts['modem.attached']).to.equal(false);
    expect(detached.findings[0]?.explanation.en).to.contain('not attached to packet data');
    const context = run({
      kind: 'cgdcont',
      cid: 1,
      pdpType: 'IP',
      apn: 'internet',
      raw: '+CGDCONT: 1,"IP","internet"',
    });
    expect(codes(context)).to.deep.equal(['MODEM_APN_SET']);
    // The APN on the device is known: the APN check compares it instead of asking for it.
    expect(context.facts['apn.device']).to.equal('internet');
    expect(context.findings[0]?.explanation.es).to.contain('`internet`');
    const pin = run({ kind: 'cpin', status: 'SIM PIN', raw: '+CPIN: SIM PIN' });
    expect(codes(pin)).to.deep.equal(['MODEM_SIM_PIN_REQUIRED']);
    expect(pin.facts['modem.simReady']).to.equal(false);
    expect(run({ kind: 'cpin', status: 'READY', raw: '+CPIN: READY' }).facts['modem.simReady']).to.equal(
      true,
    );
  });

  it('says where the device output and the live platform disagree, and when they agree says nothing', () => {
    const denied = run(creg(3)).facts;
    const online = { 'session.active': true, 'session.ip': '10.20.0.19', 'sim.active': true };
    const conflict = evidenceConflicts({ ...denied, ...online }, text, SHIPPED_LANGUAGES);
    expect(conflict.map((f) => f.code)).to.deep.equal(['EVIDENCE_PLATFORM_CONFLICT']);
    expect(conflict[0]?.explanation.en).to.contain('+CEREG: 0,3').and.contain('10.20.0.19');
    expect(conflict[0]?.nextStep.en).to.contain('When was that output taken?');
    expect(conflict[0]?.explanation.es).to.contain('no coinciden');
    const registered = run(creg(1)).facts;
    expect(evidenceConflicts({ ...registered, ...online }, text, SHIPPED_LANGUAGES)).to.deep.equal([]);
    const inactive = evidenceConflicts(
      { ...registered, 'sim.active': false, 'sim.status': 'inactive' },
      text,
      SHIPPED_LANGUAGES,
    );
    expect(inactive[0]?.explanation.en).to.contain('inactive');
    expect(evidenceConflicts(online, text, SHIPPED_LANGUAGES)).to.deep.equal([]);
  });

  it('+CME ERROR codes', () => {
    const cme = (code: number) => run({ kind: 'cme', code, raw: `+CME ERROR: ${code}` });
    expect(codes(cme(10))).to.deep.equal(['MODEM_SIM_NOT_INSERTED']);
    expect(codes(cme(11))).to.deep.equal(['MODEM_SIM_PIN_REQUIRED']);
    expect(codes(cme(13))).to.deep.equal(['MODEM_SIM_FAILURE']);
    expect(cme(10).facts).to.include({ 'modem.simReady': false, 'modem.cmeError': 10 });
    const other = cme(30);
    expect(codes(other)).to.deep.equal(['MODEM_CME_ERROR']);
    expect(other.facts['modem.simReady']).to.equal(true);
    expect(other.findings[0]?.explanation.en).to.contain('no network service');
    expect(cme(777).findings[0]?.explanation.en).to.contain('777');
  });

  it('+CMS ERROR codes', () => {
    const r = run({ kind: 'cms', code: 330, raw: '+CMS ERROR: 330' });
    expect(codes(r)).to.deep.equal(['MODEM_SMS_ERROR']);
    expect(r.facts['modem.cmsError']).to.equal(330);
    expect(r.findings[0]?.explanation.en).to.contain('SMSC address unknown');
    expect(run({ kind: 'cms', code: 500, raw: '' }).findings[0]?.explanation.es).to.contain(
      'error desconocido',
    );
    expect(run({ kind: 'cms', code: 38, raw: '' }).findings[0]?.explanation.en).to.contain(
      'network out of order',
    );
    expect(run({ kind: 'cms', code: 69, raw: '' }).findings[0]?.explanation.en).to.contain('not implemented');
  });

  it('+CMS ERROR advice fits the code: 330 asks for the SMS centre number, not text mode', () => {
    const smsc = run({ kind: 'cms', code: 330, raw: '+CMS ERROR: 330' }).findings[0];
    expect(smsc?.nextStep.en).to.contain('AT+CSCA="');
    expect(smsc?.nextStep.en).not.to.contain('AT+CMGF');
    expect(smsc?.nextStep.es).to.contain('AT+CSCA="');
    const unknownCode = run({ kind: 'cms', code: 999, raw: '' }).findings[0];
    expect(unknownCode?.nextStep.en).to.contain('AT+CSCA?');
  });

  it('ESM/PDP causes with cause-specific advice', () => {
    const meanings: Record<number, string> = {
      8: 'operator-determined barring',
      26: 'insufficient resources',
      27: 'missing or unknown APN',
      29: 'user authentication failed',
      30: 'rejected by the gateway',
      31: 'unspecified',
      32: 'service option not supported',
      33: 'requested service option not subscribed',
    };
    for (const [code, meaning] of Object.entries(meanings)) {
      const r = run({ kind: 'pdp_cause', code: Number(code), raw: `cause ${code}` });
      expect(codes(r)).to.deep.equal(['MODEM_PDP_REJECTED']);
      expect(r.facts['modem.pdpCause']).to.equal(Number(code));
      expect(r.findings[0]?.explanation.en).to.contain(meaning);
    }
    expect(run({ kind: 'pdp_cause', code: 27, raw: '' }).findings[0]?.nextStep.en).to.contain('AT+CGDCONT');
  });

  it('NO CARRIER on a CSD call', () => {
    const r = run({ kind: 'no_carrier', raw: 'NO CARRIER' });
    expect(codes(r)).to.deep.equal(['CSD_NO_CARRIER']);
    expect(r.facts).to.include({ 'modem.noCarrier': true, 'finding.CSD_NO_CARRIER': true });
    expect(r.findings[0]?.nextStep.en).to.contain('AT+CBST=7,0,1');
  });

  it('nothing pasted → nothing concluded', () => {
    expect(run()).to.deep.equal({ findings: [], facts: {} });
  });

  it('every code with its own text has it in both languages', () => {
    for (const [table, list] of Object.entries(KNOWN_MODEM_CODES)) {
      for (const code of [...list, 'other']) {
        for (const lang of ['en', 'es'] as const)
          expect(() => text(lang, `modem.${table}.${code}`)).not.to.throw();
      }
    }
  });
});
