import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';
import { expectLanguage } from '../../helpers/replies.js';

/**
 * Issue 12, thirty-fourth round (helper C) — one language per turn, from blind sets 116–121: a message half in each
 * language keeps the conversation in the one the customer set out in (a clause of the other is no switch, whichever
 * language it ends in), a clear switch is still followed; chat shorthand ("r u") is no Spanish; "better in English",
 * "respondedme en español" ask for a language.
 */
describe('customer conversations: round thirty-four (C)', function () {
  const { play } = useCustomerRound(this);

  for (const [lang, text, expected] of [
    // A clause in the other language, at the end or in the middle, switches nothing.
    ['en', 'The alarm panel on SIM 0076 stopped sending its test SMS last night, ¿me lo podéis mirar?', 'en'],
    [
      'en',
      'Could someone from your team call me back? Quiero hablar con una persona sobre el contrato.',
      'en',
    ],
    ['en', 'r u a bot?', 'en'],
    ['es', 'La alarma con la SIM 0068 no manda SMS desde el lunes, could you check it please?', 'es'],
    ['es', '¿Cuál es el horario de soporte? We have a night shift that needs to know.', 'es'],
    ['es', 'Quiero hablar con una persona, I need someone from your technical team', 'es'],
    // A message written in the other language is still a switch ("u" is Spanish too).
    ['en', 'vale, sigo en castellano: ¿cómo miro la cobertura del módem?', 'es'],
    ['en', 'se nos cayeron siete u ocho contadores a la vez esta mañana', 'es'],
    ['es', 'ok, let me go on in English: how do I see the signal level on the modem?', 'en'],
    // Asking for a language beside a clause in the other one.
    ['es', 'better in English please, es que mi compañero no habla español', 'en'],
    ['en', 'Respondedme en español, please, my colleague reads this', 'es'],
    ['en', 'Contestadme en castellano, the installer is from Valencia', 'es'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" is answered in ${expected}`, async () => {
      const { replies } = await play(lang, text);
      expect(replies).to.not.deep.equal([]);
      await expectLanguage(replies, expected);
    });

  // A mixed message later in the conversation keeps its language too.
  it('en: "Still nothing after the restart, ¿alguna otra idea?" keeps English', async () => {
    const { replies } = await play(
      'en',
      'the tracker on 0019 stopped reporting this morning',
      'Still nothing after the restart, the unit just sits there. ¿Alguna otra idea de qué puede ser?',
    );
    await expectLanguage(replies, 'en');
  });

  // A short language request right after an answer, courtesy around it: that answer again, in the language asked for.
  for (const [lang, question, request, expected, command] of [
    [
      'en',
      "what's the AT command to see if the modem is registered?",
      'disculpa, en castellano por favor',
      'es',
      'AT+CEREG',
    ],
    ['es', '¿cómo mando un SMS desde el módem?', 'sorry, in English please, thanks', 'en', 'AT+CMGS'],
  ] as const)
    it(`${lang}: "${request}" after an answer gives it again in ${expected}`, async () => {
      const { replies, said, cases } = await play(lang, question, request);
      await expectLanguage(replies, expected);
      expect(said).to.contain(command);
      expect(cases).to.deep.equal([]);
    });
});
