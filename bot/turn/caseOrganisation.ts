import { TurnContext } from 'botbuilder';
import type { StoredReference } from '../cases/caseSchema.js';
import type { CaseOrganisation } from '../cases/caseService.js';
import type { CaseRequest } from '../cases/openOrContinue.js';
import type { Identity } from '../directory/identity.js';
import type { Lang } from '../domain/language.js';
import { identityOf } from './turnKeys.js';

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

/** The parts of a case request every conversation fills the same way: who, where, in which language. */
export function caseRequestOf(
  context: TurnContext,
  lang: Lang,
): Pick<CaseRequest, 'organisation' | 'contactUserId' | 'lang' | 'conversation' | 'conversationId' | 'by'> {
  const identity = identityOf(context);
  return {
    organisation: caseOrganisationOf(identity),
    contactUserId: userIdOf(identity),
    lang,
    conversation: TurnContext.getConversationReference(context.activity) as StoredReference,
    conversationId: context.activity.conversation.id,
    by: userIdOf(identity),
  };
}
