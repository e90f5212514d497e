import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../bot/config.js';
import { directLineTokenKey, LOCAL_TOKEN_KEY_FILE } from '../../bot/directline/tokenKey.js';
import { runChildToExit, stderrLines } from '../helpers/childServer.js';

const production = {
  MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
  MicrosoftAppPassword: 's3cret',
};
const KEY = 'k'.repeat(32);

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('Direct Line configuration', () => {
  it('requires DIRECT_LINE_TOKEN_KEY outside local mode, of at least 32 bytes', () => {
    expect(refusal(production).variable).to.equal('DIRECT_LINE_TOKEN_KEY');
    expect(refusal(production).message).to.match(/required when MicrosoftAppId is set/);
    const short = refusal({ ...production, DIRECT_LINE_TOKEN_KEY: 'k'.repeat(31) });
    expect(short.variable).to.equal('DIRECT_LINE_TOKEN_KEY');
    expect(short.message).to.match(/at least 32 bytes/);
    expect(loadConfig({ ...production, DIRECT_LINE_TOKEN_KEY: KEY }).DIRECT_LINE_TOKEN_KEY).to.equal(KEY);
    expect(loadConfig({}).DIRECT_LINE_TOKEN_KEY).to.equal(undefined);
  });

  it('accepts token lifetimes the official client can refresh in time (30 min .. 24 h)', () => {
    for (const ttl of ['60', '900', '1799', '86401']) {
      const error = refusal({ DIRECT_LINE_TOKEN_TTL_SECONDS: ttl });
      expect(error.variable).to.equal('DIRECT_LINE_TOKEN_TTL_SECONDS');
      expect(error.message).to.match(/between 1800 and 86400/);
    }
    expect(loadConfig({ DIRECT_LINE_TOKEN_TTL_SECONDS: '1800' }).DIRECT_LINE_TOKEN_TTL_SECONDS).to.equal(
      1800,
    );
    expect(loadConfig({}).DIRECT_LINE_TOKEN_TTL_SECONDS).to.equal(3600);
  });

  it('reads DIRECT_LINE_ALLOWED_ORIGINS as exact origins and refuses anything else', () => {
    const config = loadConfig({
      DIRECT_LINE_ALLOWED_ORIGINS: 'https://www.example.com, http://localhost:8080/',
    });
    expect(config.DIRECT_LINE_ALLOWED_ORIGINS).to.deep.equal([
      'https://www.example.com',
      'http://localhost:8080',
    ]);
    expect(loadConfig({}).DIRECT_LINE_ALLOWED_ORIGINS).to.deep.equal([]);
    for (const bad of ['*', 'https://example.com/path', 'www.example.com', 'ftp://example.com']) {
      const error = refusal({ DIRECT_LINE_ALLOWED_ORIGINS: bad });
      expect(error.variable).to.equal('DIRECT_LINE_ALLOWED_ORIGINS');
      expect(error.message).to.include(bad);
    }
  });

  it('stops the real process with one clear line when the key is missing outside local mode', async function () {
    this.timeout(30_000);
    const result = await runChildToExit({ ...production, DATA_DIR: '/tmp/firstline-never-used' });
    expect(result.code).to.equal(1);
    const lines = stderrLines(result);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(
      /^Invalid configuration: DIRECT_LINE_TOKEN_KEY — required when MicrosoftAppId is set/,
    );
  });
});

describe('Direct Line token key', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'firstline-dlkey-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uses the configured key as given', async () => {
    expect((await directLineTokenKey(KEY, dir)).toString()).to.equal(KEY);
  });

  it('in local mode generates one key, keeps it in DATA_DIR (owner-only) and reuses it after a restart', async () => {
    const first = await directLineTokenKey(undefined, dir);
    const again = await directLineTokenKey(undefined, dir);
    expect(first.length).to.be.at.least(32);
    expect(again.equals(first)).to.equal(true);
    const file = path.join(dir, LOCAL_TOKEN_KEY_FILE);
    expect((await stat(file)).mode & 0o777).to.equal(0o600);
    expect((await readFile(file, 'utf8')).trim()).to.equal(first.toString());
  });

  it('refuses a damaged key file, naming it, instead of silently replacing it', async () => {
    await directLineTokenKey(undefined, dir);
    const file = path.join(dir, LOCAL_TOKEN_KEY_FILE);
    await writeFile(file, 'short\n');
    let error: unknown;
    try {
      await directLineTokenKey(undefined, dir);
    } catch (err) {
      error = err;
    }
    expect((error as Error).message)
      .to.include(file)
      .and.match(/at least 32/);
  });
});
