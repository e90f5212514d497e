import type { Facts } from '../domain/facts.js';
import type { Finding } from '../domain/findings.js';
import type { Lang } from '../domain/language.js';
import { makeFinding, type TextFn } from './findingText.js';

/** Registration states in which a device cannot have the data session the platform may show. */
const DEVICE_DOWN = ['not_registered', 'searching', 'denied', 'unknown'];

/**
 * Where the customer's modem output and the live platform disagree — the device says it is not on the network
 * while the platform sees a data session, or the device is registered on a SIM the platform shows inactive —
 * said plainly, with the question that settles it (when was the output taken? is it this SIM?). Pure: facts
 * in (modem.* from the evidence, session/sim from the look-up), findings out; none when they agree or one
 * side is unknown.
 */
export function evidenceConflicts(facts: Facts, text: TextFn, languages: readonly Lang[]): Finding[] {
  const evidence = typeof facts['modem.evidence'] === 'string' ? facts['modem.evidence'] : '';
  if (!evidence) return [];
  const registration = facts['modem.registration'];
  const deviceDown =
    (typeof registration === 'string' && DEVICE_DOWN.includes(registration)) ||
    facts['modem.attached'] === false ||
    facts['modem.signal'] === 'unknown';
  const deviceUp = facts['modem.registered'] === true || facts['modem.attached'] === true;
  if (facts['session.active'] === true && deviceDown) {
    const ip = typeof facts['session.ip'] === 'string' ? facts['session.ip'] : '—';
    return [
      makeFinding(text, languages, 'EVIDENCE_PLATFORM_CONFLICT', 'warning', {
        vars: (lang) => ({ evidence, platform: text(lang, 'evidence.platform.session', { ip }) }),
        details: { evidence, platform: 'session_active' },
      }),
    ];
  }
  if (facts['sim.active'] === false && deviceUp) {
    const status = typeof facts['sim.status'] === 'string' ? facts['sim.status'] : 'inactive';
    return [
      makeFinding(text, languages, 'EVIDENCE_PLATFORM_CONFLICT', 'warning', {
        vars: (lang) => ({ evidence, platform: text(lang, 'evidence.platform.inactive', { status }) }),
        details: { evidence, platform: 'sim_inactive' },
      }),
    ];
  }
  return [];
}
