import { expect } from 'chai';
import { startTestServer } from '../helpers/server.js';

describe('Bot Framework authentication', () => {
  it('is enforced as soon as an app id is configured: an unsigned activity gets 401', async () => {
    const server = await startTestServer({
      MicrosoftAppId: '00000000-0000-0000-0000-00000000beef',
      MicrosoftAppPassword: 'not-a-real-password',
      HOST: '127.0.0.1',
    });
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
    } finally {
      await server.close();
    }
  });
});
