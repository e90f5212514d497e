import { expect } from 'chai';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { storedText } from '../helpers/testStorage.js';

const ADMIN = 'admin-token-for-agent-tokens-0123';

describe('operations API: agent tokens', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ ADMIN_TOKEN: ADMIN });
  });
  after(() => server.close());
  const call = (method: string, url: string, token?: string) =>
    fetch(`${server.baseUrl}${url}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('lets the admin issue an agent a token that works, is stored hashed, and can be revoked', async () => {
    expect((await call('POST', '/api/agents/demo-agent/tokens')).status).to.equal(401);
    expect(
      (await call('POST', '/api/agents/demo-user/tokens', ADMIN)).status,
      'customers get no agent token',
    ).to.equal(404);
    const issued = await call('POST', '/api/agents/demo-agent/tokens', ADMIN);
    expect(issued.status).to.equal(201);
    const { token } = (await issued.json()) as { token: string };
    expect(token).to.match(/^fla_/);
    expect((await call('GET', '/api/cases', token)).status).to.equal(200);
    expect(
      (await call('POST', '/api/agents/demo-agent/tokens', token)).status,
      'agents cannot mint tokens',
    ).to.equal(403);

    const stored = await storedText(server.dataDir, 'agentTokens');
    expect(stored).to.include('demo-agent').and.not.include(token);

    const revoked = await call('DELETE', '/api/agents/demo-agent/tokens', ADMIN);
    expect(await revoked.json()).to.deep.include({ revoked: 1 });
    expect((await call('GET', '/api/cases', token)).status).to.equal(401);
  });
});
