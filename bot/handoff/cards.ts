import { CardFactory, type Attachment } from 'botbuilder';
import type { Lang } from '../domain/language.js';
import type { Case } from '../cases/caseSchema.js';
import type { CaseOrganisation } from '../cases/caseService.js';
import { describePriorityIn } from '../cases/priority.js';
import type { TextFn } from '../cases/texts.js';
import { quoteCustomerText } from './relayText.js';

type CardElement = Record<string, unknown>;

/** How many of the customer's last messages the handoff card shows. */
const LAST_MESSAGES = 5;
/** How many SIMs the card lists before summarising. */
const SIMS_SHOWN = 10;

function card(body: CardElement[], actions: CardElement[]): Attachment {
  // Adaptive Cards 1.5 with Action.Submit only: the newest Teams renders and the same card works in Web Chat.
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    actions,
  });
}

function fact(title: string, value: string): CardElement {
  return { title, value: value || '—' };
}

/**
 * The card an agent sees when a case is handed over: who, organisation, VIP, priority and why,
 * intent/category, SIMs and findings, checks already done, the last customer messages, and a
 * *Pick up* button.
 */
export function handoffCard(
  c: Case,
  org: CaseOrganisation | undefined,
  lang: Lang,
  text: TextFn,
): Attachment {
  const t = (key: string, vars?: Record<string, string | number>): string =>
    text(lang, `desk.card.${key}`, vars);
  const vip = org?.vip ?? c.priorityInputs.vip;
  const sims =
    c.sims.length > SIMS_SHOWN
      ? `${c.sims.slice(0, SIMS_SHOWN).join(', ')} … (+${c.sims.length - SIMS_SHOWN})`
      : c.sims.join(', ');
  const lastMessages = c.transcript.filter((e) => e.from === 'customer').slice(-LAST_MESSAGES);
  const body: CardElement[] = [
    {
      type: 'TextBlock',
      size: 'Medium',
      weight: 'Bolder',
      wrap: true,
      text: t('title', { id: c.id, level: c.priority.level }),
    },
    {
      type: 'FactSet',
      facts: [
        fact(t('customer'), c.contactUserId),
        fact(t('organisation'), org?.name ?? c.organisationName),
        fact(t('vip'), vip ? t('yes') : t('no')),
        fact(t('priority'), describePriorityIn(c, lang, text)),
        fact(
          t('intent'),
          `${text(lang, `cases.type.${c.type}`)} / ${text(lang, `cases.category.${c.category}`)}`,
        ),
        fact(t('reason'), handoffReasonText(c, lang, text)),
        fact(t('sims'), `${sims}${c.sims.length > 0 ? ' ' : ''}(~${c.affectedCount})`),
        fact(t('status'), text(lang, `cases.status.${c.status}`)),
        // A case linked to a network outage is handled knowing the outage, not as a device problem.
        ...(c.incidentId ? [fact(t('incident'), c.incidentId)] : []),
      ],
    },
    { type: 'TextBlock', weight: 'Bolder', text: t('findings'), wrap: true },
    {
      type: 'TextBlock',
      wrap: true,
      text: c.findings.length ? c.findings.map((f) => `- ${f.code}: ${f.text}`).join('\n') : t('none'),
    },
    { type: 'TextBlock', weight: 'Bolder', text: t('checks'), wrap: true },
    {
      type: 'TextBlock',
      wrap: true,
      text: checksText(c, lang) || t('none'),
    },
    { type: 'TextBlock', weight: 'Bolder', text: t('lastMessages'), wrap: true },
    {
      type: 'TextBlock',
      wrap: true,
      // Quoted line by line: a customer's text cannot pass for a line of the card's own.
      text: lastMessages.length ? lastMessages.map((e) => quoteCustomerText(e.text)).join('\n\n') : t('none'),
    },
  ];
  return card(body, [
    { type: 'Action.Submit', title: t('pickUp'), data: { deskAction: 'pick', caseId: c.id } },
    { type: 'Action.Submit', title: t('showQueue'), data: { deskAction: 'queue' } },
  ]);
}

/** The readable checks in the agent's language; cases recorded before they existed show their raw trail. */
function checksText(c: Case, lang: Lang): string {
  const lines = c.checkReport.length
    ? c.checkReport.map((line) => line[lang] ?? Object.values(line)[0] ?? '')
    : c.checksDone;
  return lines.map((line) => `- ${line}`).join('\n');
}

/**
 * The queue, highest priority first, with a *Pick* button per case. Rows are numbered "#1", "#2": a line starting
 * "1." is a Markdown list item, which renderers number on their own (every row showed "1.").
 */
export function queueCard(
  queue: readonly Case[],
  lang: Lang,
  text: TextFn,
  offeredTo: (caseId: string) => string = () => '',
): Attachment {
  const t = (key: string, vars?: Record<string, string | number>): string =>
    text(lang, `desk.card.${key}`, vars);
  const body: CardElement[] = [
    {
      type: 'TextBlock',
      size: 'Medium',
      weight: 'Bolder',
      text: t('queueTitle', { count: queue.length }),
      wrap: true,
    },
  ];
  if (queue.length === 0) body.push({ type: 'TextBlock', text: t('queueEmpty'), wrap: true });
  queue.forEach((c, i) => {
    const offered = offeredTo(c.id);
    body.push({
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            {
              type: 'TextBlock',
              wrap: true,
              text: t('queueRow', {
                n: i + 1,
                id: c.id,
                organisation: c.organisationName,
                priority: describePriorityIn(c, lang, text),
              }),
            },
            ...(offered
              ? [{ type: 'TextBlock', wrap: true, isSubtle: true, text: t('offeredTo', { agent: offered }) }]
              : []),
          ],
        },
        {
          type: 'Column',
          width: 'auto',
          items: [
            {
              type: 'ActionSet',
              actions: [
                { type: 'Action.Submit', title: t('pick'), data: { deskAction: 'pick', caseId: c.id } },
              ],
            },
          ],
        },
      ],
    });
  });
  return card(
    body,
    queue.length ? [{ type: 'Action.Submit', title: t('pickNext'), data: { deskAction: 'pick_next' } }] : [],
  );
}

/** A case offered to the agent: who and why, with *Pick up* and *Decline*. */
export function offerCard(c: Case, lang: Lang, text: TextFn, seconds: number): Attachment {
  const t = (key: string, vars?: Record<string, string | number>): string =>
    text(lang, `desk.card.${key}`, vars);
  return card(
    [
      {
        type: 'TextBlock',
        wrap: true,
        weight: 'Bolder',
        text: t('offered', { id: c.id, organisation: c.organisationName, seconds }),
      },
      { type: 'TextBlock', wrap: true, text: describePriorityIn(c, lang, text) },
    ],
    [
      { type: 'Action.Submit', title: t('pickUp'), data: { deskAction: 'pick', caseId: c.id } },
      { type: 'Action.Submit', title: t('decline'), data: { deskAction: 'decline', caseId: c.id } },
    ],
  );
}

/** The agent's controls while working a case. */
export function workingCard(c: Case, lang: Lang, text: TextFn): Attachment {
  const t = (key: string, vars?: Record<string, string | number>): string =>
    text(lang, `desk.card.${key}`, vars);
  return card(
    [{ type: 'TextBlock', wrap: true, text: t('working', { id: c.id }) }],
    [
      { type: 'Action.Submit', title: t('resolve'), data: { deskAction: 'resolve', caseId: c.id } },
      { type: 'Action.Submit', title: t('release'), data: { deskAction: 'release', caseId: c.id } },
      { type: 'Action.Submit', title: t('handBack'), data: { deskAction: 'handback', caseId: c.id } },
    ],
  );
}

/**
 * Why the case was handed over, in words: the flow's own reason when a troubleshooting flow handed it over
 * ("the SIM reached its data limit"), else the general one; a reason this version has no text for shows as recorded.
 */
export function handoffReasonText(
  c: Pick<Case, 'handoffReason' | 'handoffDetail'>,
  lang: Lang,
  text: TextFn,
): string {
  for (const code of [c.handoffDetail, c.handoffReason]) {
    if (!code) continue;
    try {
      return text(lang, `desk.reason.${code}`);
    } catch {
      return code;
    }
  }
  return '';
}
