import type { Incident } from '../../bot/incidents/incidentSchema.js';
import type { DispatchCounts } from '../../bot/incidents/noticeOutbox.js';

/** What declaring, updating and resolving answer. */
export interface Announced {
  incident: Incident;
  notices: DispatchCounts;
}

/** A JSON response of the operations API: its status and parsed body. */
export interface ApiResult<T> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * `POST` JSON to a path of the operations API (with `Authorization: Bearer <token>` when a token is given). Returns
 * the status and parsed body; nothing is asserted.
 */
export async function apiPost<T = Announced>(
  baseUrl: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<ApiResult<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

/** An API error body. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** A declaration body affecting Acme Logistics only (its SIM …050 roams in Germany on Telekom.de). */
export const GERMANY_OUTAGE = {
  title: 'Data outage at partner Telekom.de',
  scope: { countries: ['DE'], services: ['data'] },
  message: {
    en: 'Devices roaming in Germany cannot open data sessions; the partner operator is restarting a gateway.',
    es: 'Los dispositivos en itinerancia en Alemania no pueden abrir sesiones de datos; el operador socio está reiniciando una pasarela.',
  },
};
