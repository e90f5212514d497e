import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { pino } from 'pino';
import { createPool } from '../../../bot/storage/postgres/database.js';
import {
  migrate,
  MigrationFailedError,
  MigrationMismatchError,
  readMigrations,
  SchemaTooNewError,
  SCHEMA_TABLE,
} from '../../../bot/storage/postgres/migrations.js';
import { runChildToExit } from '../../helpers/childServer.js';
import { describeOn, dropDatabase, freshDatabase } from '../../helpers/testStorage.js';

const silent = pino({ level: 'silent' });

describeOn('postgres', 'PostgreSQL schema migrations')('PostgreSQL migrations', function () {
  this.timeout(60_000);
  let db: { name: string; url: string };
  let pools: pg.Pool[];
  const pool = () => {
    const p = createPool({ connectionString: db.url, max: 2 }, () => undefined);
    pools.push(p);
    return p;
  };
  beforeEach(async () => {
    db = await freshDatabase('migrate');
    pools = [];
  });
  afterEach(async () => {
    for (const p of pools) await p.end();
    await dropDatabase(db.name);
  });

  it('applies every migration once, in order, even when several instances start together', async () => {
    const known = await readMigrations();
    expect(known.map((m) => m.version)).to.deep.equal([...known.map((m) => m.version)].sort((a, b) => a - b));
    expect(known[0]?.file).to.equal('0001_collections.sql');
    const results = await Promise.all([
      migrate(pool(), silent),
      migrate(pool(), silent),
      migrate(pool(), silent),
    ]);
    const applied = results.flatMap((r) => r.applied);
    expect(applied.sort()).to.deep.equal(known.map((m) => m.file).sort());
    expect(results.every((r) => r.version === known.at(-1)?.version)).to.equal(true);
    const { rows } = await pool().query(`SELECT version FROM ${SCHEMA_TABLE} ORDER BY version`);
    expect(rows.map((r: { version: number }) => r.version)).to.deep.equal(known.map((m) => m.version));
    expect((await migrate(pool(), silent)).applied, 'nothing left to apply').to.deep.equal([]);
  });

  it('rolls a failing migration back whole, applies nothing after it, and names the file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fl-migrations-'));
    try {
      await writeFile(path.join(dir, '0001_first.sql'), 'CREATE TABLE one (id int);');
      await writeFile(
        path.join(dir, '0002_broken.sql'),
        'CREATE TABLE two (id int);\nSELECT * FROM no_such_table;',
      );
      await writeFile(path.join(dir, '0003_later.sql'), 'CREATE TABLE three (id int);');
      let error: Error | undefined;
      try {
        await migrate(pool(), silent, await readMigrations(dir));
      } catch (err) {
        error = err as Error;
      }
      expect(error).to.be.instanceOf(MigrationFailedError);
      expect(error?.message).to.include('0002_broken.sql').and.include('no_such_table');
      const { rows } = await pool().query(
        "SELECT table_name FROM information_schema.tables WHERE table_name IN ('one', 'two', 'three')",
      );
      expect(rows.map((r: { table_name: string }) => r.table_name)).to.deep.equal(['one']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a database migrated by newer code, and a migration changed after it was applied', async () => {
    await migrate(pool(), silent);
    await pool().query(
      `INSERT INTO ${SCHEMA_TABLE} (version, name, checksum) VALUES (9999, 'from_the_future', 'x')`,
    );
    let error: Error | undefined;
    try {
      await migrate(pool(), silent);
    } catch (err) {
      error = err as Error;
    }
    expect(error).to.be.instanceOf(SchemaTooNewError);
    expect(error?.message).to.include('version 9999 (9999_from_the_future)').and.include('refusing to start');

    await pool().query(`DELETE FROM ${SCHEMA_TABLE} WHERE version = 9999`);
    await pool().query(`UPDATE ${SCHEMA_TABLE} SET checksum = 'edited' WHERE version = 1`);
    error = undefined;
    try {
      await migrate(pool(), silent);
    } catch (err) {
      error = err as Error;
    }
    expect(error).to.be.instanceOf(MigrationMismatchError);
    expect(error?.message).to.include('0001_collections.sql changed after it was applied');
  });

  it('stops `npm start` with one clear line against a newer schema', async () => {
    await migrate(pool(), silent);
    await pool().query(
      `INSERT INTO ${SCHEMA_TABLE} (version, name, checksum) VALUES (9999, 'from_the_future', 'x')`,
    );
    const dataDir = await mkdtemp(path.join(tmpdir(), 'fl-newer-'));
    try {
      const result = await runChildToExit({ STORAGE: 'postgres', DATABASE_URL: db.url, DATA_DIR: dataDir });
      expect(result.code).to.equal(1);
      expect(result.stderr.trim().split('\n')).to.have.length(1);
      expect(result.stderr).to.match(/^Firstline could not start: PostgreSQL schema is at version 9999/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
