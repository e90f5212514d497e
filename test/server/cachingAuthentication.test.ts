import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { CachingBotFrameworkAuthentication } from '../../bot/http/cachingAuthentication.js';

const activity = (serviceUrl: string): Activity =>
  ({
    type: 'message',
    channelId: 'test',
    serviceUrl,
    conversation: { id: 'c' },
    from: { id: 'u' },
    recipient: { id: 'b' },
  }) as Activity;

describe('outbound Bot Framework clients are reused across turns', () => {
  it('one ConnectorClient per (app id, service URL, audience) and one UserTokenClient per app id', async () => {
    const auth = new CachingBotFrameworkAuthentication({});
    const clientFor = async (serviceUrl: string, audience?: string) => {
      const result = await auth.authenticateRequest(activity(serviceUrl), '');
      return result.connectorFactory!.create(serviceUrl, audience ?? result.audience);
    };
    const first = await clientFor('http://127.0.0.1:9/');
    expect(await clientFor('http://127.0.0.1:9/'), 'the next turn, same channel').to.equal(first);
    expect(await clientFor('http://127.0.0.1:8/'), 'another service URL').to.not.equal(first);
    expect(await clientFor('http://127.0.0.1:9/', 'other-audience'), 'another audience').to.not.equal(first);
    const { claimsIdentity } = await auth.authenticateRequest(activity('http://127.0.0.1:9/'), '');
    expect(await auth.createUserTokenClient(claimsIdentity)).to.equal(
      await auth.createUserTokenClient(claimsIdentity),
    );
    expect(
      await auth.createConnectorFactory(claimsIdentity).create('http://127.0.0.1:9/', undefined),
      'proactive turns share them too',
    ).to.be.an('object');
  });
});
