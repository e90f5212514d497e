import { ActivityTypes } from 'botbuilder';
import { z } from 'zod';

/** Longest message text Firstline accepts; beyond this a customer gets a clear 413. */
export const MAX_TEXT_LENGTH = 32_000;

const KNOWN_TYPES = Object.values(ActivityTypes) as string[];

const account = z.looseObject({ id: z.string().min(1, 'must not be empty') });

/**
 * The minimum a Bot Framework activity must carry before the adapter sees it. Anything else is
 * passed through untouched (channels add their own fields).
 */
export const inboundActivitySchema = z.looseObject({
  type: z.string().refine((t) => KNOWN_TYPES.includes(t), { message: 'unknown activity type' }),
  channelId: z.string().min(1, 'must not be empty'),
  serviceUrl: z.url({ message: 'must be an absolute http(s) URL' }),
  conversation: z.looseObject({ id: z.string().min(1, 'must not be empty') }),
  from: account,
  recipient: account.optional(),
  text: z.string().optional(),
  locale: z.string().max(20).optional(),
});

export type InboundActivity = z.infer<typeof inboundActivitySchema>;
