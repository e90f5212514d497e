/* eslint-disable no-console -- this test checks that nothing reaches the console */
import { expect } from 'chai';
import { startTestServer } from '../helpers/server.js';

describe('Bot Framework authentication', () => {
  it('is enforced as soon as an app id is configured: an unsigned activity gets 401, logged in one line', async () => {
    const lines: string[] = [];
    const server = await startTestServer(
      {
        MicrosoftAppId: '00000000-0000-0000-0000-00000000beef',
        MicrosoftAppPassword: 'not-a-real-password',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
      undefined,
      { write: (line) => lines.push(line) },
    );
    // The SDK's own entry point prints each refusal's stack on stderr; ours must not.
    const printed: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => printed.push(args);
    try {
      const response = await fetch(`${server.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: 'hello',
          channelId: 'msteams',
          serviceUrl: 'https://smba.trafficmanager.net/emea/',
          from: { id: 'someone' },
          recipient: { id: 'firstline' },
          conversation: { id: 'c1' },
        }),
      });
      expect(response.status).to.equal(401);
      expect(await response.json()).to.deep.equal({
        error: 'Unauthorized',
        message: 'Bot Framework authentication failed',
      });
      const refused = lines
        .map((l) => JSON.parse(l) as { msg: string; reqId?: string; channelId?: string; level: number })
        .find((l) => l.msg === 'activity refused: Bot Framework authentication failed');
      expect(refused?.channelId).to.equal('msteams');
      expect(refused?.reqId).to.be.a('string');
      expect(printed, 'nothing printed outside the structured log').to.deep.equal([]);
    } finally {
      console.error = consoleError;
      await server.close();
    }
  });
});
