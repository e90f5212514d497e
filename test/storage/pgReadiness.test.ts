import { createServer, type Server, type Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { until } from '../helpers/connectorStub.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  databaseUrl,
  describeOn,
  dropDatabase,
  freshDatabase,
  TEST_DATABASE_URL,
} from '../helpers/testStorage.js';

/** A TCP path to PostgreSQL that the test can cut (as a database host going away) and restore. */
class CuttablePath {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
  }

  /** Every connection dropped and the port closed: PostgreSQL is down. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describeOn('postgres', 'it cuts the path to PostgreSQL')(
  '/readyz reflects the PostgreSQL connection',
  function () {
    this.timeout(60_000);
    let db: { name: string; url: string } | undefined;
    let server: TestServer | undefined;
    let path: CuttablePath | undefined;

    after(async () => {
      await path?.cut();
      await server?.close().catch(() => undefined);
      if (db) await dropDatabase(db.name);
    });

    const readiness = async (): Promise<{ status: number; storage: boolean | undefined }> => {
      const res = await fetch(`${server?.baseUrl}/readyz`);
      const body = (await res.json()) as { checks: Record<string, boolean> };
      return { status: res.status, storage: body.checks['storage'] };
    };

    it('is unready while PostgreSQL cannot be reached, and ready again once it can', async () => {
      db = await freshDatabase('ready');
      const target = new URL(TEST_DATABASE_URL);
      path = new CuttablePath(target.hostname, Number(target.port || 5432));
      await path.open();
      const viaPath = new URL(databaseUrl(db.name));
      viaPath.hostname = '127.0.0.1';
      viaPath.port = String(path.port);
      server = await startTestServer({ STORAGE: 'postgres', DATABASE_URL: viaPath.toString() });
      expect(await readiness()).to.deep.equal({ status: 200, storage: true });

      await path.cut();
      let seen = await readiness();
      await until(
        () => {
          void readiness().then((r) => (seen = r));
          return seen.status === 503;
        },
        10_000,
        '/readyz to answer 503',
      );
      expect(seen.storage, 'the storage check says why').to.equal(false);

      await path.open();
      await until(
        () => {
          void readiness().then((r) => (seen = r));
          return seen.status === 200;
        },
        15_000,
        '/readyz to answer 200 again',
      );
      expect(seen.storage).to.equal(true);
    });
  },
);
