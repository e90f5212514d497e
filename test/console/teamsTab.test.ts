import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { buildTeamsPackage } from '../../appPackage/build.js';
import { checkManifest } from '../../appPackage/manifestCheck.js';

describe('Teams app package: the agent console tab', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'teams-tab-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('declares the console as a personal tab on the public host, with single sign-on for the tab app', () => {
    const ssoClientId = '6a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const { manifest } = buildTeamsPackage({
      appId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      publicHost: 'support.operator.example',
      ssoClientId,
      outFile: path.join(dir, 'out.zip'),
    });
    const tab = (manifest['staticTabs'] as Array<Record<string, unknown>>)[0];
    expect(tab).to.deep.include({
      contentUrl: 'https://support.operator.example/agent?host=teams',
      scopes: ['personal'],
    });
    expect(manifest['webApplicationInfo']).to.deep.equal({
      id: ssoClientId,
      resource: `api://support.operator.example/${ssoClientId}`,
    });
    expect(manifest['validDomains']).to.deep.equal(['support.operator.example']);
  });

  it('refuses a tab whose domain is not a valid domain', () => {
    const { manifest } = buildTeamsPackage({ outFile: path.join(dir, 'out.zip') });
    const icons = {
      color: readFileSync(path.resolve('appPackage/color.png')),
      outline: readFileSync(path.resolve('appPackage/outline.png')),
    };
    expect(checkManifest(manifest, icons)).to.deep.equal([]);
    expect(checkManifest({ ...manifest, validDomains: [] }, icons)).to.deep.equal([
      'manifest.staticTabs.0.contentUrl: firstline.example must be listed in validDomains',
    ]);
  });
});
