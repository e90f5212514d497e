import { z } from 'zod';

/** User ids: what Teams, Direct Line and our demo users use, nothing that could smuggle markup or paths. */
export const userIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@-]+$/, 'user.id may contain only letters, digits and . _ : @ -');

/** BCP-47-ish locale as Web Chat sends it (`en-US`, `es`). */
export const localeSchema = z
  .string()
  .max(20)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'locale must look like en-US');

/** Body of `POST /v3/directline/tokens/generate`. */
export const generateTokenBodySchema = z
  .object({
    user: z.object({ id: userIdSchema.optional(), name: z.string().max(100).optional() }).optional(),
    locale: localeSchema.optional(),
  })
  .optional();

/** A conversation id as this service issues them. */
export const conversationIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'conversationId may contain only letters, digits, _ and -');

/** Body of the local-mode page route `POST /api/webchat/token` (`conversationId`: resume that one if it is the user's). */
export const localTokenBodySchema = z.object({
  userId: z.string().regex(/^demo-[a-z0-9-]{1,40}$/, 'userId must be a demo user id (demo-…) in local mode'),
  name: z.string().max(100).optional(),
  locale: localeSchema.optional(),
  conversationId: conversationIdSchema.optional(),
});

const channelAccountSchema = z.looseObject({
  id: z.string().max(256).optional(),
  name: z.string().max(256).optional(),
});

/**
 * An activity posted by a client. Unknown fields pass through (Web Chat adds several) but the ones the bot and
 * the stream rely on are checked; `from` is accepted only to be overwritten with the token's user.
 */
export const clientActivitySchema = z.looseObject({
  type: z.enum(['message', 'event', 'typing', 'invoke', 'messageReaction']),
  text: z.string().max(10_000).optional(),
  textFormat: z.string().max(20).optional(),
  locale: localeSchema.optional(),
  name: z.string().max(256).optional(),
  value: z.unknown().optional(),
  from: channelAccountSchema.optional(),
  attachments: z
    .array(z.looseObject({ contentType: z.string().max(256) }))
    .max(10)
    .optional(),
  channelData: z.looseObject({ clientActivityID: z.string().max(256).optional() }).optional(),
});

/** An activity the bot sends through the connector API. */
export const botActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(256).optional(),
  text: z.string().max(100_000).optional(),
  from: channelAccountSchema.optional(),
  replyToId: z.string().max(256).optional(),
});

/** An activity the bot sent, as validated. */
export type BotActivity = z.infer<typeof botActivitySchema>;
