import type { Lang } from '../domain/language.js';
import type { CountryNames } from '../nlu/entities/countries.js';
import type { PlanChoice, PlanQuestion } from '../nlu/planQuestion.js';
import type { ProblemIntent } from '../nlu/types.js';
import { dataAmount, renderArticle } from './articleIndex.js';
import type { ArticleFile } from './schemas/articleSchema.js';
import type { TextVars } from './knowledgeBase.js';
import type { Plan, PlanCatalogue } from './types.js';

/** What the answer about a plan is written with: the texts, country names and where each plan works. */
export interface PlanAnswerKnowledge {
  text(lang: Lang, key: string, vars?: TextVars): string;
  countries: CountryNames;
  plans: Pick<PlanCatalogue, 'allowedCountries'>;
}

/** Whether a plan includes a service a customer asks about (SMS: sent or received). */
function includes(plan: Plan, service: ProblemIntent): boolean {
  const { services } = plan;
  if (service === 'sms') return services.smsMo || services.smsMt;
  return services[service];
}

/** "a, b and c" in the reply's language. */
function listed(kb: PlanAnswerKnowledge, lang: Lang, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${kb.text(lang, 'bot.plan.and')} ${items.at(-1) ?? ''}`;
}

/** Where a plan works: its home network's country, then the countries it roams in (plans.json's zones and countries). */
function whereItWorks(kb: PlanAnswerKnowledge, lang: Lang, plan: Plan): string {
  const home = kb.countries.name(plan.homeCountry, lang);
  const abroad = [...kb.plans.allowedCountries(plan)]
    .filter((code) => code !== plan.homeCountry)
    .map((code) => kb.countries.name(code, lang))
    .sort((a, b) => a.localeCompare(b, lang));
  return abroad.length === 0
    ? kb.text(lang, 'bot.plan.where.homeOnly', { home })
    : kb.text(lang, 'bot.plan.where.roaming', { home, countries: abroad.join(', ') });
}

/** The plan's services, included and not, as the summary names them ("data, SMS sent and received"). */
function servicesOf(
  kb: PlanAnswerKnowledge,
  lang: Lang,
  plan: Plan,
): { included: string[]; excluded: string[] } {
  const { services } = plan;
  const sms =
    services.smsMo && services.smsMt
      ? 'smsBoth'
      : services.smsMo
        ? 'smsMo'
        : services.smsMt
          ? 'smsMt'
          : undefined;
  const all: Array<[string, boolean]> = [
    ['data', services.data],
    [sms ?? 'sms', sms !== undefined],
    ['voice', services.voice],
    ['csd', services.csd],
  ];
  const name = (key: string): string => kb.text(lang, `bot.plan.service.${key}`);
  return {
    included: all.filter(([, has]) => has).map(([key]) => name(key)),
    excluded: all.filter(([, has]) => !has).map(([key]) => name(key)),
  };
}

/** The whole plan: what it includes and not, its monthly data, its APN, its networks and where it works. */
function summary(kb: PlanAnswerKnowledge, lang: Lang, plan: Plan): string {
  const { included, excluded } = servicesOf(kb, lang, plan);
  const description = plan.description[lang] ?? Object.values(plan.description)[0] ?? '';
  const lines = [
    kb.text(lang, 'bot.plan.summary', { plan: plan.name, description }),
    kb.text(lang, 'bot.plan.line.services', { services: included.join(', ') }),
    ...(excluded.length > 0
      ? [kb.text(lang, 'bot.plan.line.excluded', { services: excluded.join(', ') })]
      : []),
    kb.text(lang, 'bot.plan.line.data', {
      data: plan.dataLimitMb === null ? kb.text(lang, 'bot.plan.noLimit') : dataAmount(plan.dataLimitMb),
    }),
    kb.text(lang, 'bot.plan.line.apn', { apns: apnsOf(plan) }),
    kb.text(lang, 'bot.plan.line.radio', { radio: plan.radio.join(', ') }),
    kb.text(lang, 'bot.plan.line.where', { where: whereItWorks(kb, lang, plan) }),
  ];
  return lines.join('\n');
}

/** A plan's APNs as code: "`iot.firstline.example`". */
function apnsOf(plan: Plan): string {
  return plan.apns.map((apn) => `\`${apn}\``).join(', ');
}

/**
 * The sentences that answer what was asked, before the whole plan: a service asked about answers yes or no first
 * ("No — IoT Data SMS does not include voice calls.") and names the plans that have it; a country asked about the
 * same; the monthly data, the APN, where it roams when asked.
 */
function leads(
  kb: PlanAnswerKnowledge,
  lang: Lang,
  plan: Plan,
  question: PlanQuestion,
  plans: readonly Plan[],
): string[] {
  const out: string[] = [];
  const serviceName = (service: ProblemIntent): string => kb.text(lang, `bot.plan.asked.${service}`);
  const missing = question.services.filter((service) => !includes(plan, service));
  const present = question.services.filter((service) => includes(plan, service));
  const others = (fits: (other: Plan) => boolean): string =>
    plans
      .filter((other) => other.name !== plan.name && fits(other))
      .map((other) => other.name)
      .join(', ');
  if (missing.length > 0)
    out.push(
      kb.text(lang, 'bot.plan.lead.serviceNo', {
        plan: plan.name,
        services: listed(kb, lang, missing.map(serviceName)),
      }),
    );
  if (present.length > 0)
    out.push(
      kb.text(lang, missing.length > 0 ? 'bot.plan.lead.serviceAlso' : 'bot.plan.lead.serviceYes', {
        plan: plan.name,
        services: listed(kb, lang, present.map(serviceName)),
      }),
    );
  for (const service of missing) {
    const with_ = others((other) => includes(other, service));
    if (with_)
      out.push(kb.text(lang, 'bot.plan.lead.serviceOthers', { service: serviceName(service), plans: with_ }));
  }
  const allowed = kb.plans.allowedCountries(plan);
  const outside = question.countries.filter((code) => !allowed.has(code));
  const inside = question.countries.filter((code) => allowed.has(code));
  const countryNames = (codes: readonly string[]): string =>
    listed(
      kb,
      lang,
      codes.map((code) => kb.countries.name(code, lang)),
    );
  if (outside.length > 0) {
    out.push(kb.text(lang, 'bot.plan.lead.countryNo', { plan: plan.name, countries: countryNames(outside) }));
    const covering = others((other) => outside.every((code) => kb.plans.allowedCountries(other).has(code)));
    if (covering)
      out.push(
        kb.text(lang, 'bot.plan.lead.countryOthers', { countries: countryNames(outside), plans: covering }),
      );
  }
  if (inside.length > 0)
    out.push(
      kb.text(lang, outside.length > 0 ? 'bot.plan.lead.countryAlso' : 'bot.plan.lead.countryYes', {
        plan: plan.name,
        countries: countryNames(inside),
      }),
    );
  if (question.allowance)
    out.push(
      plan.dataLimitMb === null
        ? kb.text(lang, 'bot.plan.lead.noLimit', { plan: plan.name })
        : kb.text(lang, 'bot.plan.lead.allowance', { plan: plan.name, data: dataAmount(plan.dataLimitMb) }),
    );
  if (question.roaming)
    out.push(
      kb.text(lang, 'bot.plan.lead.roaming', { plan: plan.name, where: whereItWorks(kb, lang, plan) }),
    );
  if (question.apn) out.push(kb.text(lang, 'bot.plan.lead.apn', { plan: plan.name, apns: apnsOf(plan) }));
  if (missing.length > 0 || outside.length > 0) out.push(kb.text(lang, 'bot.plan.move'));
  return out;
}

/**
 * The answer to a question about one plan ({@link PlanQuestion}), in `lang`: what was asked first, then the whole
 * plan — every fact from plans.json, so a plan an editor adds is answered with no code — and `article`, an article
 * that also answers the question, for that plan only. `plans`: the plans this customer may be shown; a plan not among
 * them (another organisation's private plan) is never described — the customer is told which plans the bot can tell
 * them about.
 */
export function planAnswer(
  kb: PlanAnswerKnowledge,
  lang: Lang,
  question: PlanQuestion,
  plans: readonly Plan[],
  article?: ArticleFile,
): string {
  const asked = [question.plan, ...(question.alsoNamed ?? [])];
  const shown = asked.flatMap((name) => plans.filter((p) => p.name === name));
  if (shown.length < asked.length)
    return kb.text(lang, 'bot.plan.notShown', { plans: plans.map((p) => p.name).join(', ') });
  return [
    ...shown.flatMap((plan) => [leads(kb, lang, plan, question, plans).join(' '), summary(kb, lang, plan)]),
    article ? renderArticle(article, lang, shown) : '',
  ]
    .filter((part) => part.length > 0)
    .join('\n\n');
}

/**
 * The answer to which plans have a service or work in a country ({@link PlanChoice}), in `lang`: the plans of `plans`
 * (those this customer may be shown) that fit — or that none does — then `article`, the editors' answer on what each
 * plan includes, for those plans; without an article, each plan that fits with its description, or the offer to ask
 * the team.
 */
export function planChoiceAnswer(
  kb: PlanAnswerKnowledge,
  lang: Lang,
  choice: PlanChoice,
  plans: readonly Plan[],
  article?: ArticleFile,
): string {
  const fits = plans.filter(
    (plan) =>
      choice.services.every((service) => includes(plan, service)) &&
      choice.countries.every((code) => kb.plans.allowedCountries(plan).has(code)),
  );
  const vars = {
    services: listed(
      kb,
      lang,
      choice.services.map((service) => kb.text(lang, `bot.plan.asked.${service}`)),
    ),
    countries: listed(
      kb,
      lang,
      choice.countries.map((code) => kb.countries.name(code, lang)),
    ),
  };
  const asked =
    choice.services.length === 0 ? 'countries' : choice.countries.length === 0 ? 'services' : 'both';
  if (article) {
    const lead =
      fits.length === 0
        ? kb.text(lang, `bot.plan.choice.none.${asked}`, vars)
        : `${kb.text(lang, `bot.plan.choice.some.${asked}`, vars)} ${fits.map((plan) => `**${plan.name}**`).join(', ')}.`;
    return `${lead}\n\n${renderArticle(article, lang, plans)}`;
  }
  if (fits.length === 0)
    return [kb.text(lang, `bot.plan.choice.none.${asked}`, vars), kb.text(lang, 'bot.plan.choice.ask')].join(
      ' ',
    );
  return [
    kb.text(lang, `bot.plan.choice.some.${asked}`, vars),
    ...fits.map((plan) =>
      kb.text(lang, 'bot.plan.choice.item', {
        plan: plan.name,
        description: plan.description[lang] ?? Object.values(plan.description)[0] ?? '',
      }),
    ),
    '',
    kb.text(lang, 'bot.plan.choice.next'),
  ].join('\n');
}
