import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { Directory } from '../../bot/directory/directory.js';
import { organisationSchema, userRepository, type Organisation } from '../../bot/directory/schemas.js';
import { LowdbRepository } from '../../bot/storage/repository.js';

const SEED = path.resolve(import.meta.dirname, '../../knowledge/demo/directory.json');

describe('Directory', () => {
  let dir: string;
  let directory: Directory;
  const open = async () => {
    const orgs = await new LowdbRepository<Organisation>(
      'organisations',
      path.join(dir, 'orgs'),
      organisationSchema,
      {
        fsync: false,
      },
    ).open();
    const users = await userRepository(path.join(dir, 'users'), { fsync: false }).open();
    return new Directory(orgs, users, pino({ level: 'silent' }));
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'firstline-dir-'));
    directory = await open();
    expect(await directory.seedIfEmpty(SEED)).to.be.greaterThan(0);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('identifies the demo customers with their organisations', () => {
    const vip = directory.identify({ id: 'demo-vip' });
    expect(vip.kind).to.equal('customer');
    if (vip.kind !== 'customer') return;
    expect(vip.organisation).to.deep.include({ name: 'Nordlys Energi', vip: true, criticality: 'critical' });
    const user = directory.identify({ id: 'demo-user' });
    expect(user.kind === 'customer' && user.organisation.name).to.equal('Acme Logistics');
    const consumer = directory.identify({ id: 'demo-consumer' });
    expect(consumer.kind === 'customer' && consumer.user.locale).to.equal('es-ES');
    expect(consumer.kind === 'customer' && consumer.organisation.useCase).to.equal('consumer_broadband');
  });

  it('identifies agents and anonymous users', () => {
    expect(directory.identify({ id: 'demo-agent' }).kind).to.equal('agent');
    expect(directory.identify({ id: 'someone-else' })).to.deep.equal({
      kind: 'anonymous',
      userId: 'someone-else',
    });
  });

  it('matches Teams users by aadObjectId first, then by id', () => {
    const byAad = directory.identify({
      id: '29:a-different-per-bot-id',
      aadObjectId: '6f1c2d3e-4b5a-4c7d-9e8f-0a1b2c3d4e5f',
    });
    expect(byAad.kind === 'customer' && byAad.user.name).to.equal('Priya Nair');
    const unknownAad = directory.identify({ id: 'demo-user', aadObjectId: 'not-known' });
    expect(unknownAad.kind === 'customer' && unknownAad.user.id).to.equal('demo-user');
  });

  it('seeds only once, persists, and refuses a seed naming an unknown organisation', async () => {
    expect(await directory.seedIfEmpty(SEED)).to.equal(0);
    const reopened = await open();
    expect(reopened.organisation('org-acme')?.name).to.equal('Acme Logistics');
    const empty = await mkdtemp(path.join(os.tmpdir(), 'firstline-dir-'));
    try {
      const bad = path.join(empty, 'bad.json');
      await writeFile(
        bad,
        JSON.stringify({
          organisations: [],
          users: [{ id: 'x', name: 'X', role: 'customer', organisationId: 'nope' }],
        }),
      );
      const prev = dir;
      dir = empty;
      const fresh = await open();
      dir = prev;
      let message = '';
      await fresh.seedIfEmpty(bad).catch((e: Error) => (message = e.message));
      expect(message).to.contain('unknown organisation nope');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
