import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync, crc32 } from 'node:zlib';
import { expect } from 'chai';
import { buildTeamsPackage, zeroGuid } from '../../appPackage/build.js';
import { encodePng, readPngHeader } from '../../appPackage/png.js';

/** Reads a zip through its central directory, the way Teams does, checking each entry's CRC. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd, 'end of central directory').to.be.greaterThan(-1);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).to.equal(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    expect(zip.readUInt32LE(local)).to.equal(0x04034b50);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + size);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    expect(crc32(data), `crc of ${name}`).to.equal(crc);
    files.set(name, data);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

describe('Teams app package', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'teams-pkg-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('zips a valid manifest with the app id filled in and both icons', () => {
    const appId = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
    const { zipPath } = buildTeamsPackage({ appId, outFile: path.join(dir, 'out.zip') });
    const files = readZip(readFileSync(zipPath));
    expect([...files.keys()].sort()).to.deep.equal(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '{}');
    expect(Number(manifest.manifestVersion)).to.be.at.least(1.17);
    expect(manifest.id).to.equal(appId);
    const bot = manifest.bots[0];
    expect(bot.botId).to.equal(appId);
    expect(bot.scopes).to.include.members(['personal', 'team']);
    expect(bot.supportsFiles).to.equal(false);
    const titles = bot.commandLists.flatMap((l: { commands: { title: string }[] }) =>
      l.commands.map((c) => c.title),
    );
    expect(titles).to.include.members(['help', 'queue']);
    expect(JSON.stringify(manifest)).to.not.include('{{');
    const color = readPngHeader(files.get('color.png') ?? Buffer.alloc(0));
    const outline = readPngHeader(files.get('outline.png') ?? Buffer.alloc(0));
    expect([color.width, color.height, outline.width, outline.height]).to.deep.equal([192, 192, 32, 32]);
  });

  it('uses a zero GUID when no app id is configured', () => {
    const saved = process.env.MicrosoftAppId;
    delete process.env.MicrosoftAppId;
    try {
      const { manifest } = buildTeamsPackage({ outFile: path.join(dir, 'out.zip') });
      expect(manifest.id).to.equal(zeroGuid);
    } finally {
      if (saved !== undefined) process.env.MicrosoftAppId = saved;
    }
  });

  it('refuses icons of the wrong size and a broken manifest, naming the problem', () => {
    const source = path.resolve('appPackage');
    for (const file of ['manifest.json', 'color.png'])
      copyFileSync(path.join(source, file), path.join(dir, file));
    writeFileSync(
      path.join(dir, 'outline.png'),
      encodePng({ width: 64, height: 64, pixels: new Uint8Array(64 * 64 * 4) }),
    );
    expect(() => buildTeamsPackage({ sourceDir: dir })).to.throw(/outline icon must be 32×32, is 64×64/);
    copyFileSync(path.join(source, 'outline.png'), path.join(dir, 'outline.png'));
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    manifest.bots[0].scopes = ['personal'];
    delete manifest.developer;
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    expect(() => buildTeamsPackage({ sourceDir: dir, appId: zeroGuid })).to.throw(/developer/);
  });

  it('writes the default archive where the README says', () => {
    const { zipPath } = buildTeamsPackage({ appId: zeroGuid });
    expect(path.relative(process.cwd(), zipPath)).to.equal(
      path.join('appPackage', 'build', 'firstline-teams.zip'),
    );
    expect(readZip(readFileSync(zipPath)).size).to.equal(3);
  });
});
