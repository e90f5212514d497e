/** Dialog ids: the names dialogs use to start each other. */
export const DIALOG = {
  main: 'mainDialog',
  /** The main dialog's understand-and-route waterfall: a message read afresh, as if it opened the conversation. */
  route: 'mainRoute',
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
