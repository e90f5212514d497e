/** A change that lost a race: the case moved on since it was read (another agent took it, it closed…). */
export class CaseConflictError extends Error {
  constructor(
    readonly caseId: string,
    readonly reason: string,
    readonly holder?: string,
  ) {
    super(`CaseService: ${caseId} ${reason}`);
    this.name = 'CaseConflictError';
  }
}

/** A case id that does not exist (or belongs to another organisation). */
export class CaseNotFoundError extends Error {
  constructor(readonly caseId: string) {
    super(`CaseService: case ${caseId} not found`);
    this.name = 'CaseNotFoundError';
  }
}
