/**
 * Changes that belong together commit together: every repository write made inside
 * {@link UnitOfWork.transaction}'s `work` — in any repository of the same store — is durable all at once
 * or not at all, and a failure (a thrown error, a refused write, a crash) leaves none of them. The
 * services that need it (an incident and the case linked to it, a follow-up schedule and its case) get
 * one through their constructor; the rest of the code never sees which store runs it.
 *
 * `work` must change data only through the stores: on PostgreSQL a transaction that lost a deadlock or
 * an insert race is run again from the start. A transaction started inside another joins it.
 */
export interface UnitOfWork {
  transaction<R>(work: () => Promise<R>): Promise<R>;
}

/**
 * Runs the work as it is, each write durable on its own: for repositories used outside a store's
 * wiring (unit tests), where there is nothing to group writes in.
 */
export const UNGROUPED: UnitOfWork = {
  transaction: (work) => work(),
};
