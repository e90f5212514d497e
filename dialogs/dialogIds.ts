/** Dialog ids: the names dialogs use to start each other. */
export const DIALOG = {
  main: 'mainDialog',
  troubleshoot: 'troubleshootDialog',
  simLookup: 'simLookupDialog',
  flowWalk: 'flowWalkDialog',
  caseStatus: 'caseStatusDialog',
  handoff: 'handoffDialog',
  request: 'requestDialog',
  followUpOffer: 'followUpOfferDialog',
  closeCase: 'closeCaseDialog',
  fleet: 'fleetDialog',
} as const;
