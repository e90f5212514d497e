import type { CaseOrganisation } from '../cases/caseService.js';
import type { Identity } from '../directory/identity.js';

/** Cases of people not (yet) in the directory: a person still triages them, nobody else sees them. */
export const UNIDENTIFIED_ORGANISATION: CaseOrganisation = {
  id: 'unidentified',
  name: 'Unidentified contact',
  vip: false,
  useCase: 'other',
  criticality: 'standard',
};

/** The organisation a case opened by this person belongs to. */
export function caseOrganisationOf(identity: Identity): CaseOrganisation {
  return identity.kind === 'customer' ? identity.organisation : UNIDENTIFIED_ORGANISATION;
}

/** The directory user id of whoever is speaking. */
export function userIdOf(identity: Identity): string {
  return identity.kind === 'anonymous' ? identity.userId : identity.user.id;
}
