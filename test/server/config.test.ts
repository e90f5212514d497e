import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../bot/config.js';
import { runChildToExit, stderrLines } from '../helpers/childServer.js';

describe('configuration', () => {
  it('has working defaults: local mode on loopback, port 3978, embedded provider', () => {
    const config = loadConfig({});
    expect(config.PORT).to.equal(3978);
    expect(config.localMode).to.equal(true);
    expect(config.host).to.equal('127.0.0.1');
    expect(config.CONNECTIVITY_PROVIDER).to.equal('embedded');
    expect(config.MAX_BODY_BYTES).to.equal(256 * 1024);
  });

  it('leaves local mode and listens on all interfaces when an app id is configured', () => {
    const config = loadConfig({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 's3cret',
      DIRECT_LINE_TOKEN_KEY: 'a-direct-line-token-key-of-32-bytes-or-more',
    });
    expect(config.localMode).to.equal(false);
    expect(config.host).to.equal('0.0.0.0');
  });

  const bad: Array<[Record<string, string>, string, RegExp]> = [
    [{ PORT: 'abc' }, 'PORT', /integer between 0 and 65535/],
    [{ PORT: '70000' }, 'PORT', /integer between 0 and 65535/],
    [{ MicrosoftAppType: 'Whatever' }, 'MicrosoftAppType', /MultiTenant, SingleTenant or UserAssignedMSI/],
    [{ MicrosoftAppId: 'abc' }, 'MicrosoftAppPassword', /required when MicrosoftAppId is set/],
    [{ CONNECTIVITY_PROVIDER: 'control_center' }, 'CONTROL_CENTER_BASE_URL', /required/],
    [{ DATA_FSYNC: 'maybe' }, 'DATA_FSYNC', /true or false/],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN', /at least 24 characters/],
    [{ HOST: '0.0.0.0' }, 'HOST', /local mode .* loopback only/],
  ];
  for (const [env, variable, expected] of bad) {
    it(`refuses ${JSON.stringify(env)} naming ${variable}`, () => {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as ConfigError).variable).to.equal(variable);
      expect((error as Error).message).to.match(expected);
    });
  }

  it('stops the real process with one clear line naming the variable', async function () {
    this.timeout(30_000);
    const result = await runChildToExit({ PORT: 'not-a-port', DATA_DIR: '/tmp/firstline-never-used' });
    expect(result.code).to.equal(1);
    const lines = stderrLines(result);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(
      /^Invalid configuration: PORT — expected an integer between 0 and 65535 \(got "not-a-port"\)$/,
    );
    expect(result.stdout).to.equal('');
  });
});

describe('.env.example', () => {
  it('documents every variable the configuration reads, and nothing else', async () => {
    const { readFile } = await import('node:fs/promises');
    const { CONFIG_VARIABLES } = await import('../../bot/config.js');
    const text = await readFile('.env.example', 'utf8');
    const documented = [...text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]);
    expect([...documented].sort()).to.deep.equal([...CONFIG_VARIABLES].sort());
    expect(() =>
      loadConfig(
        Object.fromEntries([...text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/gm)].map((m) => [m[1], m[2]])),
      ),
    ).to.not.throw();
  });
});
