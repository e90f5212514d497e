import { howToAnswer } from './nlu/howToAnswer.js';
import { requestedLanguage } from './nlu/languageRequest.js';
import { restBesideMeta } from './nlu/metaRequest.js';
import './loadEnv.js';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { AgentTokens, AGENT_TOKEN_COLLECTION } from './api/agentTokens.js';
import { ContactLog, CONTACT_COLLECTION } from './api/contactLog.js';
import { registerOpenApiRoute } from './api/openApi.js';
import { registerOperationsApi } from './api/operationsApi.js';
import { CachingBotFrameworkAuthentication } from './http/cachingAuthentication.js';
import { registerIncidentApi } from './incidents/incidentApi.js';
import { IncidentConversation } from './incidents/incidentConversation.js';
import { AffectedCorrection } from './cases/affectedCorrection.js';
import { INCIDENT_COLLECTION } from './incidents/incidentSchema.js';
import { IncidentService } from './incidents/incidentService.js';
import { NoticeOutbox } from './incidents/noticeOutbox.js';
import { NOTICE_COLLECTION } from './incidents/noticeSchema.js';
import { KnownConversations, KNOWN_CONVERSATION_COLLECTION } from './turn/knownConversations.js';
import { buildApp, listen } from './app.js';
import { CaseCounter, COUNTER_COLLECTION, highestNumber } from './cases/caseCounter.js';
import { CASE_COLLECTION } from './cases/caseRepository.js';
import type { Case } from './cases/caseSchema.js';
import { CaseService } from './cases/caseService.js';
import { IdleCaseSweeper } from './cases/idleCaseSweeper.js';
import { IdleCloseNotifier } from './cases/idleCloseNotifier.js';
import { loadConfig, ConfigError, type Config } from './config.js';
import { ConversationLock } from './conversationLock.js';
import { ControlCenterProvider } from './connectivity/controlCenterProvider.js';
import { EmbeddedProvider } from './connectivity/embeddedProvider.js';
import { seedInventoryIfEmpty } from './connectivity/inventorySeed.js';
import { evidenceConflicts } from './connectivity/evidenceConflicts.js';
import { interpretModemEvidence } from './connectivity/modemEvidence.js';
import type { ConnectivityProvider } from './connectivity/provider.js';
import { knownSimRefs, SimLookupService } from './connectivity/simLookup.js';
import { isProblemIntent } from './nlu/types.js';
import { namedSimsAnswer } from './connectivity/simAnswer.js';
import { SimRecheck } from './connectivity/liveRecheck.js';
import { SIM_COLLECTION } from './connectivity/simRecord.js';
import { registerDirectLine } from './directline/directLine.js';
import { EmbeddedDirectLineStore } from './directline/embeddedStore.js';
import { createPostgresDirectLineStore } from './directline/postgresStore.js';
import type { DirectLineStore } from './directline/store.js';
import { directLineTokenKey } from './directline/tokenKey.js';
import { Directory } from './directory/directory.js';
import { ORGANISATION_COLLECTION, USER_COLLECTION } from './directory/schemas.js';
import type { Lang } from './domain/language.js';
import { FollowUpScheduler } from './followUp/followUpScheduler.js';
import { FollowUpService } from './followUp/followUpService.js';
import { SCHEDULE_COLLECTION } from './followUp/scheduleSchema.js';
import { AgentDesk } from './handoff/agentDesk.js';
import { CaseLog, type CaseLogDoc } from './handoff/caseLog.js';
import { CaseLogRecorder } from './handoff/caseLogRecorder.js';
import { DESK_OFFER_COLLECTION } from './handoff/deskOffers.js';
import { registerConsoleApi } from './console/consoleApi.js';
import { ConsoleEvents } from './console/consoleEvents.js';
import { registerConsolePage } from './console/consolePage.js';
import { ConsoleSessions, CONSOLE_SESSION_COLLECTION } from './console/consoleSessions.js';
import { TeamsSsoVerifier } from './console/teamsSso.js';
import { ContactCentreHandoff } from './handoff/contactCentre.js';
import { DESK_AGENT_COLLECTION } from './handoff/deskAgents.js';
import type { HandoffReason } from './handoff/triggers.js';
import { INTERNAL_MESSAGES_PATH, INTERNAL_SECRET_HEADER } from './http/internalDelivery.js';
import { LocalConnectorHttpClient } from './http/localConnectorClient.js';
import { ServiceUrlGuard } from './http/serviceUrlGuard.js';
import { TurnAdapter } from './http/turnAdapter.js';
import { KnowledgeBaseStore } from './knowledgeBase/store.js';
import { createLogger } from './logger.js';
import { IntentModels } from './nlu/intentModels.js';
import { NluRecognizer } from './nlu/recognizer.js';
import { FileKnowledgeReleases } from './knowledgeBase/releases/fileReleases.js';
import { registerKnowledgeApi } from './knowledgeBase/web/knowledgeApi.js';
import { PreviewConversations } from './knowledgeBase/web/previewConversations.js';
import { AdapterMessenger } from './proactiveMessenger.js';
import { DATA_LAYOUT } from './storage/dataDir.js';
import type { JournalIo } from './storage/journal.js';
import { instanceIdOf, openStores } from './storage/openStores.js';
import type { Stores } from './storage/stores.js';
import { SupportBot } from './supportBot.js';
import { FirstlineMetrics } from './metrics/metrics.js';
import { MeteredProvider } from './metrics/meteredProvider.js';
import { meteredStorage } from './metrics/meteredStorage.js';
import { registerMetricsRoute } from './metrics/metricsRoute.js';
import { TurnsInFlight } from './turn/turnsInFlight.js';
import { createTurnErrorHandler } from './turnErrorHandler.js';
import { TypingIndicator } from './typingIndicator.js';
import { TurnStateGuard } from './turn/stateGuard.js';
import { turnConversationState, turnUserState } from './turn/turnStates.js';
import { defaultProfile, PROFILE_PROPERTY, type ConversationProfile } from './turn/conversationProfile.js';
import { registerWebPages } from './web/pages.js';
import { CaseStatusDialog } from '../dialogs/caseStatusDialog.js';
import { CloseCaseDialog } from '../dialogs/closeCaseDialog.js';
import { DialogKit } from '../dialogs/dialogKit.js';
import { FleetDialog } from '../dialogs/fleetDialog.js';
import { FlowWalkDialog, type EvidenceInterpreter } from '../dialogs/flowWalkDialog.js';
import { HandoffDialog } from '../dialogs/handoffDialog.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import { RequestDialog } from '../dialogs/requestDialog.js';
import { SimLookupDialog } from '../dialogs/simLookupDialog.js';
import { TroubleshootDialog } from '../dialogs/troubleshootDialog.js';

const DAY_MS = 24 * 3600 * 1000;
/** How long an agent stays signed in to the console. */
const CONSOLE_SESSION_MS = 12 * 3600 * 1000;

/** A running Firstline: the HTTP server and what must be stopped with it. */
export interface Firstline {
  server: Server;
  /** Bound port (after {@link Firstline.start}). */
  readonly port: number;
  readonly baseUrl: string;
  /** The store this instance runs on (lowdb or PostgreSQL). */
  readonly stores: Stores;
  /** This instance's Prometheus metrics (served at `GET /metrics`). */
  readonly metrics: FirstlineMetrics;
  start(): Promise<void>;
  /**
   * Shut down gracefully: unready and refusing new work at once, background jobs stopped, running turns given
   * up to `SHUTDOWN_GRACE_MS` to finish, then connections, Direct Line streams and the store closed.
   */
  close(): Promise<void>;
}

/** Seams below the real wiring, for tests that inject faults (a failing disk). */
export interface FirstlineSeams {
  /** File operations of the storage journal's appends. */
  journalIo?: JournalIo;
}

/**
 * Create and wire every object of Firstline — the only place that does. Tests call it with their
 * own configuration (temp DATA_DIR, port 0) and get the real server.
 */
export async function createFirstline(
  config: Config,
  logger: Logger,
  seams: FirstlineSeams = {},
): Promise<Firstline> {
  const dataDir = path.resolve(config.DATA_DIR);
  const knowledgeDir = path.resolve(config.KNOWLEDGE_DIR);

  // lowdb: locks DATA_DIR, replays the journal and verifies every data file. PostgreSQL: migrates the schema.
  const stores = await openStores(config, logger, seams);
  // Prometheus figures of this instance (GET /metrics); the desk gauges read the desk, built further down.
  const metrics = new FirstlineMetrics({
    instanceId: stores.instanceId,
    desk: {
      queueLength: () => desk.queue().length,
      oldestWaitSeconds: () => {
        const queued = desk.queue().map((c) => Date.parse(c.queuedAt ?? c.createdAt));
        return queued.length === 0 ? 0 : Math.max(0, (Date.now() - Math.min(...queued)) / 1000);
      },
    },
  });
  // Turns running now: a shutdown waits for them (SHUTDOWN_GRACE_MS); while it does, new work is refused.
  const turnsInFlight = new TurnsInFlight();
  let accepting = true;

  // Each knowledge version's intent classifier is trained on its own examples before it is served (atomic
  // reload); accepted versions are kept under DATA_DIR for rollback.
  const intentModels = new IntentModels(path.join(dataDir, DATA_LAYOUT.cache, 'nlu'), logger);
  const releases = new FileKnowledgeReleases(
    path.join(dataDir, 'knowledge-releases'),
    config.KNOWLEDGE_KEEP_VERSIONS,
  );
  const knowledge = await KnowledgeBaseStore.load(knowledgeDir, logger, {
    prepare: (kb) => intentModels.prepare(kb.intentTraining),
    releases,
  });
  const text = (lang: Lang, key: string, vars?: Readonly<Record<string, string | number | boolean | null>>) =>
    knowledge.current().text(lang, key, vars);
  const recognizer = new NluRecognizer({
    classifiers: () => intentModels.classifiers(knowledge.current().intentTraining),
    models: () => intentModels.info,
    ...(config.NLU_THRESHOLD !== undefined ? { threshold: config.NLU_THRESHOLD } : {}),
    // Small talk follows the knowledge base's word lists, hot-reloaded with it.
    smallTalk: () => knowledge.current().smallTalk,
    languages: () => knowledge.current().languages,
    spoken: () => knowledge.current().spoken,
    entityWords: () => knowledge.current().entityWords,
  });

  const organisations = await stores.open(ORGANISATION_COLLECTION);
  const users = await stores.open(USER_COLLECTION);
  const directory = new Directory(organisations, users, logger);
  const inventory = await stores.open(SIM_COLLECTION);
  // Demo customers, agent and SIMs: local mode or DEMO_DATA=true only, never into production data.
  if (config.demoData) {
    await directory.seedIfEmpty(path.join(knowledgeDir, 'demo', 'directory.json'));
    await seedInventoryIfEmpty(inventory, path.join(knowledgeDir, 'demo', 'inventory.json'), logger);
  }
  const platform: ConnectivityProvider =
    config.CONNECTIVITY_PROVIDER === 'control_center'
      ? new ControlCenterProvider({
          baseUrl: config.CONTROL_CENTER_BASE_URL ?? '',
          username: config.CONTROL_CENTER_USERNAME ?? '',
          apiKey: config.CONTROL_CENTER_API_KEY ?? '',
          logger,
          timeoutMs: config.CONTROL_CENTER_TIMEOUT_MS,
          ratePerSecond: config.CONTROL_CENTER_RATE_PER_SECOND,
        })
      : new EmbeddedProvider(inventory);
  const provider = new MeteredProvider(platform, metrics);
  // A fleet overview checks at most 15 SIMs live: at Control Center's 5 calls/s that is ~9 s in one turn.
  const sims = new SimLookupService(provider, inventory, () => knowledge.current().plans, logger, {
    text,
    languages: () => knowledge.current().spoken.list,
    countries: () => knowledge.current().countries,
    fleetMaxSims: 15,
  });

  const caseRepo = await stores.open(CASE_COLLECTION);
  const counters = await stores.open(COUNTER_COLLECTION);
  const counter = new CaseCounter(counters);
  // A lost or restored counter file must not hand out numbers that stored records already carry.
  await counter.reconcile(highestNumber(caseRepo.ids(), 'CS-'));
  const cases = new CaseService({ repo: caseRepo, counter, text });
  const contacts = new ContactLog(await stores.open(CONTACT_COLLECTION));
  const knownConversations = new KnownConversations(await stores.open(KNOWN_CONVERSATION_COLLECTION));
  const agentTokens = new AgentTokens(await stores.open(AGENT_TOKEN_COLLECTION));

  // A turn's state writes are conditional on what it read: a turn that ran into another is retried, not lost.
  const stateGuard = new TurnStateGuard();
  const storage = stateGuard.storage(meteredStorage(stores.botState, metrics));
  // ConversationState / UserState keys and semantics, with cheaper change detection (see turnStates.ts).
  const conversationState = turnConversationState(storage);
  const userState = turnUserState(storage);
  const profile = conversationState.createProperty<ConversationProfile>(PROFILE_PROPERTY);
  const dialogState = conversationState.createProperty<DialogState>('dialogState');

  const appId = config.MicrosoftAppId ?? '';
  // Outbound clients are built once per (app id, service URL, audience), not per turn.
  const auth = new CachingBotFrameworkAuthentication({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new TurnAdapter(auth);
  // Our own Direct Line runs in this process: its activities reach the bot through an internal route (loopback
  // + a per-process secret, never logged) served by an anonymous adapter, which also sends the proactive
  // messages to its local connector — no channel JWT in, no AAD token out, with or without an app id.
  const directLineAdapter = new TurnAdapter(
    // Its own HTTP client: the SDK's cannot reach an IPv6 literal such as http://[::1]:3978 (HOST=::1).
    new CachingBotFrameworkAuthentication({}, undefined, undefined, undefined, {
      httpClient: new LocalConnectorHttpClient(),
    }),
  );
  const internalSecret = randomBytes(32).toString('base64url');
  // The bound address is known only after listen(); Direct Line and the messenger read it when they need it.
  const endpoint = { port: 0, baseUrl: '' };
  // Both adapters share the same middleware instances, so one conversation's turns stay serialised.
  const onTurnError = metrics.countTurnErrors(
    createTurnErrorHandler({
      logger,
      conversationState,
      texts: (lang, kind) => text(lang, `bot.error.${kind}`),
      langOf: async (context) =>
        (await profile.get(context, defaultProfile(knowledge.current().spoken.fallback))).lang,
      quarantine: (file) => storage.quarantine(file),
    }),
  );
  // One turn per conversation at a time, across instances; a turn that loses an ETag conflict runs again.
  const conversationLock = new ConversationLock(onTurnError, {
    turnLocks: stores.turnLocks,
    states: [conversationState, userState],
    stateGuard,
    logger,
  });
  // Turns that wait on the platform (live look-ups) show "typing…" in Teams and Web Chat.
  const typingIndicator = new TypingIndicator(logger);
  // Every case's whole conversation, one document per case (the console shows it); recorded turn by turn.
  // Its lines are announced on the cluster bus: a console on any instance sees them live.
  const caseLog = new CaseLog(stores.documents<CaseLogDoc>('caseLogs', { cacheSize: 200 }), {
    bus: stores.bus,
    onPublishError: (err) => logger.warn({ err }, 'case log: a line could not be announced to the cluster'),
  });
  const deskAgents = await stores.open(DESK_AGENT_COLLECTION);
  const deskOffers = await stores.open(DESK_OFFER_COLLECTION);
  const consoleEvents = new ConsoleEvents({
    cases,
    log: caseLog,
    offers: deskOffers,
    agents: deskAgents,
    bus: stores.bus,
  });
  const recorder = new CaseLogRecorder({
    cases,
    log: caseLog,
    logger,
    onCustomerTyping: (c) => consoleEvents.customerTyping(c),
  });
  // The /knowledge page's preview chats run on the files as they are on disk, not yet served.
  const previews = new PreviewConversations(knowledge);
  for (const turnAdapter of [adapter, directLineAdapter])
    turnAdapter.use(turnsInFlight, metrics.turnMiddleware(), previews.middleware());
  for (const turnAdapter of [adapter, directLineAdapter])
    turnAdapter.use(conversationLock, typingIndicator, recorder);
  const messenger = new AdapterMessenger(adapter, appId, {
    adapter: directLineAdapter,
    serviceUrl: () => endpoint.baseUrl,
  });

  const scheduler = new FollowUpScheduler({
    schedules: await stores.open(SCHEDULE_COLLECTION),
    cases,
    messenger,
    text,
    logger,
    intervalMs: config.FOLLOW_UP_TICK_MS,
    claims: stores.claims,
    unitOfWork: stores,
  });
  const sweeper = new IdleCaseSweeper({
    cases,
    notifier: new IdleCloseNotifier({ cases, messenger, text, logger, claims: stores.claims }),
    logger,
    idleMs:
      config.CASE_IDLE_CLOSE_MS > 0 ? config.CASE_IDLE_CLOSE_MS : config.CASE_IDLE_CLOSE_HOURS * 3600_000,
    intervalMs: config.FOLLOW_UP_TICK_MS,
  });
  const keepOpenMs =
    config.FOLLOW_UP_DELAY_MS > 0 ? config.FOLLOW_UP_DELAY_MS : config.FOLLOW_UP_DAYS * DAY_MS;
  // The desk offers follow-ups and the follow-up service re-queues at the desk: each refers to the
  // other only when called, so both can be built in this order.
  const followUps: FollowUpService = new FollowUpService({
    cases,
    scheduler,
    text,
    logger,
    requeue: (caseId, context): Promise<number> => desk.enqueue(caseId, context, 'flow_unresolved'),
    keepOpenMs,
    languages: () => knowledge.current().languages,
    spoken: () => knowledge.current().spoken,
  });
  const offerFollowUp = (c: Case): Partial<Activity>[] => followUps.offerActivities(c);
  const agentsConversation =
    config.AGENTS_CONVERSATION_ID && config.AGENTS_SERVICE_URL
      ? {
          conversation: { id: config.AGENTS_CONVERSATION_ID },
          serviceUrl: config.AGENTS_SERVICE_URL,
          channelId: 'msteams',
        }
      : undefined;
  const person = (userId: string): string | undefined => {
    const who = directory.identify({ id: userId });
    return who.kind === 'anonymous' ? undefined : who.user.name;
  };
  const agentDirectory = () => directory.agents().map((a) => ({ id: a.id, name: a.name }));
  const evidence: EvidenceInterpreter = {
    interpret: (entities) => interpretModemEvidence(entities.modem, text, knowledge.current().spoken.list),
    reconcile: (facts) => evidenceConflicts(facts, text, knowledge.current().spoken.list),
  };
  const desk: AgentDesk = new AgentDesk({
    cases,
    agents: deskAgents,
    offers: deskOffers,
    log: caseLog,
    messenger,
    text,
    logger,
    organisation: (id) => directory.organisation(id),
    person,
    agentDirectory,
    teams: () => knowledge.current().teams,
    spoken: () => knowledge.current().spoken,
    vocabulary: () => knowledge.current().vocabulary,
    identifySims: (organisationId, refs) => sims.identify(organisationId, refs),
    checkSims: async (organisationId, iccids) => {
      const results = await sims.lookup(organisationId, knownSimRefs(iccids));
      return results.flatMap((r) => r.findings.filter((f) => f.severity !== 'info' && f.code !== 'HEALTHY'));
    },
    interpretEvidence: (entities) => evidence.interpret(entities).findings,
    answerHowTo: (recognition, lang, organisationId, accept) =>
      howToAnswer(knowledge.current(), recognition, lang, sims.plansOf(organisationId), accept),
    languageAsked: (said) => {
      const kb = knowledge.current();
      const lang = requestedLanguage(said, kb);
      return lang ? { lang, more: restBesideMeta(said, kb) !== undefined } : undefined;
    },
    describeSims: async (c, lang) => {
      // The service the case is about is checked on the plan too ("IoT Data Only does not include voice calls").
      const service = isProblemIntent(c.category) ? { service: c.category } : {};
      const results = await sims.lookup(c.organisationId, knownSimRefs(c.sims), service);
      if (results.some((r) => r.outcome === 'unavailable')) return undefined;
      return namedSimsAnswer(knowledge.current(), lang, results, new Date(), { caseId: c.id });
    },
    conversationLang: (ref) => knownConversations.langOf(ref.channelId, ref.conversation?.id ?? ''),
    offerFollowUp,
    offerMs: config.DESK_OFFER_SECONDS * 1000,
    ...(agentsConversation ? { agentsConversation } : {}),
  });
  const contactCentre =
    config.HANDOFF_MODE === 'contact_centre'
      ? new ContactCentreHandoff({
          cases,
          desk,
          text,
          logger,
          organisation: (id) => directory.organisation(id),
          offerFollowUp,
        })
      : undefined;

  const handoffTarget = {
    handOff: async (context: TurnContext, caseId: string, reason: HandoffReason, detail?: string) => {
      metrics.handoffs.inc({ mode: contactCentre ? 'contact_centre' : 'desk', reason });
      if (contactCentre) await contactCentre.initiate(context, caseId, reason, detail);
      else await desk.enqueue(caseId, context, reason, detail);
    },
  };

  // The outbox reports check-ins back to the incidents, which are built after it: bound when called.
  const outbox: NoticeOutbox = new NoticeOutbox({
    notices: await stores.open(NOTICE_COLLECTION),
    incident: (id) => incidents.get(id),
    messenger,
    text,
    logger,
    concurrency: config.INCIDENT_SEND_CONCURRENCY,
    intervalMs: config.FOLLOW_UP_TICK_MS,
    afterSend: (notice) => incidents.afterSend(notice),
    claims: stores.claims,
  });
  const incidentRepo = await stores.open(INCIDENT_COLLECTION);
  const incidentCounter = new CaseCounter(counters, 1001, 'incidents');
  await incidentCounter.reconcile(highestNumber(incidentRepo.ids(), 'INC-'));
  const incidents: IncidentService = new IncidentService({
    incidents: incidentRepo,
    counter: incidentCounter,
    cases,
    outbox,
    audience: {
      sims: (filter) => inventory.list(filter),
      organisationIds: () => directory.allOrganisations().map((o) => o.id),
      conversations: (organisationId) => knownConversations.ofOrganisation(organisationId),
      caseConversations: (organisationId) =>
        cases
          .forOrganisation(organisationId)
          .flatMap((c) => (c.conversation ? [{ reference: c.conversation, lang: c.lang }] : [])),
    },
    checkInDelayMs:
      config.INCIDENT_CHECK_IN_DELAY_MS > 0
        ? config.INCIDENT_CHECK_IN_DELAY_MS
        : config.INCIDENT_CHECK_IN_MINUTES * 60_000,
    logger,
    unitOfWork: stores,
  });
  const incidentConversation = new IncidentConversation({
    incidents,
    cases,
    followUps,
    handOff: handoffTarget.handOff,
    text,
    vocabulary: () => knowledge.current().vocabulary,
    logger,
  });

  const affectedCorrection = new AffectedCorrection({
    cases,
    text,
    vocabulary: () => knowledge.current().vocabulary,
  });
  const kit = new DialogKit(
    knowledge,
    profile,
    logger,
    [incidentConversation, affectedCorrection],
    (organisationId) => sims.plansOf(organisationId),
  );
  const mainDialog = new MainDialog(
    kit,
    recognizer,
    [
      new TroubleshootDialog(kit, cases, evidence, offerFollowUp, incidents, sims),
      new SimLookupDialog(kit, sims, cases, evidence),
      new FlowWalkDialog(kit, evidence, new SimRecheck(sims), cases, sims),
      new CaseStatusDialog(kit, cases, () => new Date()),
      new HandoffDialog(kit, cases, handoffTarget, sims),
      new RequestDialog(kit, cases, sims),
      new CloseCaseDialog(kit, cases, followUps),
      new FleetDialog(kit, sims),
    ],
    cases,
  );
  const bot = new SupportBot({
    conversationState,
    userState,
    dialogState,
    mainDialog,
    kit,
    directory,
    recognizer,
    cases,
    desk,
    followUps,
    ...(contactCentre ? { contactCentre } : {}),
    contacts,
    knownConversations,
    incidents: incidentConversation,
    logger,
  });
  adapter.onTurnError = directLineAdapter.onTurnError = onTurnError;

  const server = buildApp({
    logger,
    adapter,
    bot,
    maxBodyBytes: config.MAX_BODY_BYTES,
    ...(config.localMode ? { serviceUrlGuard: new ServiceUrlGuard(config.SERVICE_URL_ALLOWLIST) } : {}),
    internal: { adapter: directLineAdapter, secret: internalSecret, serviceUrl: () => endpoint.baseUrl },
    accepting: () => accepting,
    onServerError: () => metrics.errors.inc({ source: 'http' }),
    readiness: [
      { name: 'accepting', ready: () => accepting },
      { name: 'storage', ready: () => stores.ready() },
      { name: 'knowledge', ready: () => knowledge.current().flowIds().length > 0 },
      { name: 'nlu', ready: () => recognizer.models.length > 0 },
    ],
  });
  // Direct Line conversations live in the store: DATA_DIR files (with its journal) or PostgreSQL's tables.
  const directLineStore: DirectLineStore = stores.pool
    ? createPostgresDirectLineStore(stores.pool, { logger })
    : new EmbeddedDirectLineStore({
        dir: path.join(dataDir, 'directline'),
        ...(stores.journal ? { journal: stores.journal } : {}),
        fsync: config.DATA_FSYNC,
        logger,
      });
  const directLine = registerDirectLine(server, {
    store: directLineStore,
    tokenKey: await directLineTokenKey(config.DIRECT_LINE_TOKEN_KEY, dataDir),
    allowedOrigins: config.DIRECT_LINE_ALLOWED_ORIGINS,
    botEndpoint: () => `${endpoint.baseUrl}${INTERNAL_MESSAGES_PATH}`,
    botHeaders: () => ({ [INTERNAL_SECRET_HEADER]: internalSecret }),
    serviceUrl: () => endpoint.baseUrl,
    ...(config.DIRECT_LINE_SECRET ? { secret: config.DIRECT_LINE_SECRET } : {}),
    localMode: config.localMode,
    tokenTtlSeconds: config.DIRECT_LINE_TOKEN_TTL_SECONDS,
    logger,
  });
  registerWebPages(server, { localMode: config.localMode, logger });
  // The agent console (/agent, also the Teams tab) and its API, signed in with the agents' own credentials.
  const teamsSso = config.TEAMS_SSO_CLIENT_ID
    ? new TeamsSsoVerifier({
        clientId: config.TEAMS_SSO_CLIENT_ID,
        ...(config.TEAMS_SSO_TENANT_ID ? { tenantId: config.TEAMS_SSO_TENANT_ID } : {}),
        ...(config.TEAMS_SSO_JWKS_URL ? { jwksUrl: config.TEAMS_SSO_JWKS_URL } : {}),
      })
    : undefined;
  registerConsolePage(server, { teamsTab: teamsSso !== undefined, logger });
  // One session store: an agent signed in to the console is signed in to the knowledge page too.
  const consoleSessions = new ConsoleSessions(
    await stores.open(CONSOLE_SESSION_COLLECTION),
    CONSOLE_SESSION_MS,
  );
  registerConsoleApi(server, {
    desk,
    cases,
    events: consoleEvents,
    sims,
    sessions: consoleSessions,
    agentTokens,
    directoryAgents: () => directory.agents(),
    text,
    organisation: (id) => directory.organisation(id),
    person,
    incident: (id) => incidents.get(id),
    cannedReplies: () => knowledge.current().cannedReplies,
    teams: () => knowledge.current().teams,
    spoken: () => knowledge.current().spoken,
    localMode: config.localMode,
    ...(teamsSso ? { teamsSso } : {}),
    logger,
  });
  // The knowledge editors' page (/knowledge) and its API, behind agent or editor credentials.
  registerKnowledgeApi(server, {
    store: knowledge,
    releases,
    previews,
    issueToken: (user) => directLine.issueToken(user),
    sessions: consoleSessions,
    agentTokens,
    people: () => [...directory.agents(), ...directory.editors()],
    previewCustomers: () =>
      config.localMode ? users.list((u) => u.role === 'customer' && u.id.startsWith('demo-')) : [],
    ...(config.ADMIN_TOKEN ? { adminToken: config.ADMIN_TOKEN } : {}),
    localMode: config.localMode,
    logger,
  });
  registerOperationsApi(server, {
    cases,
    contacts,
    agentTokens,
    isAgent: (userId) => directory.agents().some((agent) => agent.id === userId),
    ...(config.ADMIN_TOKEN ? { adminToken: config.ADMIN_TOKEN } : {}),
    logger,
  });
  registerMetricsRoute(server, { metrics, tokens: [config.METRICS_TOKEN, config.ADMIN_TOKEN] });
  registerOpenApiRoute(server);
  registerIncidentApi(server, {
    incidents,
    organisationExists: (id) => directory.organisation(id) !== undefined,
    spoken: () => knowledge.current().spoken,
    agentTokens,
    isAgent: (userId) => directory.agents().some((agent) => agent.id === userId),
    ...(config.ADMIN_TOKEN ? { adminToken: config.ADMIN_TOKEN } : {}),
    logger,
  });

  let closing: Promise<void> | undefined;
  return {
    server,
    metrics,
    get port() {
      return endpoint.port;
    },
    get baseUrl() {
      return endpoint.baseUrl;
    },
    stores,
    async start(): Promise<void> {
      endpoint.port = await listen(server, config.PORT, config.host);
      const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
      endpoint.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${endpoint.port}`;
      if (config.KNOWLEDGE_WATCH) knowledge.watch();
      await scheduler.start();
      await incidents.start();
      await sweeper.start();
      await desk.start();
      logger.info(
        { url: endpoint.baseUrl, localMode: config.localMode, provider: provider.name },
        'Firstline is listening',
      );
    },
    async close(): Promise<void> {
      closing ??= (async () => {
        // Unready at once, new work refused (503, retried elsewhere by the balancer); running turns finish.
        accepting = false;
        // No new claims: the jobs stop after the tick under way, which settles or releases its claims.
        await scheduler.stop();
        await incidents.stop();
        await sweeper.stop();
        await desk.stop();
        if (!(await turnsInFlight.drained(config.SHUTDOWN_GRACE_MS)))
          logger.warn(
            { turns: turnsInFlight.count, graceMs: config.SHUTDOWN_GRACE_MS },
            'shutdown: turns still running after SHUTDOWN_GRACE_MS; closing anyway',
          );
        consoleEvents.close();
        caseLog.close();
        await directLine.close();
        await directLineStore.close();
        await knowledge.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Answers being written finish; then event streams and idle keep-alive connections are cut.
        server.server.closeIdleConnections();
        await Promise.race([closed, new Promise((r) => setTimeout(r, 500).unref())]);
        server.server.closeAllConnections();
        await closed;
        // Turn locks are session locks on the pool's connections: ending the pools releases them.
        await stores.close();
      })();
      return closing;
    },
  };
}

/** `npm start`: load .env, validate, start; a bad configuration is one clear line and exit 1. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // Every line says which instance wrote it (INSTANCE_ID, default <hostname>-<pid>).
  const logger = createLogger(config.LOG_LEVEL, undefined, { instance: instanceIdOf(config) });
  try {
    const firstline = await createFirstline(config, logger);
    await firstline.start();
    const stop = async (signal: string) => {
      logger.info({ signal }, 'shutting down');
      await firstline.close();
      process.exit(0);
    };
    const onSignal = (signal: string) => {
      stop(signal).catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
    };
    process.once('SIGINT', () => onSignal('SIGINT'));
    process.once('SIGTERM', () => onSignal('SIGTERM'));
  } catch (error) {
    logger.fatal({ err: error }, 'Firstline could not start');
    process.stderr.write(`Firstline could not start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
