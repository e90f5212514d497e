/**
 * Builds the Teams app package `appPackage/build/firstline-teams.zip` (`npm run teams:package`): fills in
 * `{{MicrosoftAppId}}` from the environment (a zero GUID when unset, good for validation only), validates the
 * manifest and the icons, and zips the three files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkManifest } from './manifestCheck.js';
import { writeZip } from './zip.js';

/** Used when `MicrosoftAppId` is not set, so the package still validates. */
export const zeroGuid = '00000000-0000-0000-0000-000000000000';

/** Options of {@link buildTeamsPackage}. */
export interface BuildOptions {
  /** The bot's Microsoft App ID; default `process.env.MicrosoftAppId` or {@link zeroGuid}. */
  appId?: string;
  /** Public host of the service (the console tab's domain); default `process.env.PUBLIC_HOST` or `firstline.example`. */
  publicHost?: string;
  /** App registration of the console tab's single sign-on; default `process.env.TEAMS_SSO_CLIENT_ID` or {@link zeroGuid}. */
  ssoClientId?: string;
  /** Folder holding manifest.json and the icons; default this folder. */
  sourceDir?: string;
  /** Output zip; default `<sourceDir>/build/firstline-teams.zip`. */
  outFile?: string;
}

/**
 * Builds and writes the package.
 * @throws Error listing every manifest or icon problem.
 */
export function buildTeamsPackage(options: BuildOptions = {}): {
  zipPath: string;
  manifest: Record<string, unknown>;
} {
  const sourceDir = options.sourceDir ?? path.dirname(fileURLToPath(import.meta.url));
  const appId = options.appId || process.env.MicrosoftAppId || zeroGuid;
  const template = readFileSync(path.join(sourceDir, 'manifest.json'), 'utf8');
  const publicHost = options.publicHost || process.env.PUBLIC_HOST || 'firstline.example';
  const ssoClientId = options.ssoClientId || process.env.TEAMS_SSO_CLIENT_ID || zeroGuid;
  const manifestText = template
    .replaceAll('{{MicrosoftAppId}}', appId)
    .replaceAll('{{PublicHost}}', publicHost)
    .replaceAll('{{TeamsSsoClientId}}', ssoClientId);
  const manifest = JSON.parse(manifestText) as Record<string, unknown>;
  const icons = {
    color: readFileSync(path.join(sourceDir, 'color.png')),
    outline: readFileSync(path.join(sourceDir, 'outline.png')),
  };
  const problems = checkManifest(manifest, icons);
  if (problems.length > 0) {
    throw new Error(`appPackage: the Teams manifest is not valid:\n  - ${problems.join('\n  - ')}`);
  }
  const zipPath = options.outFile ?? path.join(sourceDir, 'build', 'firstline-teams.zip');
  mkdirSync(path.dirname(zipPath), { recursive: true });
  writeFileSync(
    zipPath,
    writeZip([
      { name: 'manifest.json', data: Buffer.from(manifestText) },
      { name: 'color.png', data: icons.color },
      { name: 'outline.png', data: icons.outline },
    ]),
  );
  return { zipPath, manifest };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { zipPath } = buildTeamsPackage();
    const note = process.env.MicrosoftAppId
      ? ''
      : ` (MicrosoftAppId not set: id is ${zeroGuid}, validation only)`;
    process.stdout.write(`Wrote ${path.relative(process.cwd(), zipPath)}${note}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
