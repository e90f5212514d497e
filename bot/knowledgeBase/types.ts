import type { Localized } from '../domain/language.js';

/**
 * The meaning of a communication plan. The connectivity platform only returns the plan's *name*;
 * `knowledge/plans.json` says what it includes. (Contract type: the zod schema in planSchema.ts must
 * infer a type assignable to this.)
 */
export interface Plan {
  name: string;
  description: Localized;
  /** The APN(s) a device must use; the first one is the one Firstline recommends. */
  apns: string[];
  services: { data: boolean; smsMo: boolean; smsMt: boolean; voice: boolean; csd: boolean };
  radio: Array<'2G' | '3G' | '4G' | '5G' | 'LTE-M' | 'NB-IoT'>;
  /** ISO 3166 alpha-2 of the operator's home network for this plan. */
  homeCountry: string;
  /** Roaming zone ids (defined in plans.json `zones`) and extra countries the plan allows. */
  roaming: { zones: string[]; countries: string[] };
  /** Monthly data limit in MB, null for none. */
  dataLimitMb: number | null;
  /** What customers call the plan, per language ("the EU one"): read like its name at an order's plan question. */
  aliases?: Partial<Record<string, string[]>>;
  /** Made for one customer: shown only to organisations with a SIM on it (never in answers to others). */
  private?: boolean;
}

/** Read access to the plan catalogue. */
export interface PlanCatalogue {
  getPlan(name: string): Plan | undefined;
  /** Every ISO alpha-2 country the plan allows (home country + zones + countries). */
  allowedCountries(plan: Plan): ReadonlySet<string>;
}
