import { z } from 'zod';
import type { Case } from '../cases/caseSchema.js';
import type { CaseService } from '../cases/caseService.js';
import type { CollectionSpec } from '../storage/collection.js';
import type { DocumentStoreOptions } from '../storage/documentStore.js';
import { lowdbRepository, type LowdbRepository, type Repository } from '../storage/repository.js';
import type { DeskAgentState } from './deskAgentState.js';

/**
 * How a queued case is being routed. An **offer** reserves the case for one available agent for a while (it is
 * announced in their console and their chat); until it lapses, `pick next` gives it to that agent and skips it
 * for everyone else (anyone may still pick it by its id). A declined or lapsed offer moves on to the next
 * available agent; once every available agent declined, the case waits in the queue for anyone.
 */
export const deskOfferSchema = z.object({
  /** The case id. */
  id: z.string().min(1),
  /** The agent the case is offered to now; absent = offered to nobody. */
  agentId: z.string().optional(),
  at: z.string().optional(),
  expiresAt: z.string().optional(),
  /** Agents who declined it, let it lapse, or gave it away: it is not offered to them again. */
  passed: z.array(z.string()).default([]),
  /** A team the case was transferred to: offered to its available members first. */
  teamId: z.string().optional(),
});
export type DeskOffer = z.infer<typeof deskOfferSchema>;

/** The `deskOffers` collection. */
export const DESK_OFFER_COLLECTION: CollectionSpec<DeskOffer> = {
  name: 'deskOffers',
  schema: deskOfferSchema,
};

/** The `deskOffers` repository on lowdb under `dir`; open it before use. */
export function deskOfferRepository(
  dir: string,
  options: DocumentStoreOptions = {},
): LowdbRepository<DeskOffer> {
  return lowdbRepository(DESK_OFFER_COLLECTION, dir, options);
}

/** Dependencies of {@link DeskOffers}. */
export interface DeskOffersOptions {
  repo: Repository<DeskOffer>;
  cases: CaseService;
  agentState: DeskAgentState;
  /** Members of a team (from the knowledge base), or undefined for an unknown team. */
  teamMembers: (teamId: string) => readonly string[] | undefined;
  /** Tell an agent a case is offered to them (their chat; the console learns it from the repository). */
  announce: (agentId: string, c: Case, seconds: number) => Promise<void>;
  now: () => Date;
  /** How long an offer holds; default 60 s. */
  offerMs?: number;
}

/** Offers of queued cases to available agents (see {@link deskOfferSchema}). */
export class DeskOffers {
  private readonly offerMs: number;

  constructor(private readonly options: DeskOffersOptions) {
    this.offerMs = options.offerMs ?? 60_000;
  }

  /** The agent a case is offered to right now, if the offer has not lapsed. */
  offeredTo(caseId: string): string | undefined {
    const offer = this.options.repo.get(caseId);
    return offer?.agentId && !this.lapsed(offer) ? offer.agentId : undefined;
  }

  /** Cases offered to `agentId` right now. */
  offersFor(agentId: string): string[] {
    return this.options.repo
      .list((o) => o.agentId === agentId && !this.lapsed(o))
      .map((o) => o.id)
      .filter((id) => this.options.cases.get(id)?.status === 'queued');
  }

  /**
   * The case `pick next` gives `agentId`: one offered to them, else the first in the queue not offered to someone
   * else. Undefined when the queue is empty or holds only cases offered to others.
   */
  nextFor(agentId: string, queue: readonly Case[]): Case | undefined {
    return (
      queue.find((c) => this.offeredTo(c.id) === agentId) ??
      queue.find((c) => {
        const to = this.offeredTo(c.id);
        return to === undefined || to === agentId;
      })
    );
  }

  /** Route a queued case to a team: its available members are offered it first. */
  async routeToTeam(caseId: string, teamId: string, passedBy?: string): Promise<void> {
    await this.options.repo.update(caseId, (current) => ({
      passed: [...new Set([...(current?.passed ?? []), ...(passedBy ? [passedBy] : [])])],
      id: caseId,
      teamId,
    }));
  }

  /** The case was given back to the queue by `agentId`: do not offer it to them again. */
  async passedBy(caseId: string, agentId: string): Promise<void> {
    await this.options.repo.update(caseId, (current) => ({
      ...(current ?? { id: caseId }),
      passed: [...new Set([...(current?.passed ?? []), agentId])],
    }));
  }

  /** Offer a queued case to the next available agent (none left: it waits for anyone). */
  async offer(caseId: string): Promise<string | undefined> {
    const c = this.options.cases.get(caseId);
    if (c?.status !== 'queued' || c.handoffChannel === 'contact_centre') {
      await this.clear(caseId);
      return undefined;
    }
    const current = this.options.repo.get(caseId);
    const agentId = this.candidate(current);
    const at = this.options.now();
    const next: DeskOffer = {
      id: caseId,
      passed: current?.passed ?? [],
      ...(current?.teamId ? { teamId: current.teamId } : {}),
      ...(agentId
        ? { agentId, at: at.toISOString(), expiresAt: new Date(at.getTime() + this.offerMs).toISOString() }
        : {}),
    };
    await this.options.repo.put(next);
    if (agentId) await this.options.announce(agentId, c, Math.round(this.offerMs / 1000));
    return agentId;
  }

  /** `agentId` declines the case offered to them: offered to the next one. */
  async decline(agentId: string, caseId: string): Promise<boolean> {
    const current = this.options.repo.get(caseId);
    if (current?.agentId !== agentId) return false;
    await this.options.repo.put({
      id: caseId,
      passed: [...new Set([...current.passed, agentId])],
      ...(current.teamId ? { teamId: current.teamId } : {}),
    });
    await this.offer(caseId);
    return true;
  }

  /** The agent went away: the cases offered to them move on to the next available agent. */
  async withdraw(agentId: string): Promise<void> {
    for (const caseId of this.offersFor(agentId)) await this.decline(agentId, caseId);
  }

  /** The case left the queue (picked, back to the bot): forget its routing. */
  async clear(caseId: string): Promise<void> {
    if (this.options.repo.get(caseId)) await this.options.repo.remove(caseId);
  }

  /**
   * One round of routing: lapsed offers move on (the agent who let it lapse is passed), queued cases offered to
   * nobody are offered when someone became available, and routing of cases no longer queued is forgotten.
   */
  async sweep(queue: readonly Case[]): Promise<void> {
    const queued = new Set(queue.map((c) => c.id));
    for (const offer of this.options.repo.list()) {
      if (!queued.has(offer.id)) await this.clear(offer.id);
    }
    for (const c of queue) {
      const offer = this.options.repo.get(c.id);
      if (offer?.agentId && this.lapsed(offer)) {
        await this.options.repo.put({
          id: c.id,
          passed: [...new Set([...offer.passed, offer.agentId])],
          ...(offer.teamId ? { teamId: offer.teamId } : {}),
        });
        await this.offer(c.id);
      } else if (!offer?.agentId && this.candidate(offer)) {
        await this.offer(c.id);
      }
    }
  }

  /**
   * Who gets the case next: an available agent who has not passed on it — a member of its team when one of them
   * is available — holding the fewest cases, then with the fewest offers pending.
   */
  private candidate(offer: DeskOffer | undefined): string | undefined {
    const passed = new Set(offer?.passed ?? []);
    const open = this.options.agentState
      .all()
      .filter((a) => a.availability === 'available' && !passed.has(a.id));
    const members = offer?.teamId ? this.options.teamMembers(offer.teamId) : undefined;
    const team = members ? open.filter((a) => members.includes(a.id)) : [];
    const pool = team.length > 0 ? team : open;
    const load = (agentId: string): [number, number] => [
      this.options.agentState.held(agentId).length,
      this.offersFor(agentId).length,
    ];
    return pool
      .map((a) => ({ id: a.id, load: load(a.id) }))
      .sort((a, b) => a.load[0] - b.load[0] || a.load[1] - b.load[1] || a.id.localeCompare(b.id))[0]?.id;
  }

  private lapsed(offer: DeskOffer): boolean {
    return offer.expiresAt !== undefined && offer.expiresAt <= this.options.now().toISOString();
  }
}
