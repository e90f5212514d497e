import type { Plan, PlanCatalogue } from './types.js';

/** The plan catalogue of one knowledge version (`knowledge/plans.json`). */
export class JsonPlanCatalogue implements PlanCatalogue {
  private readonly plans: ReadonlyMap<string, Plan>;

  constructor(
    plans: readonly Plan[],
    private readonly zones: Readonly<Record<string, readonly string[]>>,
  ) {
    this.plans = new Map(plans.map((plan) => [plan.name, plan]));
  }

  /** Plan names are matched exactly first, then ignoring case and surrounding spaces (platform data varies). */
  getPlan(name: string): Plan | undefined {
    const exact = this.plans.get(name);
    if (exact) return exact;
    const wanted = name.trim().toLowerCase();
    return [...this.plans.values()].find((plan) => plan.name.toLowerCase() === wanted);
  }

  allowedCountries(plan: Plan): ReadonlySet<string> {
    const countries = new Set<string>([plan.homeCountry, ...plan.roaming.countries]);
    for (const zone of plan.roaming.zones)
      for (const country of this.zones[zone] ?? []) countries.add(country);
    return countries;
  }

  /** Every plan, in catalogue order (editors' and diagnostics' view: never shown to customers as such). */
  list(): readonly Plan[] {
    return [...this.plans.values()];
  }

  /**
   * The plans a customer may see, in catalogue order: the public ones, and the private ones their own SIMs are
   * on (`ownPlans`: plan names of the organisation's SIMs; empty for someone unidentified).
   */
  visibleTo(ownPlans: ReadonlySet<string>): readonly Plan[] {
    const own = new Set([...ownPlans].map((name) => name.trim().toLowerCase()));
    return this.list().filter((plan) => !plan.private || own.has(plan.name.toLowerCase()));
  }
}
