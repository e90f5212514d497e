import type { Lang } from '../domain/language.js';
import type { StoredReference } from '../cases/caseSchema.js';
import type { SimRecord } from '../connectivity/simRecord.js';
import { conversationKey, type KnownConversation } from '../turn/knownConversations.js';
import type { IncidentScope } from './incidentSchema.js';

/** A conversation an incident notice goes to. */
export interface NoticeTarget {
  conversationKey: string;
  organisationId: string;
  lang: Lang;
  reference: StoredReference;
}

/** Where the audience of an incident is read from; built in bot/index.ts. */
export interface AudienceSources {
  /** SIMs whose last country / partner operator the scope names (the inventory). */
  sims: (filter: (sim: SimRecord) => boolean) => SimRecord[];
  /** Every organisation id of the directory (for `scope.all`). */
  organisationIds: () => string[];
  /** The stored conversations of an organisation (written when its people write to the bot). */
  conversations: (organisationId: string) => KnownConversation[];
  /** Conversations of its cases, with the case's language (cases opened before references were kept). */
  caseConversations: (organisationId: string) => Array<{ reference: StoredReference; lang: Lang }>;
}

/** The organisations an incident scope affects, sorted. */
export function affectedOrganisations(scope: IncidentScope, sources: AudienceSources): string[] {
  if (scope.all) return [...sources.organisationIds()].sort();
  const ids = new Set(scope.organisationIds);
  if (scope.countries.length || scope.operators.length) {
    const countries = new Set(scope.countries);
    const operators = new Set(scope.operators.map((o) => o.toLowerCase()));
    const hit = (sim: SimRecord): boolean =>
      (!countries.size || (sim.lastCountry !== null && countries.has(sim.lastCountry))) &&
      (!operators.size || (sim.lastOperator !== null && operators.has(sim.lastOperator.toLowerCase())));
    for (const sim of sources.sims(hit)) ids.add(sim.organisationId);
  }
  return [...ids].sort();
}

/**
 * Every known conversation of the organisations, once each: the stored references first (they carry the
 * conversation's current language), then conversations known only from cases.
 */
export function noticeTargets(organisationIds: readonly string[], sources: AudienceSources): NoticeTarget[] {
  const targets = new Map<string, NoticeTarget>();
  for (const organisationId of organisationIds) {
    for (const known of sources.conversations(organisationId)) {
      targets.set(known.id, {
        conversationKey: known.id,
        organisationId,
        lang: known.lang,
        reference: known.reference,
      });
    }
    for (const { reference: stored, lang } of sources.caseConversations(organisationId)) {
      // A notice is a new message, not a reply to the activity the case was opened from.
      const { activityId: _activityId, ...reference } = stored;
      const id = reference.conversation?.id;
      if (!id || !reference.serviceUrl) continue;
      const key = conversationKey(reference.channelId, id);
      if (!targets.has(key)) targets.set(key, { conversationKey: key, organisationId, lang, reference });
    }
  }
  return [...targets.values()].sort((a, b) => a.conversationKey.localeCompare(b.conversationKey));
}
