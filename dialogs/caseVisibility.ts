import type { TurnContext } from 'botbuilder';
import { OPEN_STATUSES, type Case } from '../bot/cases/caseSchema.js';
import type { CaseService } from '../bot/cases/caseService.js';
import { userIdOf } from '../bot/turn/caseOrganisation.js';
import { identityOf } from '../bot/turn/turnKeys.js';

/**
 * One case by id, only when the speaker may see it: their organisation's — or, for someone outside the
 * directory, one they opened themselves. Else undefined, exactly like a wrong id.
 */
export function visibleCase(cases: CaseService, context: TurnContext, id: string): Case | undefined {
  const identity = identityOf(context);
  if (identity.kind === 'customer') return cases.getForOrganisation(identity.organisation.id, id);
  const found = cases.get(id);
  return found && found.contactUserId === userIdOf(identity) && found.organisationId === 'unidentified'
    ? found
    : undefined;
}

/** The cases the speaker may see: their organisation's, or — unidentified — the ones they opened. */
export function visibleCases(cases: CaseService, context: TurnContext): Case[] {
  const identity = identityOf(context);
  if (identity.kind === 'customer') return cases.forOrganisation(identity.organisation.id);
  const userId = userIdOf(identity);
  return cases.forContact(userId).filter((c) => c.organisationId === 'unidentified');
}

/** The open cases the speaker may see (indexed for an organisation: its closed history is not read). */
export function visibleOpenCases(cases: CaseService, context: TurnContext): Case[] {
  const identity = identityOf(context);
  if (identity.kind === 'customer') return cases.openCasesFor(identity.organisation.id);
  return visibleCases(cases, context).filter((c) => OPEN_STATUSES.includes(c.status));
}
