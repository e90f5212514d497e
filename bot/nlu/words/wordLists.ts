/**
 * How the code reads a word list:
 * - `smallTalk`: the whole message, or the phrase followed by punctuation or politeness ("yes please",
 *   "no, still nothing");
 * - `leading`: the message starts with the phrase ("yes it works", "no lo sé");
 * - `anywhere`: the phrase appears anywhere in the message, as whole words;
 * - `whole`: the whole message is the phrase (politeness around it allowed).
 */
export type WordListMode = 'smallTalk' | 'leading' | 'anywhere' | 'whole';

export interface WordListSpec {
  mode: WordListMode;
  doc: string;
  /**
   * Typed in a hurry, still meant: a word of 4 letters or more may carry one typo (a letter missing, added,
   * changed or two swapped: "bakc to bot") in a phrase of two words or more, as long as one word is exact.
   */
  typos?: true;
  /**
   * Also matched where a phrase of list `first` is followed, at most `within` words later, by a phrase of list `then`:
   * `symptom` reads "does not transmit", "makes no calls", "no nos llegan" from `reportNegation` and `deviceActivity`
   * (within 1), whatever verb form or filler the customer used, beside its own phrases; `serviceRequest` reads "turn
   * the SIM ending 0035 back on" from `switchVerb` and `backOn` (within 5: the SIM is named in between).
   */
  pair?: PairSpec | readonly PairSpec[];
  /**
   * A list whose phrases, where they cover a match of this one, cancel it: `orderStatus` finds "delivery" but not in
   * "SMS delivery reports" (`notOrderStatus`).
   */
  except?: string;
}

/** A phrase of list `first` followed, at most `within` words later, by a phrase of list `then`. */
export interface PairSpec {
  first: string;
  then: string;
  within: number;
}

/**
 * Every word list the code reads from `knowledge/nlu/words.<lang>.json`: the names are the contract, the
 * phrases are the editors'. Phrases are matched on whole words, ignoring case, accents and punctuation;
 * a word ending in `*` matches any word that starts with it (`caid*` matches "caída", "caidas").
 */
export const WORD_LISTS = {
  greeting: { mode: 'smallTalk', doc: 'Greetings ("hi", "hola").' },
  thanks: {
    mode: 'smallTalk',
    doc: 'Thanks ("thanks", "gracias"); also found anywhere in a closing message.',
  },
  yes: { mode: 'smallTalk', doc: 'Yes to a question ("yes", "sure", "vale"); the first words of an answer.' },
  no: {
    mode: 'smallTalk',
    doc: 'No to a question ("no", "nope", "para nada"); the first words of an answer.',
  },
  help: { mode: 'smallTalk', doc: 'Asking what the bot can do ("help", "ayuda").' },
  cancel: { mode: 'smallTalk', doc: 'Stop what is going on ("cancel", "olvídalo").' },
  restart: { mode: 'smallTalk', doc: 'Start over ("start over", "empezar de nuevo").' },
  softener: {
    mode: 'anywhere',
    doc: 'Words that soften a request and ask nothing of their own ("if it\'s no trouble", "for a moment", "si no le importa", "un momento"): beside "back to the bot" they are no question to answer.',
  },
  politeness: {
    mode: 'whole',
    doc: 'Politeness that may follow small talk without changing it ("please", "por favor").',
  },
  dontKnow: {
    mode: 'leading',
    doc: '"I don\'t know" as an answer ("not sure", "no lo sé"): never read as a no.',
  },
  done: {
    mode: 'anywhere',
    doc: 'The customer did what the bot asked ("done, I changed it", "listo, ya lo cambié"): check again, not a yes.',
  },
  many: {
    mode: 'anywhere',
    doc: 'The customer cannot name the SIMs because there are many ("lots of them", "son muchos"). Also read: a `vagueMany` phrase followed, at most three words later, by a `countedThings` word ("a number of our smart meters", "varios contadores", "un grupo de contadores").',
    pair: { first: 'vagueMany', then: 'countedThings', within: 3 },
  },
  vagueMany: {
    mode: 'anywhere',
    doc: 'A number told without a figure ("several", "a number of", "varios", "un grupo de"): before a `countedThings` word, many SIMs (`many`).',
  },
  stillBroken: {
    mode: 'anywhere',
    doc: 'It still does not work, as an answer to "does it work now?" ("still nothing", "sigue sin").',
  },
  worksNow: {
    mode: 'anywhere',
    doc: 'It works (again) now ("working again", "ya funciona"). Also read: a `deviceActivity` phrase followed, at most two words later, by an `againNow` phrase ("it transmits again", "the positions arrive again"), or right after an `againBefore` phrase ("the unit is once again transmitting", "nuevamente reporta").',
    pair: [
      { first: 'deviceActivity', then: 'againNow', within: 2 },
      { first: 'againBefore', then: 'deviceActivity', within: 0 },
    ],
    except: 'notWorksNow',
  },
  worksAlone: {
    mode: 'whole',
    doc: 'A whole sentence that says it works in a word or two ("works", "sorted", "funciona bien"): read as `worksNow` where a case is ended in words ("done. works", "listo. funciona").',
  },
  againBefore: {
    mode: 'anywhere',
    doc: 'Again, said before what the device does ("once again", "is again", "nuevamente"): right before a `deviceActivity` phrase, it works again ("is once again transmitting").',
  },
  notWorksNow: {
    mode: 'anywhere',
    doc: 'A `worksNow` phrase that says someone answered, not that a device works ("Dispatch just came back to me", "got back to us", "me volvió a escribir"): it cancels the `worksNow` match it covers.',
  },
  againNow: {
    mode: 'anywhere',
    doc: 'Again, as a device does what it did ("again", "de nuevo", "otra vez"): after a `deviceActivity` phrase, it works again.',
  },
  problemBack: {
    mode: 'anywhere',
    doc: 'The problem is back after the customer said it works again ("spoke too soon", "se ha vuelto a caer"). Also read: a `symptom` phrase followed, at most two words later, by an `againNow` phrase ("it dropped off again", "no transmite otra vez"). Said of the conversation\'s resolved case, it reopens that case.',
    pair: { first: 'symptom', then: 'againNow', within: 2 },
  },
  neverMind: {
    mode: 'anywhere',
    doc: 'The customer no longer needs help ("never mind", "olvídalo"); with customerCause it withdraws the case.',
  },
  customerCause: {
    mode: 'anywhere',
    doc: 'The cause was on the customer\'s side ("it was our server", "era nuestro servidor"): with neverMind the case is withdrawn (closed).',
  },
  noWatch: {
    mode: 'anywhere',
    doc: 'The customer wants no watch kept on a device that works again ("rather than keeping an eye on it", "we\'re scrapping that unit", "en vez de vigilarlo", "lo vamos a retirar"): with a close asked, the case is withdrawn (closed), not resolved and followed up.',
  },
  askPerson: {
    mode: 'anywhere',
    doc: 'A person asked for in words ("talk to a human", "pásenme con un asesor"): "can someone send us the invoice?" without it asks for a document, not a person.',
  },
  closeCase: {
    mode: 'anywhere',
    doc: 'Asking to close or resolve their case ("please close the case", "cierra el caso", "cerrá el caso").',
    typos: true,
    except: 'notCloseCase',
  },
  withdrawCase: {
    mode: 'anywhere',
    doc: 'Withdrawing the case ("we withdraw the request", "cancel the ticket", "retiro la solicitud"): closed, whatever else the message says ("it is back in Sweden tomorrow").',
  },
  orderFormLabel: {
    mode: 'whole',
    doc: 'The label of a line of an order written as a form ("Quantity", "Delivery address", "Cantidad", "Tipo de tarjeta"): two such lines ("Quantity: 200", "Plan: IoT Connect EU") make the message an order.',
  },
  signOff: {
    mode: 'leading',
    doc: 'A line that signs a message off ("Kind regards", "Thanks in advance", "Un saludo", "Atentamente"): a delivery address given in the message ends before it.',
  },
  insteadOf: {
    mode: 'anywhere',
    doc: 'What sets a service aside ("rather than", "instead of", "en vez de"): "a dial-up data link rather than the internet" names no data problem.',
  },
  chatCheck: {
    mode: 'anywhere',
    doc: 'Words about the chat itself from someone new to it ("is this working?", "do I just type here?", "first time using this", "¿puedo escribirle aquí?", "no sé si esto llega a alguien"): a sentence made only of them (and greetings) is left out of what the message asks; a message of nothing else is a greeting.',
  },
  whetherIf: {
    mode: 'anywhere',
    doc: 'Words that make the "if" after them a "whether" ("wondering if", "know if", "preguntaba si", "saber si"): what follows is asked about or told, never a case imagined — "I was wondering if you could look at 0050; it hasn\'t reported since Tuesday" reports a fault.',
  },
  ownDeactivation: {
    mode: 'anywhere',
    doc: 'The customer took the SIM out of service themselves ("we deactivated it ourselves", "la dimos de baja nosotros"): with a change asked of the SIM named, the silence told is why they ask — a service request, not a fault to troubleshoot.',
  },
  reportHeading: {
    mode: 'anywhere',
    doc: 'A heading that calls the message a report of a fault ("Incident report", "Fault report", "Parte de avería", "Informe de incidencia"): the fields under it report a problem — the words never ask for a document.',
  },
  disclaimer: {
    mode: 'leading',
    doc: 'The opening of a legal notice closing an e-mail ("This e-mail and any attachments are confidential", "AVISO LEGAL", "Este mensaje es confidencial"): that paragraph, at the end, is not the customer\'s words — its countries and numbers name no SIM.',
  },
  planPronoun: {
    mode: 'anywhere',
    doc: 'Words that make a plan\'s alias call the plan by itself ("the data only one", "el de solo datos"): the services in such an alias are the plan\'s name, not services the customer names — "it\'s the data only one … nothing SMS works" is about SMS.',
  },
  planNoun: {
    mode: 'anywhere',
    doc: 'What a plan is called ("plan", "tariff", "tarifa"): of two plans named by their short names ("Data SMS", "data-only"), the one beside it is the plan ordered.',
  },
  planAllowance: {
    mode: 'anywhere',
    doc: 'The monthly data asked of a plan ("how much data", "MB a month", "cuántos megas al mes"): a question about a named plan leads with its data.',
  },
  planContents: {
    mode: 'anywhere',
    doc: 'What a plan includes, asked ("what do we get with", "comes with", "qué trae", "incluye"): a question about a named plan that asks nothing in particular of it (a service, a country, its data, its APN) is answered with the whole plan only when it asks this — "what is the notice period on our Metering Critical contract?" is for the team.',
  },
  notATypo: {
    mode: 'anywhere',
    doc: 'Words that are words of their own, never read as a typo of a word-list phrase\'s word ("both" is not "bots": "the charge controller, both fine" is not "bots fine", back to the bot).',
  },
  planWhich: {
    mode: 'anywhere',
    doc: 'Which plan is asked for, naming none ("which of your plans", "a plan with", "¿cuál de vuestros planes?", "algún plan"): with a service or a country asked ("…support CSD?", "…que funcione en Marruecos"), the plans that fit answer it.',
  },
  planApn: {
    mode: 'anywhere',
    doc: 'The APN asked of a plan ("APN", "access point", "punto de acceso"): a question about a named plan leads with its APN.',
  },
  ratingOutOf: {
    mode: 'anywhere',
    doc: 'Between a typed rating and its scale ("out of", "sobre"): "2 out of 5", "les pongo un 2 sobre 5" rate the case the bot asked a rating for.',
  },
  ratingUnit: {
    mode: 'anywhere',
    doc: 'What a typed rating counts ("stars", "estrellas"): "4 stars" rates the case the bot asked a rating for.',
  },
  closeAsSolved: {
    mode: 'anywhere',
    doc: 'Asking to close the case as solved ("close it as solved", "cerrad la incidencia como resuelta", "dadlo por solucionado"): the case is resolved, not closed as withdrawn.',
  },
  backToBot: {
    mode: 'anywhere',
    doc: 'Back to the assistant from a person ("back to the bot", "volver al bot", "volvé al bot"): never a request for a person, on any case state. Also read: a `stayOn` phrase followed within three words by a `botSide` phrase ("I\'ll stay with the virtual assistant", "carry on here with you", "prefiero seguir contigo"), and a `declinePerson` phrase followed within three words by a `personNoun` ("please don\'t route me to a human agent", "no hace falta que me pasen con un agente").',
    typos: true,
    pair: [
      { first: 'stayOn', then: 'botSide', within: 3 },
      { first: 'declinePerson', then: 'personNoun', within: 3 },
    ],
  },
  declinePerson: {
    mode: 'anywhere',
    doc: 'Words that decline what follows ("don\'t", "no need to", "no hace falta que", "nada de"): before a `personNoun` they decline a person — back to the bot, never a request for one.',
  },
  personNoun: {
    mode: 'anywhere',
    doc: 'A person of the operator\'s team ("a human", "an agent", "an engineer", "un agente", "un técnico"): after a `declinePerson` phrase, a person declined.',
  },
  stayOn: {
    mode: 'anywhere',
    doc: 'Carrying on where one is ("stay with", "carry on", "sort this with", "sigo", "prefiero seguir"): before a `botSide` phrase it is back to the bot.',
  },
  botSide: {
    mode: 'anywhere',
    doc: 'The assistant as the customer names it ("the bot", "the virtual assistant", "you", "contigo"): after a `stayOn` phrase it is back to the bot.',
  },
  machineNoun: {
    mode: 'anywhere',
    doc: 'The assistant as something the customer does not want ("the machine", "an automated system", "la máquina", "el contestador"): a `declinePerson` or `withdrawPerson` phrase before it within three words refuses the machine, not a person ("no me pasés con la máquina, quiero hablar con una persona").',
  },
  refuseMachine: {
    mode: 'anywhere',
    doc: 'Words that refuse the machine named right after them ("no more", "not", "enough of", "no con un", "basta de"): a `backToBot` phrase whose `machineNoun` follows one ("no more bot please", "un agente de verdad, no con un bot. Porfa") does not ask for the bot. A `declinePerson` phrase right before the machine refuses it too ("I don\'t want to talk to the bot").',
  },
  timeAsked: {
    mode: 'anywhere',
    doc: 'Asking when ("what time", "en qué horario", "a qué hora"): a question that asks when a person can be talked to ("¿en qué horario puedo hablar con alguien de soporte?") asks for the hours, not for a person now.',
  },
  waitQuestion: {
    mode: 'anywhere',
    doc: 'Asking how long the wait for a person is ("how long", "cuánto falta"): while queued, the customer gets the case status.',
  },
  politeAsk: {
    mode: 'anywhere',
    doc: 'A question asked as a letter asks it, with no question mark ("we should be obliged if you would state", "kindly confirm", "le ruego me indique", "les agradecería me informasen"): the message is a question.',
  },
  relayedQuestion: {
    mode: 'anywhere',
    doc: 'A question passed on or wanted, with no question mark ("my site manager wants to know", "I only want to know", "el supervisor quiere saber", "me pregunta cuántas"): the message is a question.',
  },
  orderReference: {
    mode: 'anywhere',
    doc: 'An order named as a reference ("purchase order 44719", "número de pedido"): the `order` words inside it order nothing.',
  },
  fineThere: {
    mode: 'anywhere',
    doc: 'Devices told working ("are fine", "unaffected", "van bien", "funcionan con normalidad"): a clause of a fleet report with them and no symptom leaves its countries out ("300 of our trackers in Germany stopped. Trucks in Sweden and Denmark are fine").',
  },
  backReference: {
    mode: 'anywhere',
    doc: 'The SIMs just asked about ("of them", "those", "de ellas", "esas"): a second fleet question with one narrows the first ("1. How many are on IoT Connect EU? 2. Are any of them deactivated?") instead of being asked apart.',
  },
  thatPlan: {
    mode: 'anywhere',
    doc: 'The plan just talked about ("that plan", "on that one", "ese plan"): an order told right after a question about a plan was answered ("We\'d like 50 SIMs on that plan") is for that plan.',
  },
  samePlan: {
    mode: 'anywhere',
    doc: 'The plan the customer has already ("the same plan as our other cards", "el mismo plan que tengo"): at an order\'s plan question, the plan all their SIMs are on, when they are all on one — or, with one of their SIMs named ("like the one in truck 14, +46 72 123 40 84", "iguales que la del 070 123 44 71"), the plan that SIM is on.',
  },
  caseListQuestion: {
    mode: 'anywhere',
    doc: 'A question about the customer\'s cases as a whole ("how many open cases", "¿cuántos casos tenemos abiertos?"): asked, it is answered with their case list — never a request for the team.',
  },
  reportedBefore: {
    mode: 'anywhere',
    doc: 'A problem reported in an earlier contact ("I reported", "we raised a ticket", "os avisé", "abrí una incidencia"): with a `waitQuestion` asked, the customer asks about that case, not a new one.',
  },
  languageSwitch: {
    mode: 'anywhere',
    doc: 'Asking to go on in another language, right before the language\'s name ("continue in", "seguimos en"): never a request for a person.',
    except: 'notLanguageSwitch',
  },
  ownLanguage: {
    mode: 'anywhere',
    doc: 'The customer\'s own way with a language, right before (at most a word before) its name ("my English", "I don\'t speak", "mi inglés", "no hablo bien"): the clause tells why a language is asked for ("my English is not very good"), no problem and no answer.',
  },
  notLanguageSwitch: {
    mode: 'anywhere',
    doc: 'Someone else writing or speaking in a language ("my technician writes to me in English", "me escribe en inglés"): it cancels the `languageSwitch` match it covers — no language is asked for.',
  },
  simUnknown: {
    mode: 'anywhere',
    doc: 'The customer says they do not know which SIM it is ("no idea which SIM is in it", "no sé qué SIM lleva"): a report, never a question about the fleet. Also read: an `unknownWhich` phrase followed, at most one word later, by a `countedThings` word ("we have not yet been able to identify which SIM cards", "aún no sabemos qué tarjetas", "no sé qué contadores").',
    pair: { first: 'unknownWhich', then: 'countedThings', within: 1 },
  },
  unknownWhich: {
    mode: 'anywhere',
    doc: 'Not knowing which ("don\'t know which", "not yet been able to identify which", "no sabemos qué", "desconocemos cuáles"): before a `countedThings` word, the SIMs are unknown (`simUnknown`).',
  },
  asSaid: {
    mode: 'anywhere',
    doc: 'A reference back to what was said ("as I said", "like before", "como te decía", "como siempre"): a clause of it ending a message is no terse question ("…, como te decía").',
  },
  allOfThem: {
    mode: 'whole',
    doc: 'The whole answer to "which SIM?" is every one of them ("all", "all of them", "todas"): the fleet.',
  },
  leaveQueue: {
    mode: 'whole',
    doc: 'The whole message asks to leave the agent queue ("cancel", "salir de la cola").',
  },
  withdrawPerson: {
    mode: 'anywhere',
    typos: true,
    doc: 'Taking back the request for a person, in the first sentence of the next message while it waits in the queue ("no wait, it is not necessary", "don\'t transfer me", "mejor no, déjalo"): the customer continues with the bot and the rest of the message is read.',
  },
  willWait: {
    mode: 'anywhere',
    doc: 'The customer will wait for the person ("I\'ll wait", "espero"): a `withdrawPerson` phrase beside it takes nothing back ("never mind, I\'ll wait").',
  },
  question: {
    mode: 'leading',
    doc: 'Question openers ("how do I", "which", "¿cómo"): with a "?" they mark a question, not a report.',
  },
  howTo: {
    mode: 'leading',
    doc: 'How-to openers ("how do I", "¿cómo"): "how do I activate roaming?" asks how, "please activate roaming" asks for it.',
  },
  connective: {
    mode: 'leading',
    doc: 'Words that join a question to what came before ("and", "so", "y", "entonces"): "and how do I set it?" opens with a how-to all the same.',
  },
  explainHow: {
    mode: 'anywhere',
    doc: 'Asking to be told or shown ("explain me", "tell me", "explícame", "indicarme") right before a how-to opener: "would it be possible to explain me how I can switch off the PIN?" asks how.',
  },
  askInstruction: {
    mode: 'anywhere',
    doc: 'Asking what to type or set ("what do I type", "qué pongo", "the AT command for"): a how-to question even when it names an error.',
  },
  symptom: {
    mode: 'anywhere',
    doc: 'Words of a problem report ("not working", "no data", "sin datos"): a question with them is a problem. Also read: a `reportNegation` phrase followed, at most one word later, by a `deviceActivity` phrase ("does not transmit", "makes no calls", "no nos llegan").',
    pair: { first: 'reportNegation', then: 'deviceActivity', within: 1 },
  },
  reportNegation: {
    mode: 'anywhere',
    doc: 'A negation in a problem report ("not", "never", "no longer", "nunca", "sigue sin"): before a `deviceActivity` word it reports a symptom.',
  },
  negationLink: {
    mode: 'anywhere',
    doc: 'Words that carry a negation (or a `worksPending` word) on to what follows ("is", "been", "yet", "está", "ha sido"): "no está resuelto", "hasn\'t been resolved" say it is not working again.',
  },
  worksPending: {
    mode: 'anywhere',
    doc: 'Words that put a "works again" phrase still to come ("when", "once", "until", "hopefully", "cuando", "hasta que"): right before it, or before `negationLink` words, nothing works yet ("let me know when it\'s resolved").',
    except: 'notWorksPending',
  },
  notWorksPending: {
    mode: 'anywhere',
    doc: 'A `worksPending` word that says it is so now ("ahora sí", "ya sí": "ya está, ahora sí llama bien" — sí, not si; "like before": "like before, it works"): it cancels the `worksPending` match it covers.',
  },
  deviceActivity: {
    mode: 'anywhere',
    doc: 'What a working device does ("transmit*", "connect*", "calls", "llega*", "jala"): after a `reportNegation` it reports a symptom ("the SMS did not arrive", "no agarra señal").',
  },
  imagined: {
    mode: 'anywhere',
    doc: 'Opens a case imagined, not one reported ("what happens if", "qué pasa cuando", "in case"): the symptom words after it, to the end of its clause, are asked about ("what happens once a SIM runs out of data?"), not reported.',
  },
  imaginedLead: {
    mode: 'leading',
    doc: 'Opens a clause imagined when it starts it and its sentence asks something ("if the terminal goes offline on a Sunday, is anyone there?", "si se queda sin internet, ¿hay alguien?"): that clause reports nothing. Without a question in the sentence it imagines nothing ("si la tarjeta no funciona" may be "sí, …").',
  },
  askWhether: {
    mode: 'anywhere',
    doc: 'Asking whether something is needed ("do we need to", "¿tenemos que…?"): an order word in such a question ("do we need to buy a different card?") asks advice, it orders nothing.',
  },
  justAsking: {
    mode: 'anywhere',
    doc: 'The customer says they only ask ("just a question", "es para saber", "por curiosidad"): a question with nothing wrong in it goes to the team, however long, and opens no incident.',
  },
  pastEpisode: {
    mode: 'anywhere',
    doc: 'Places what a clause tells in the past, long enough ago to be over ("last Christmas we had a problem with the tyre supplier", "el año pasado tuvimos una caída"): its symptom words report nothing now — unless "since" comes right before ("since last year the meters drop out", "desde el año pasado").',
  },
  ongoingSince: {
    mode: 'anywhere',
    doc: 'Right before a `pastEpisode` phrase, makes it the start of something still going on ("since last year", "desde el año pasado"): its symptoms are reported.',
  },
  askAction: {
    mode: 'anywhere',
    doc: 'Asks someone to do something ("could you", "I need you to", "necesito que", "¿me lo pueden tramitar?"): in a long message, a change asked for in such a sentence, or right before one, is the request — "already swapped the SIM" tells what was done.',
  },
  holdOn: {
    mode: 'anywhere',
    doc: 'Asks the bot to wait while the customer finds or does something ("hang on", "let me check", "changing it now", "un momento"): at "which SIM?" or a troubleshooting question it is no failed answer — the question stays open.',
  },
  questionTag: {
    mode: 'anywhere',
    doc: 'A tag that ends a message to ask for agreement ("…that\'s the right one, isn\'t it?", "…¿verdad?"): read only at the very end, where its "not" reports nothing ("why isn\'t it passing traffic?" keeps its symptom).',
  },
  nothingWrong: {
    mode: 'anywhere',
    doc: 'The customer says nothing is wrong now ("no issue right now, just planning", "de momento no hay ningún problema"): what the message asks about reports no symptom, whatever it imagines ("is it cut off or just slowed down?").',
  },
  notSymptom: {
    mode: 'anywhere',
    doc: 'Phrases with a symptom word that report no problem ("by mistake", "por error"): their words are not read as symptoms.',
  },
  degraded: {
    mode: 'anywhere',
    doc: 'The service works but badly ("slow", "intermitente"): a lower severity than an outage.',
  },
  urgent: {
    mode: 'anywhere',
    doc: 'The customer says it is urgent ("urgent", "asap", "es urgente"): a VIP report goes to a person at once.',
  },
  outage: {
    mode: 'anywhere',
    doc: 'A network outage named ("outage", "caída de la red"); asked as a question it gets the incident status.',
  },
  order: {
    mode: 'anywhere',
    doc: 'Ordering SIMs ("order 500 SIMs", "quiero pedir", "tarjetas nuevas").',
    except: 'notOrder',
  },
  notOrder: {
    mode: 'anywhere',
    doc: 'Phrases holding an `order` word that order nothing ("I have another SIM", "probamos con otra tarjeta", "tengo otra sim que tampoco va"): the word inside them is not read.',
  },
  orderItem: {
    mode: 'anywhere',
    doc: 'What customers order ("SIMs", "SIM cards", "tarjetas", "chips"): a number of them with nothing wrong is an order.',
  },
  orderNeed: {
    mode: 'anywhere',
    doc: 'Needing or wanting something ("we need", "necesitamos", "ocupamos" in Mexico): with a number of SIMs and nothing wrong, an order.',
  },
  othersNeed: {
    mode: 'anywhere',
    doc: 'Someone else needing or wanting something ("the installer needs", "el jefe de obra necesita"): right before a number of SIMs ("necesita 100 SIM"), an order as much as `orderNeed` opening the clause.',
  },
  countedThings: {
    mode: 'anywhere',
    doc: 'What customers count, one word each, singular and plural ("SIMs", "meters", "chips", "contadores"): "300 trackers" is a number of affected SIMs.',
  },
  countFillers: {
    mode: 'anywhere',
    doc: 'Single words allowed between a number and what it counts ("of", "our", "smart", "nuevas"): "2000 of our smart meters".',
  },
  orderStatus: {
    mode: 'anywhere',
    doc: 'Where an order is ("shipped", "delivery", "envío"): a case question about orders.',
    except: 'notOrderStatus',
  },
  notOrderStatus: {
    mode: 'anywhere',
    doc: 'Phrases holding an `orderStatus` word that ask about no order ("SMS delivery reports", "informe de entrega"): the word inside them is not read.',
  },
  serviceRequest: {
    mode: 'anywhere',
    doc: 'A change to SIMs or the contract ("activate", "change the plan", "dar de baja"). Also read: a `switchVerb` phrase followed, at most five words later, by a `backOn` phrase ("turn the SIM ending 0035 back on", "vuelvan a activar la 0035").',
    pair: { first: 'switchVerb', then: 'backOn', within: 5 },
  },
  switchVerb: {
    mode: 'anywhere',
    doc: 'Switching something ("turn", "switch", "put", "vuelvan a", "volved a"): followed within five words by a `backOn` phrase, a change asked for.',
  },
  backOn: {
    mode: 'anywhere',
    doc: 'Back into service ("back on", "on again", "activar", "encender"): after a `switchVerb` phrase, a change asked for ("turn the SIM ending 0035 back on").',
  },
  informationRequest: {
    mode: 'anywhere',
    doc: 'Asking for information or documents ("price list", "documentation", "presupuesto"); not a cost only wondered about (`costWondered`).',
    except: 'costWondered',
  },
  questionTakenBack: {
    mode: 'anywhere',
    doc: 'A question taken back ("sorry, not that", "scratch that", "perdona, no era eso"): what the customer asked before it is set aside — "¿Cuántas SIM tenemos en Alemania? Perdona, no era eso: ¿cuáles están desactivadas?" asks only about the deactivated ones.',
  },
  costWondered: {
    mode: 'anywhere',
    doc: 'Whether something costs at all, wondered about ("does a deactivated SIM still cost us anything?", "¿nos sigue costando algo?"): no price or document asked for — the `informationRequest` word inside it ("cost") asks nothing of the team, so the question is offered to the team like any other it cannot answer.',
  },
  fleetQuestion: {
    mode: 'anywhere',
    doc: 'A question about the SIMs themselves ("which of my SIMs", "how many SIMs", "cuáles de mis SIM"); also a `fleetAsk` phrase followed within 3 words by a `countedThings` one ("which of our vending machine SIMs", "¿cuál de nuestras SIM…?").',
    pair: { first: 'fleetAsk', then: 'countedThings', within: 3 },
  },
  fleetAsk: {
    mode: 'anywhere',
    doc: 'Which or how many of the customer\'s own things ("which of our", "how many of our", "cuál de nuestras", "cuántos de nuestros"): before a `countedThings` phrase, a question about the fleet (`fleetQuestion`), whatever the devices are called ("which of our vending machine SIMs").',
  },
  notNo: {
    mode: 'leading',
    doc: 'Openers that start with "no" and answer nothing ("no rush", "no problem", "no hay prisa"): never a no.',
  },
  countUpdate: {
    mode: 'anywhere',
    doc: 'Words that update a count told before ("actually", "now", "ya son", "en total"): "it\'s actually 52 vans now" gives the case its new count.',
  },
  serviceWorks: {
    mode: 'anywhere',
    doc: 'A service told as working ("texts arrive fine", "calls are ok", "los SMS sí llegan", "los datos van bien"): of two services named, the one told working is not the problem — "los SMS sí le llegan, la llamada no" is about voice. Also read: an `affirmed` phrase followed, at most one word later, by a `deviceActivity` phrase ("los datos sí jalan", "data still comes through"), whatever verb the customer uses.',
    pair: { first: 'affirmed', then: 'deviceActivity', within: 1 },
  },
  affirmed: {
    mode: 'anywhere',
    doc: 'A word that affirms what a device does ("still", "sí", "sí que"): before a `deviceActivity` phrase, the service works (`serviceWorks`).',
  },
  clauseBreak: {
    mode: 'anywhere',
    doc: 'Words between two statements of one clause ("but", "whereas", "and", "pero", "y"): each side is read on its own for a service told as working ("los SMS sí llegan y la llamada no").',
  },
  negation: {
    mode: 'anywhere',
    doc: 'Words that take back what follows ("not", "instead of", "en vez de"): "150, not 120" means 150; "nano, no micro" means nano.',
  },
  restate: {
    mode: 'anywhere',
    doc: 'Words that restate a number ("make it", "sorry", "que sean", "perdón"): "order 200 — actually make it 300" orders 300, "200 trackers down. Perdón, 250" counts 250.',
  },
  takeBack: {
    mode: 'anywhere',
    doc: 'Words that take back the SIM just named ("sorry", "I mean", "perdón", "quiero decir"): "SIM 0005 — sorry, 0050" names 0050 only; "0043 and 0027" names both.',
  },
  otherSim: {
    mode: 'anywhere',
    doc: 'Words that point away from the SIM just talked about ("another", "the other", "otra"): "why has the other one no data?" is not about the SIM the bot just answered on.',
  },
  asideQuestion: {
    mode: 'anywhere',
    doc: 'A question marked as apart from the case being handled ("separate question while I have you", "por cierto, otra pregunta"): asked while the case waits for a person, the bot answers it.',
  },
  fleetOverview: {
    mode: 'anywhere',
    doc: 'Asking for the whole fleet at a glance ("health summary", "overview of all our SIMs", "resumen de todas"): the overview answers, with no filter read from the states it lists ("how many are active, how many have problems").',
  },
  allDone: {
    mode: 'anywhere',
    doc: 'Nothing more wanted for now ("that\'s all for now", "eso es todo"): with thanks and nothing wrong or asked, the conversation ends there — no case, no check of the SIMs just shown.',
  },
  justOne: {
    mode: 'anywhere',
    doc: 'One, said in words that no count reads ("solo una", "just one", "una sola"): an order\'s quantity.',
  },
  acknowledge: {
    mode: 'leading',
    doc: 'An acknowledgement that is no answer ("ok", "vale", "got it"): opening a question ("ok y cómo lo cambio?"), it does not say yes to the question asked.',
  },
  orElse: {
    mode: 'anywhere',
    doc: 'The word that offers an alternative ("or", "o"): right before an `askWhether` phrase it asks, with or without a question mark ("va a funcionar allí o tengo que comprar otra tarjeta").',
  },
  futurePlan: {
    mode: 'anywhere',
    doc: 'What is coming ("next month we\'ll install", "la semana que viene llegan"): with nothing wrong, asked, named or requested, the bot asks what the plan needs instead of opening an incident.',
  },
  earlierContact: {
    mode: 'anywhere',
    doc: 'Words that refer back to an earlier contact with nothing new in them ("following up on", "yesterday\'s chat", "lo que hablamos ayer"): beside a SIM named and nothing else, the SIM is shown and is the next message\'s SIM.',
  },
  mine: {
    mode: 'anywhere',
    doc: 'Words that claim a SIM as the customer\'s own ("mine", "la mía", "our one"): "esa es la de mi hermano, la mía termina en 0100" names the SIM meant last, after the one taken back.',
  },
  ownSim: {
    mode: 'anywhere',
    doc: 'The customer\'s own SIM or plan in the singular, not named ("my SIM", "my plan", "mi tarifa"): "what plan is my SIM on?", "¿mi tarifa tiene datos ilimitados?" asks about it — a one-SIM account\'s SIM is looked up, several SIMs are each shown with their plan.',
  },
  notCloseCase: {
    mode: 'anywhere',
    doc: 'Where a `closeCase` phrase is about something other than the case ("cancel this SIM", "cancela la línea"): no close asked.',
  },
  holdOff: {
    mode: 'anywhere',
    doc: 'At a request\'s summary, not yet ("don\'t send it yet", "I\'ll confirm tomorrow", "no lo envíes todavía"): the open request waits for the customer\'s go-ahead (`waiting_customer`) instead of going to the team.',
  },
  askWhatNeeded: {
    mode: 'anywhere',
    doc: 'A question about what would be needed, not what is ("which plan would it need?", "¿qué plan nos haría falta?"): while a case waits, the plans\' article answers it, not the look-up of the case\'s SIM.',
  },
  cancelRequest: {
    mode: 'anywhere',
    except: 'notCancelRequest',
    doc: 'At a request\'s summary, withdrawing it in a sentence that asks nothing ("Uy, no, cancélalo. Al final no hacen falta", "Cancele el pedido, por favor", "scrap that, we don\'t need them"): the open request is closed (withdrawn).',
  },
  notCancelRequest: {
    mode: 'anywhere',
    doc: 'Where a `cancelRequest` phrase keeps the request ("don\'t cancel it", "no need to cancel"): nothing withdrawn.',
  },
  deviceSays: {
    mode: 'anywhere',
    doc: 'A device or portal reporting its own state ("the router says", "el router dice que", "the portal shows"): a "works" phrase after it in its sentence is what the device claims, not the customer telling it works again ("no consigo entrar por WireGuard. El router dice que tiene conexión y navega bien").',
  },
  wantsFixed: {
    mode: 'anywhere',
    doc: 'Words just before a "works again" phrase that want it rather than say it ("we need it solved", "necesitamos que se resuelva"): no ending.',
  },
  canItDo: {
    mode: 'leading',
    doc: 'Openers that ask what a SIM can do ("can the SIM", "does it", "¿la SIM puede"): "can SIM 0027 send SMS?" — with a SIM and a service named, and nothing wrong — is answered from that SIM\'s plan, with no case.',
  },
  sendUs: {
    mode: 'anywhere',
    doc: 'Asking to be sent something ("can you send us", "¿nos lo podéis enviar?"): with a document named in the message (`informationRequest`), the question asks for the document — an information request, not a how-to.',
  },
  openCase: {
    mode: 'anywhere',
    doc: 'Asking for a case to be opened ("open a ticket", "abridme una incidencia"): with a problem told, troubleshooting opens it, however sure the classifier is of a case question.',
  },
  noCaseWanted: {
    mode: 'anywhere',
    doc: 'Saying no case is wanted ("just curious", "no me abras nada"): a question about a SIM named is answered from the look-up, with no case.',
  },
  introduction: {
    mode: 'anywhere',
    doc: 'The customer says who they are or for whom they write ("I look after the telematics", "on behalf of", "llevo la parte técnica", "soy la responsable"): a first message with only that, and nothing wrong, asked or named, sets the scene — the bot asks what is happening and opens no case.',
  },

  simStateQuestion: {
    mode: 'anywhere',
    doc: 'Asking what state a SIM is in ("is it active", "activa o no", "what status"): with a SIM named and nothing wrong, answered from the look-up, with no case.',
  },
  askList: {
    mode: 'anywhere',
    doc: 'Asking for a list ("send me a list", "pásame la lista"): with a fleet question\'s words, a question about the SIMs even without a question mark.',
  },
  checkRequest: {
    mode: 'anywhere',
    except: 'notCheck',
    doc: 'Asking the bot to look at a SIM ("check", "what\'s wrong with", "fijate", "revisá"): with a SIM named and no other act, a problem to troubleshoot.',
  },
  alreadyDone: {
    mode: 'anywhere',
    doc: 'Words that tell a change as done, not asked ("we have", "ya hemos"): right before a `serviceRequest` phrase ("ya hemos subido el límite"), what works after it works now.',
  },
  notCheck: {
    mode: 'anywhere',
    doc: 'Phrases with a `checkRequest` word that ask the bot to check nothing ("cross-check against our dashboard", "contrastar"): their check words are not read.',
  },
  abroad: {
    mode: 'anywhere',
    doc: 'What a named country stands for in a question the articles answer ("abroad", "extranjero"): "do the SIMs work in Portugal?" is asked like "do they work abroad?".',
  },
  changeRequest: {
    mode: 'anywhere',
    except: 'stateReport',
    doc: 'Verbs that ask for a change ("bump", "raise", "subir", "subile"): with a SIM named and nothing wrong, a service request for that SIM. Not inside a `stateReport` phrase ("Status: Activated").',
  },
  confirmSend: {
    mode: 'anywhere',
    doc: 'A go-ahead for the summary of a request, anywhere in the answer ("go ahead and place the order", "looks right, submit it", "adelante, envíalo", "tramitadlo"): the request is sent, unless the answer also takes something back or cancels.',
  },
  askMeaning: {
    mode: 'anywhere',
    doc: 'Asking what something means ("what does … mean", "qué significa", "qué quiere decir"): modem output asked about this way, on no SIM and with nothing told wrong, is answered by the article that explains it, with no case.',
  },
  stateReport: {
    mode: 'anywhere',
    doc: 'A SIM state told as it is, often copied from the portal ("Status: Activated", "Estado: Desactivada", "is deactivated"): its participle asks for no change.',
  },

  filterOutside: {
    mode: 'anywhere',
    doc: 'Fleet filter: the countries named in its clause are excluded ("outside Sweden", "not the ones in Sweden", "no me refiero a las de Suecia"), i.e. abroad relative to them; countries named in other clauses are where the SIMs are ("¿Cuáles están en Alemania? No me refiero a las de Suecia"). A plan named in its clause is the one the SIMs are not on ("which ones are NOT on IoT Connect EU?").',
  },
  filterRoaming: { mode: 'anywhere', doc: 'Fleet filter: SIMs abroad ("roaming", "en el extranjero").' },
  filterNoSession: {
    mode: 'anywhere',
    doc: 'Fleet filter: SIMs without a data session ("no session", "offline", "sin conexión").',
  },
  filterInactive: {
    mode: 'anywhere',
    doc: 'Fleet filter: SIMs not active ("deactivated", "desactivadas").',
  },
  filterActive: { mode: 'anywhere', doc: 'Fleet filter: active SIMs ("active", "activas").' },
  filterDataLimit: {
    mode: 'anywhere',
    doc: 'Fleet filter: SIMs over their data limit ("data limit", "límite de datos").',
  },
  filterRoamingNotAllowed: {
    mode: 'anywhere',
    doc: 'Fleet filter: SIMs in a country their plan does not cover ("a country their plan doesn\'t cover", "un país que su plan no cubre").',
  },
  filterOddOneOut: {
    mode: 'anywhere',
    doc: 'Fleet filter: the SIMs left out of a state told ("\'Active SIMs: 7 / 8\' — which one is the odd one out?", "¿cuál es la que falta?"): with `filterActive`, the ones not active.',
  },
  repeatIn: {
    mode: 'anywhere',
    doc: 'Asks for what was just said again in another language ("give us that in English", "¿me lo pones en español?"): the last answer is said again in it. Each phrase is also in `languageSwitch`.',
  },
  farewell: {
    mode: 'anywhere',
    doc: 'Taking leave ("have a nice day", "bye", "que tengas buen día", "hasta luego"): thanks with a farewell at the offer of a request accepts nothing.',
  },
  filterWrongApn: {
    mode: 'anywhere',
    doc: 'Fleet filter: SIMs whose device asks for an APN their plan does not have ("wrong APN", "APN mal").',
  },
  personPromise: {
    mode: 'anywhere',
    doc: 'Words that promise the customer a person ("an agent will check", "un agente revisará"): kb:check allows them only in texts said when a person takes over.',
  },
  'service.data': {
    mode: 'anywhere',
    doc: 'The data service named in words ("data", "internet", "datos"): the service a customer names wins over the one their device or trade suggests.',
  },
  'service.sms': {
    mode: 'anywhere',
    doc: 'SMS named in words ("texts", "text messages", "SMS", "mensajes de texto"): "the lift phone can\'t send its alarm texts" is an SMS problem, whatever a lift phone usually is.',
  },
  'service.voice': {
    mode: 'anywhere',
    doc: 'Voice named in words ("voice calls", "can\'t make calls", "llamadas"); never "call me", which asks for a person.',
  },
  'service.csd': {
    mode: 'anywhere',
    doc: 'Circuit-switched data named in words ("data calls", "CSD", "llamadas de datos"): a longer phrase of one service hides the shorter ones inside it ("data calls" names neither data nor voice).',
  },
  askInformation: {
    mode: 'leading',
    doc: 'Openers of a question asking what something is ("what\'s the PIN", "¿cuál es…", "which APN"): when the knowledge answers it, the purpose the customer adds ("I need it to activate the panels") is not a request.',
  },
  'agentCommand.queue': { mode: 'whole', doc: 'Desk command: show the queue ("queue", "cola").' },
  'agentCommand.mine': { mode: 'whole', doc: 'Desk command: my cases ("cases", "mis casos").' },
  'agentCommand.help': { mode: 'whole', doc: 'Desk command: help ("help", "ayuda").' },
  'agentCommand.available': {
    mode: 'whole',
    doc: 'Desk command: I am available ("available", "disponible").',
  },
  'agentCommand.away': { mode: 'whole', doc: 'Desk command: I am away ("away", "ausente").' },
  'agentCommand.pick': { mode: 'leading', doc: 'Desk command: pick a case ("pick", "coger").' },
  'agentCommand.next': {
    mode: 'whole',
    doc: 'Desk command word after pick: the next case ("next", "siguiente").',
  },
  'agentCommand.switch': {
    mode: 'leading',
    doc: 'Desk command: make another of my cases the active one ("switch CS-2", "cambiar a CS-2").',
  },
  'agentCommand.decline': {
    mode: 'leading',
    doc: 'Desk command: decline an offered case ("decline", "rechazar").',
  },
  'agentCommand.note': { mode: 'leading', doc: 'Desk command: internal note ("note", "nota").' },
  'agentCommand.transfer': { mode: 'leading', doc: 'Desk command: transfer ("transfer", "transferir").' },
  'agentCommand.transferTo': {
    mode: 'leading',
    doc: 'Desk command words between transfer and its target ("to the", "a la"): "transfer to network".',
  },
  'agentCommand.resolve': { mode: 'leading', doc: 'Desk command: resolve ("resolve", "resolver").' },
  'agentCommand.release': { mode: 'leading', doc: 'Desk command: back to the queue ("release", "liberar").' },
  'agentCommand.handback': {
    mode: 'leading',
    doc: 'Desk command: hand the case back to the bot ("handback", "devolver al bot").',
  },
  'agentCommand.ordinary': {
    mode: 'whole',
    doc: 'Words an agent says to a customer that are close to a command word ("hola" / "cola"): never a mistyped command.',
  },
  'agentCommand.exactOnly': {
    mode: 'whole',
    doc: 'Command words so short or common that a near miss is another word ("take" / "make"): only the exact word counts.',
  },
} as const satisfies Record<string, WordListSpec>;

export type WordList = keyof typeof WORD_LISTS;

export const WORD_LIST_NAMES = Object.keys(WORD_LISTS) as WordList[];

/** The word list called `name`, or an error naming where it was asked for (a list spec naming a list that is none). */
export function wordListNamed(name: string, where: string): WordList {
  if (!Object.hasOwn(WORD_LISTS, name)) throw new Error(`${where}: "${name}" is no word list`);
  return name as WordList;
}
