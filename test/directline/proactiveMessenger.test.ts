import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { expect } from 'chai';
import { AdapterMessenger } from '../../bot/proactiveMessenger.js';
import { startConnectorStub, type ConnectorStub } from '../helpers/connectorStub.js';
import { guardOutbound, type OutboundGuard } from './outboundGuard.js';

const APP_ID = '00000000-0000-0000-0000-00000000beef';

function recordingAdapter(calls: string[], name: string): CloudAdapter {
  return {
    continueConversationAsync: async (appId: string) => {
      calls.push(`${name}:${appId}`);
    },
  } as unknown as CloudAdapter;
}

describe('AdapterMessenger', () => {
  let stub: ConnectorStub;
  let guard: OutboundGuard;

  before(async () => {
    stub = await startConnectorStub();
    guard = guardOutbound();
  });
  after(async () => {
    guard.restore();
    await stub.close();
  });

  it('sends to our own Direct Line through the anonymous adapter, even with an app id (no AAD token)', async () => {
    const main = new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-a-real-password',
        MicrosoftAppType: 'MultiTenant',
      } as ConfigurationBotFrameworkAuthenticationOptions),
    );
    const local = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const ownBase = stub.url.replace(/\/$/, '');
    const messenger = new AdapterMessenger(main, APP_ID, { adapter: local, serviceUrl: () => ownBase });

    await messenger.send(
      {
        serviceUrl: stub.url,
        channelId: 'directline',
        conversation: { id: 'dl-conv-1', isGroup: false, conversationType: '', name: '' },
        bot: { id: 'firstline', name: 'Firstline' },
        user: { id: 'demo-user', name: 'Demo' },
      },
      [{ type: 'message', text: 'An agent replied' }],
    );
    expect(stub.to('dl-conv-1').map((a) => a.text)).to.deep.equal(['An agent replied']);
    expect(guard.foreign).to.deep.equal([]);
  });

  it('uses the main adapter (with the app id) for every other serviceUrl', async () => {
    const calls: string[] = [];
    const messenger = new AdapterMessenger(recordingAdapter(calls, 'main'), APP_ID, {
      adapter: recordingAdapter(calls, 'local'),
      serviceUrl: () => 'http://127.0.0.1:3978',
    });
    const send = (serviceUrl: string | undefined) =>
      messenger.send({ ...(serviceUrl ? { serviceUrl } : {}), conversation: { id: 'c' } } as never, []);
    await send('https://smba.trafficmanager.net/emea/');
    await send('http://127.0.0.1:3979/');
    await send(undefined);
    await send('http://127.0.0.1:3978/');
    expect(calls).to.deep.equal([`main:${APP_ID}`, `main:${APP_ID}`, `main:${APP_ID}`, 'local:']);
  });
});
