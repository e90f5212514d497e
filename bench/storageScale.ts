import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { caseSchema, type Case } from '../bot/cases/caseSchema.js';
import { DATA_LAYOUT } from '../bot/storage/dataDir.js';
import { parseEnvelope } from '../bot/storage/durableJsonFile.js';
import { LowdbStorage } from '../bot/storage/lowdbStorage.js';
import { LowdbRepository } from '../bot/storage/repository.js';

/** Real documents Firstline wrote during the throughput run, cloned to pre-load a data directory. */
export interface Templates {
  conversationKey: string;
  conversationState: Record<string, unknown>;
  caseRecord: Case;
}

/** The largest conversation-state document and the largest case of a data directory Firstline used. */
export async function readTemplates(dataDir: string): Promise<Templates> {
  const largest = async (dir: string, accept: (key: string) => boolean) => {
    let best: { key: string; data: unknown; size: number } | undefined;
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.json')) continue;
      const file = path.join(dir, name);
      const text = await readFile(file, 'utf8');
      const env = parseEnvelope<unknown>(file, text);
      if (accept(env.key) && (!best || text.length > best.size))
        best = { key: env.key, data: env.data, size: text.length };
    }
    if (!best) throw new Error(`bench: no template document in ${dir}`);
    return best;
  };
  const state = await largest(path.join(dataDir, DATA_LAYOUT.state), (key) =>
    key.includes('/conversations/'),
  );
  const record = await largest(path.join(dataDir, DATA_LAYOUT.records, 'cases'), () => true);
  return {
    conversationKey: state.key,
    conversationState: state.data as Record<string, unknown>,
    caseRecord: caseSchema.parse(record.data),
  };
}

const STATUSES = [
  'closed',
  'closed',
  'closed',
  'resolved',
  'resolved',
  'closed',
  'open',
  'waiting_customer',
  'closed',
  'closed',
] as const;

/**
 * Write conversations `from`..`to`-1 straight through the storage layer (`LowdbStorage` for the
 * conversation state, `Repository` for the case records, fsync off: this is set-up, not measured):
 * one conversation-state document and one case per index, spread over 1,000 organisations, 80 %
 * of the cases closed or resolved.
 */
export async function preload(
  dataDir: string,
  templates: Templates,
  from: number,
  to: number,
): Promise<void> {
  const storage = new LowdbStorage(path.join(dataDir, DATA_LAYOUT.state), { fsync: false, cacheSize: 16 });
  const cases = await new LowdbRepository<Case>(
    'cases',
    path.join(dataDir, DATA_LAYOUT.records, 'cases'),
    caseSchema,
    {
      fsync: false,
      cacheSize: 16,
    },
  ).open();
  const oldConversationId = templates.conversationKey.split('/')[2] ?? '';
  const write = async (i: number) => {
    const conversationId = `preload-${i}`;
    const key = templates.conversationKey.replace(oldConversationId, conversationId);
    await storage.write({ [key]: { ...templates.conversationState, eTag: '*' } });
    const c = templates.caseRecord;
    await cases.put({
      ...c,
      id: `CS-${1_000_000 + i}`,
      organisationId: `org-preload-${i % 1000}`,
      organisationName: `Preloaded customer ${i % 1000}`,
      contactUserId: `preload-user-${i}`,
      status: STATUSES[i % STATUSES.length]!,
      ...(c.conversation
        ? { conversation: { ...c.conversation, conversation: { id: conversationId } } }
        : {}),
    });
  };
  const parallel = 256;
  let next = from;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = next++; i < to; i = next++) await write(i);
    }),
  );
}
