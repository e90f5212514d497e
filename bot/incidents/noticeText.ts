import type { Activity } from 'botbuilder';
import type { TextFn } from '../cases/texts.js';
import type { Lang } from '../domain/language.js';
import { cardActivity } from '../followUp/cards.js';
import { textActivity } from '../handoff/messenger.js';
import type { Incident, LocalizedMessage } from './incidentSchema.js';
import type { Notice } from './noticeSchema.js';

/** A localized message in `lang`, else the knowledge text `fallbackKey` in `lang` (never the other language). */
export function localized(
  message: LocalizedMessage | undefined,
  lang: Lang,
  text: TextFn,
  fallbackKey: string,
): string {
  return message?.[lang] ?? text(lang, fallbackKey);
}

/** The incident's customer-facing message in force, in `lang`. */
export function currentMessage(incident: Incident, lang: Lang, text: TextFn): string {
  return localized(incident.message, lang, text, 'incident.message.default');
}

/** The incident's status in words. */
export function statusText(incident: Pick<Incident, 'status'>, lang: Lang, text: TextFn): string {
  return text(lang, `incident.status.${incident.status}`);
}

/** The check-in buttons' values: "is everything working again?" after an incident's fix. */
export interface IncidentCheckInValue {
  incidentAction: 'check_yes' | 'check_no';
  incidentId: string;
}

/** What one outbox notice says, in the conversation's language. */
export function noticeActivity(notice: Notice, incident: Incident, text: TextFn): Partial<Activity> {
  const { lang } = notice;
  const update = incident.updates[notice.seq];
  const vars = {
    id: incident.id,
    status: text(lang, `incident.status.${update?.status ?? incident.status}`),
  };
  switch (notice.kind) {
    case 'declared':
      return textActivity(
        text(lang, 'incident.notice.declared', {
          ...vars,
          message: localized(update?.message, lang, text, 'incident.message.default'),
        }),
      );
    case 'update':
      return textActivity(
        text(lang, 'incident.notice.update', {
          ...vars,
          message: currentMessageAt(incident, notice.seq, lang, text),
        }),
      );
    case 'resolved':
      return textActivity(
        text(lang, 'incident.notice.resolved', {
          ...vars,
          message: localized(update?.message, lang, text, 'incident.message.resolvedDefault'),
        }),
      );
    case 'check_in': {
      const t = (key: string): string => text(lang, key, { id: incident.id });
      const data = (incidentAction: IncidentCheckInValue['incidentAction']): Record<string, unknown> =>
        ({ incidentAction, incidentId: incident.id }) satisfies IncidentCheckInValue;
      return cardActivity(t('incident.checkIn'), [
        { title: t('incident.checkIn.yes'), data: data('check_yes') },
        { title: t('incident.checkIn.no'), data: data('check_no') },
      ]);
    }
  }
}

/** The message in force at update `seq`: a status-only update repeats the latest message given before it. */
function currentMessageAt(incident: Incident, seq: number, lang: Lang, text: TextFn): string {
  for (let i = seq; i >= 0; i -= 1) {
    const message = incident.updates[i]?.message;
    if (message) return localized(message, lang, text, 'incident.message.default');
  }
  return text(lang, 'incident.message.default');
}
