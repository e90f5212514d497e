import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Repository } from '../storage/repository.js';
import type { Identity } from './identity.js';
import { directorySeedSchema, type DirectoryUser, type Organisation } from './schemas.js';

/**
 * The customer directory: organisations, their users and the agents. It decides who is speaking;
 * a customer may only see SIMs and cases of their own organisation.
 */
export class Directory {
  constructor(
    private readonly organisations: Repository<Organisation>,
    private readonly users: Repository<DirectoryUser, 'aadObjectId'>,
    private readonly logger: Logger,
  ) {}

  /**
   * Identify a channel account. Teams: the `aadObjectId` is matched first (Teams gives each bot a
   * different user id for the same person), then the channel user id. A user whose organisation
   * is missing is treated as anonymous: no SIM look-up on a dangling reference.
   */
  identify(from: { id: string; aadObjectId?: string }): Identity {
    const user =
      (from.aadObjectId ? this.users.findBy('aadObjectId', from.aadObjectId)[0] : undefined) ??
      this.users.get(from.id);
    if (!user) return { kind: 'anonymous', userId: from.id };
    if (user.role === 'agent') return { kind: 'agent', user };
    const organisation = user.organisationId ? this.organisations.get(user.organisationId) : undefined;
    if (!organisation) {
      this.logger.warn(
        { userId: user.id, organisationId: user.organisationId },
        'directory user without organisation',
      );
      return { kind: 'anonymous', userId: from.id };
    }
    return { kind: 'customer', user, organisation };
  }

  /** The organisation with this id, or undefined. */
  organisation(id: string): Organisation | undefined {
    return this.organisations.get(id);
  }

  /** Every organisation in the directory. */
  allOrganisations(): Organisation[] {
    return this.organisations.list();
  }

  /** Every knowledge editor in the directory. */
  editors(): DirectoryUser[] {
    return this.users.list((u) => u.role === 'editor');
  }

  /** Every agent in the directory. */
  agents(): DirectoryUser[] {
    return this.users.list((u) => u.role === 'agent');
  }

  /**
   * Load the demo directory when both collections are empty (first start); never overwrites.
   * Returns how many records were written. Throws, naming the file, on invalid content.
   */
  async seedIfEmpty(seedFile: string): Promise<number> {
    if (this.organisations.size > 0 || this.users.size > 0) return 0;
    const parsed = directorySeedSchema.safeParse(JSON.parse(await readFile(seedFile, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `directory seed ${seedFile}: ${issue?.path.join('.') || '$'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    const orgIds = new Set(parsed.data.organisations.map((o) => o.id));
    for (const user of parsed.data.users) {
      if (user.organisationId && !orgIds.has(user.organisationId)) {
        throw new Error(
          `directory seed ${seedFile}: user ${user.id} names unknown organisation ${user.organisationId}`,
        );
      }
    }
    for (const org of parsed.data.organisations) await this.organisations.put(org);
    for (const user of parsed.data.users) await this.users.put(user);
    const count = parsed.data.organisations.length + parsed.data.users.length;
    this.logger.info({ count, seedFile }, 'directory seeded from demo data');
    return count;
  }
}
