import { z } from 'zod';
import { readPngHeader } from './png.js';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const https = z.string().regex(/^https:\/\//, 'must be an https URL');

/** The manifest fields Teams refuses to sideload without (a subset of the 1.17 schema that matters here). */
export const teamsManifestSchema = z.looseObject({
  manifestVersion: z.string().regex(/^1\.(1[7-9]|[2-9]\d)$/, 'manifestVersion must be 1.17 or later'),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version must be semver'),
  id: z.string().regex(guid, 'id must be a GUID (the bot app id)'),
  developer: z.object({
    name: z.string().min(1).max(32),
    websiteUrl: https,
    privacyUrl: https,
    termsOfUseUrl: https,
  }),
  name: z.object({ short: z.string().min(1).max(30), full: z.string().max(100).optional() }),
  description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  icons: z.object({ color: z.string().min(1), outline: z.string().min(1) }),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  bots: z
    .array(
      z.looseObject({
        botId: z.string().regex(guid, 'botId must be a GUID'),
        scopes: z.array(z.enum(['personal', 'team', 'groupChat'])).min(1),
        supportsFiles: z.boolean().optional(),
        commandLists: z
          .array(
            z.object({
              scopes: z.array(z.enum(['personal', 'team', 'groupChat'])),
              commands: z
                .array(
                  z.object({ title: z.string().min(1).max(32), description: z.string().min(1).max(128) }),
                )
                .max(10),
            }),
          )
          .optional(),
      }),
    )
    .min(1),
  staticTabs: z
    .array(
      z.looseObject({
        entityId: z.string().min(1).max(64),
        name: z.string().min(1).max(128),
        contentUrl: https,
        websiteUrl: https.optional(),
        scopes: z.array(z.enum(['personal', 'team'])).min(1),
      }),
    )
    .max(16)
    .optional(),
  webApplicationInfo: z
    .object({
      id: z.string().regex(guid, 'webApplicationInfo.id must be a GUID (the tab app registration)'),
      resource: z.string().regex(/^api:\/\//, 'webApplicationInfo.resource must be an api:// URI'),
    })
    .optional(),
  validDomains: z.array(z.string().min(1)).optional(),
});

/** A checked manifest. */
export type TeamsManifest = z.infer<typeof teamsManifestSchema>;

/**
 * Validates a (placeholder-resolved) manifest and its icons.
 * @returns The problems found, empty when the package is good.
 */
export function checkManifest(manifest: unknown, icons: { color: Buffer; outline: Buffer }): string[] {
  const problems: string[] = [];
  const parsed = teamsManifestSchema.safeParse(manifest);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((i) => `manifest.${i.path.join('.')}: ${i.message}`));
  } else {
    const bot = parsed.data.bots[0];
    if (bot && bot.botId !== parsed.data.id) problems.push('manifest.bots.0.botId must equal manifest.id');
    for (const scope of ['personal', 'team'] as const) {
      if (bot && !bot.scopes.includes(scope)) problems.push(`manifest.bots.0.scopes must include ${scope}`);
    }
    // Teams loads a tab only from a domain the app lists as valid.
    for (const [i, tab] of (parsed.data.staticTabs ?? []).entries()) {
      const host = new URL(tab.contentUrl).host;
      if (!(parsed.data.validDomains ?? []).includes(host))
        problems.push(`manifest.staticTabs.${i}.contentUrl: ${host} must be listed in validDomains`);
    }
  }
  const sizes = { color: 192, outline: 32 } as const;
  for (const kind of ['color', 'outline'] as const) {
    try {
      const header = readPngHeader(icons[kind], `${kind} icon`);
      if (header.width !== sizes[kind] || header.height !== sizes[kind]) {
        problems.push(
          `${kind} icon must be ${sizes[kind]}×${sizes[kind]}, is ${header.width}×${header.height}`,
        );
      }
      // Teams draws the outline icon as a mask: it must have transparency (colour type 6 = RGBA).
      if (kind === 'outline' && header.colourType !== 6)
        problems.push('outline icon must be RGBA (transparent)');
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return problems;
}
