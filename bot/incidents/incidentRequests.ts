import { z } from 'zod';
import { INCIDENT_SERVICES, OPEN_INCIDENT_STATUSES, localizedMessageSchema } from './incidentSchema.js';

const openStatus = z.enum(OPEN_INCIDENT_STATUSES, {
  message: 'expected investigating, identified or monitoring (resolve with POST /api/incidents/:id/resolve)',
});

/** A customer-facing message in the request: `{"en": "…", "es": "…"}`, at least one language. */
const messageSchema = localizedMessageSchema.refine((m) => Object.keys(m).length > 0, {
  message: 'give the message in at least one language ("en" or "es")',
});

/** `scope` of `POST /api/incidents`: at least one of countries, operators, organisationIds or all. */
export const scopeRequestSchema = z
  .strictObject({
    countries: z
      .array(
        z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as "DE"'),
      )
      .max(250)
      .default([]),
    operators: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
    organisationIds: z.array(z.string().min(1).max(200)).max(10_000).default([]),
    services: z.array(z.enum(INCIDENT_SERVICES)).default([]),
    all: z.boolean().default(false),
  })
  .refine((s) => s.all || s.countries.length + s.operators.length + s.organisationIds.length > 0, {
    message: 'name who is affected: countries, operators, organisationIds, or all: true',
  });

/** Body of `POST /api/incidents`. */
export const declareIncidentSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  status: openStatus.default('investigating'),
  scope: scopeRequestSchema,
  message: messageSchema.optional(),
});
export type DeclareIncident = z.output<typeof declareIncidentSchema>;

/** Body of `POST /api/incidents/:id/updates`: a new status and/or a new message. */
export const updateIncidentSchema = z
  .strictObject({ status: openStatus.optional(), message: messageSchema.optional() })
  .refine((u) => u.status !== undefined || u.message !== undefined, {
    message: 'give a new status and/or a message',
    path: ['status'],
  });
export type UpdateIncident = z.output<typeof updateIncidentSchema>;

/** Body of `POST /api/incidents/:id/resolve` (may be empty). */
export const resolveIncidentSchema = z.strictObject({ message: messageSchema.optional() });
export type ResolveIncident = z.output<typeof resolveIncidentSchema>;
