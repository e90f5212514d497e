import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  UserState,
  type StatePropertyAccessor,
} from 'botbuilder';
import {
  ComponentDialog,
  ConfirmPrompt,
  DialogSet,
  DialogTurnStatus,
  TextPrompt,
  WaterfallDialog,
  type DialogState,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import restify from 'restify';
import { serveBot } from './echoBot.js';

/** A running minimal dialog bot. */
export interface CoreBot {
  baseUrl: string;
  close(): Promise<void>;
}

interface Booking {
  destination?: string;
  origin?: string;
  travelDate?: string;
}

const BOOKING = 'bookingDialog';
const MAIN_WATERFALL = 'mainWaterfall';
const BOOKING_WATERFALL = 'bookingWaterfall';
const TEXT = 'textPrompt';
const CONFIRM = 'confirmPrompt';

/** The sample's BookingDialog: three text prompts and a confirmation. */
class BookingDialog extends ComponentDialog {
  constructor() {
    super(BOOKING);
    this.addDialog(new TextPrompt(TEXT))
      .addDialog(new ConfirmPrompt(CONFIRM))
      .addDialog(
        new WaterfallDialog(BOOKING_WATERFALL, [
          (step) => step.prompt(TEXT, 'To what city would you like to travel?'),
          (step) => {
            (step.options as Booking).destination = String(step.result);
            return step.prompt(TEXT, 'From what city will you be travelling?');
          },
          (step) => {
            (step.options as Booking).origin = String(step.result);
            return step.prompt(TEXT, 'On what date would you like to travel?');
          },
          (step) => {
            const booking = step.options as Booking;
            booking.travelDate = String(step.result);
            return step.prompt(
              CONFIRM,
              `Please confirm, I have you traveling to: ${booking.destination ?? ''} from: ${booking.origin ?? ''} on: ${booking.travelDate}. Is this correct?`,
              ['yes', 'no'],
            );
          },
          (step) => step.endDialog(step.result === true ? step.options : undefined),
        ]),
      );
    this.initialDialogId = BOOKING_WATERFALL;
  }
}

/** The sample's MainDialog: ask, run the booking, summarise, start over. */
class MainDialog extends ComponentDialog {
  constructor() {
    super('mainDialog');
    this.addDialog(new TextPrompt(TEXT))
      .addDialog(new BookingDialog())
      .addDialog(
        new WaterfallDialog(MAIN_WATERFALL, [
          (step) =>
            step.prompt(TEXT, {
              prompt:
                (step.options as { restartMsg?: string } | undefined)?.restartMsg ??
                'What can I help you with today?',
            }),
          (step) => step.beginDialog(BOOKING, {}),
          async (step: WaterfallStepContext) => {
            const booking = step.result as Booking | undefined;
            if (booking)
              await step.context.sendActivity(
                `I have you booked to ${booking.destination ?? ''} from ${booking.origin ?? ''} on ${booking.travelDate ?? ''}.`,
              );
            return step.replaceDialog(this.initialDialogId, { restartMsg: 'What else can I do for you?' });
          },
        ]),
      );
    this.initialDialogId = MAIN_WATERFALL;
  }

  /** The sample's `run`: continue the active dialog or begin this one. */
  async run(
    context: Parameters<DialogSet['createContext']>[0],
    accessor: StatePropertyAccessor<DialogState>,
  ) {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }
}

/**
 * The benchmark's dialog floor, shaped like the Bot Framework core-bot sample (without LUIS): restify 11
 * + `CloudAdapter`, `ConversationState` and `UserState` over `MemoryStorage`, a `ComponentDialog` with a
 * waterfall and text/confirm prompts, a welcome message, and `saveChanges` on both states after every turn.
 */
export async function startCoreBot(): Promise<CoreBot> {
  const server = restify.createServer({ name: 'core-bench', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, mapFiles: false }));
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const dialogState = conversationState.createProperty<DialogState>('DialogState');
  const dialog = new MainDialog();
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await dialog.run(context, dialogState);
    await next();
  });
  bot.onMembersAdded(async (context, next) => {
    for (const member of context.activity.membersAdded ?? []) {
      if (member.id === context.activity.recipient.id) continue;
      await context.sendActivity('Welcome to the core bot benchmark!');
    }
    await next();
  });
  bot.onDialog(async (context, next) => {
    await conversationState.saveChanges(context, false);
    await userState.saveChanges(context, false);
    await next();
  });
  return serveBot(server, adapter, bot);
}
