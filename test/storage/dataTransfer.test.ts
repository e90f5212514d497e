import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { parseEnvelope } from '../../bot/storage/durableJsonFile.js';
import { apiJson, queuedCase } from '../helpers/cases.js';
import { allText, Conversation } from '../helpers/conversation.js';
import { startConnectorStub, type ConnectorStub } from '../helpers/connectorStub.js';
import { startTestServer } from '../helpers/server.js';
import { describeOn, dropDatabase, freshDatabase } from '../helpers/testStorage.js';

const ADMIN = 'data-transfer-admin-token-0123456789';

/** `npm run data:<command>` as a user runs it; resolves with its exit code and output. */
function dataCli(
  command: 'export' | 'import',
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/storage/dataCli.ts', command, ...args], {
    env: { PATH: process.env['PATH'] ?? '', DOTENV_CONFIG_QUIET: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Every data file of a directory as `<relative dir>/<key>` → what must survive a round trip. */
async function contents(dataDir: string): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['cache', 'journal'].includes(entry.name)) await walk(full);
        continue;
      }
      if (!entry.name.endsWith('.json')) continue;
      const env = parseEnvelope(full, await readFile(full, 'utf8'));
      const where = path.relative(dataDir, dir);
      // Records get new versions in PostgreSQL; bot state and documents keep their eTags.
      out.set(
        `${where}/${env.key}`,
        where.startsWith('records') ? env.data : { etag: env.etag, data: env.data },
      );
    }
  };
  await walk(dataDir);
  return out;
}

describeOn('postgres', 'moves data between lowdb and PostgreSQL')(
  'npm run data:export / data:import',
  function () {
    this.timeout(120_000);
    let stub: ConnectorStub;
    const dirs: string[] = [];
    const databases: string[] = [];
    const tempDir = async (label: string) => {
      const dir = await mkdtemp(path.join(tmpdir(), `fl-transfer-${label}-`));
      dirs.push(dir);
      return dir;
    };
    const database = async () => {
      const db = await freshDatabase('transfer');
      databases.push(db.name);
      return db.url;
    };
    before(async () => {
      stub = await startConnectorStub();
    });
    after(async () => {
      await stub.close();
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
      for (const name of databases) await dropDatabase(name);
    });

    it('moves a lowdb data directory to PostgreSQL and back without losing or changing anything', async () => {
      const source = await tempDir('source');
      // A lowdb Firstline that has worked a little: cases (one queued at the desk), state, contacts.
      const lowdb = await startTestServer({ STORAGE: 'lowdb', ADMIN_TOKEN: ADMIN }, source);
      const { caseId } = await queuedCase(lowdb.baseUrl, stub.url);
      const other = new Conversation(lowdb.baseUrl, { userId: 'demo-vip', locale: 'es-ES' });
      await other.say('nuestros contadores no tienen datos desde ayer — «ñandú» 😀');
      await lowdb.firstline.stores
        .documents<{ lines: string[] }>('logs')
        .replace('conv-1', () => ({ lines: ['a', 'ü'] }));
      await lowdb.stop();

      const url = await database();
      const exported = await dataCli('export', ['--data-dir', source, '--database-url', url]);
      expect(exported.stderr).to.equal('');
      expect(exported.code).to.equal(0);
      expect(exported.stdout).to.match(
        /^data:export: .* cases 2, .*bot state \d+, documents\/caseLogs 2, documents\/logs 1\n$/,
      );

      // The exported database serves: a PostgreSQL Firstline finds the case at the desk.
      const pgFirstline = await startTestServer(
        { STORAGE: 'postgres', DATABASE_URL: url, ADMIN_TOKEN: ADMIN },
        await tempDir('pg'),
      );
      const found = await apiJson<{ id: string; status: string }>(
        pgFirstline.baseUrl,
        `/api/cases/${caseId}`,
        ADMIN,
      );
      expect(found).to.include({ id: caseId, status: 'queued' });
      await pgFirstline.stop();

      const back = await tempDir('back');
      const imported = await dataCli('import', ['--database-url', url, '--data-dir', back]);
      expect(imported.code, imported.stderr).to.equal(0);
      expect(imported.stdout.replace(/^data:import: .* → /, '')).to.equal(
        exported.stdout.replace(/^data:export: .*: /, `${back}: `),
      );
      const before = await contents(source);
      const after = await contents(back);
      expect([...after.keys()].sort()).to.deep.equal([...before.keys()].sort());
      expect(Object.fromEntries(after)).to.deep.equal(Object.fromEntries(before));
      expect(before.size).to.be.greaterThan(50);

      // The imported directory serves too: the Spanish customer's case is still there.
      const again = await startTestServer({ STORAGE: 'lowdb', ADMIN_TOKEN: ADMIN }, back);
      const text = allText(
        await new Conversation(again.baseUrl, { userId: 'demo-vip', locale: 'es-ES' }).say(
          '¿cómo van mis casos?',
        ),
      );
      expect(text).to.match(/CS-1000\d/);
      await again.stop();
    });

    it('refuses a target that is not empty, and a data directory a Firstline is running on, with one clear line', async () => {
      const source = await tempDir('busy');
      const running = await startTestServer({ STORAGE: 'lowdb' }, source);
      await new Conversation(running.baseUrl, { userId: 'demo-user' }).say('no data on 8946070000000000019');
      const url = await database();
      const busy = await dataCli('export', ['--data-dir', source, '--database-url', url]);
      expect(busy.code).to.equal(1);
      expect(busy.stderr).to.match(
        /^data:export: DATA_DIR .* is in use by process \d+; run one Firstline per data directory\n$/,
      );
      await running.stop();

      expect((await dataCli('export', ['--data-dir', source, '--database-url', url])).code).to.equal(0);
      const twice = await dataCli('export', ['--data-dir', source, '--database-url', url]);
      expect(twice.code).to.equal(1);
      expect(twice.stderr).to.match(
        /^data:export: the target database is not empty \(table \w+ has \d+ row\(s\)\); transfer into an empty database or data directory\n$/,
      );

      const intoSource = await dataCli('import', ['--database-url', url, '--data-dir', source]);
      expect(intoSource.code).to.equal(1);
      expect(intoSource.stderr).to.include(`the data directory ${source} is not empty`);

      const usage = await dataCli('import', []);
      expect(usage.code).to.equal(1);
      expect(usage.stderr)
        .to.include('no --database-url and no DATABASE_URL')
        .and.include('usage: npm run data:export');
    });
  },
);
