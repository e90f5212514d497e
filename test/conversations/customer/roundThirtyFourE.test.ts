import { expect } from 'chai';
import type { Lang } from '../../../bot/domain/language.js';
import { useCustomerRound, type Played } from '../../helpers/customerRound.js';

/** One behaviour: who says what, in which language, and what must hold after the last turn. */
interface Behaviour {
  what: string;
  user?: 'demo-user' | 'demo-vip';
  said: ReadonlyArray<readonly [Lang, ...string[]]>;
  holds: (played: Played) => void;
}

/** A VIP incident at P1, handed to a person at once. */
const vipAtOnce = ({ cases }: Played): void => {
  expect(cases.map((c) => [c.handoffReason, c.priority.level])).to.deep.equal([['vip_incident', 'P1']]);
};

/** One incident for at least `count` devices. */
const incidentFor =
  (count: number) =>
  ({ cases }: Played): void => {
    expect(cases.map((c) => c.type)).to.deep.equal(['incident']);
    expect(cases[0]?.affectedCount).to.be.at.least(count);
  };

/**
 * Issue 12, thirty-fourth round (helper E) — blind sets 116–121: fleet reports with counts and filters, and the VIP.
 */
const BEHAVIOURS: readonly Behaviour[] = [
  {
    // Devices counted without a figure, or not known by SIM: a person at once.
    what: "the VIP's devices counted without a figure go to a person at P1",
    user: 'demo-vip',
    said: [
      ['en', 'Multiple smart meters in the Bodø area stopped reporting an hour ago.'],
      ['es', 'Varios medidores de la zona de Bergen han dejado de enviar lecturas.'],
    ],
    holds: vipAtOnce,
  },
  {
    what: "the VIP's SIMs not yet known go to a person at P1",
    user: 'demo-vip',
    said: [
      ['en', "Meters in Alta have been silent since 9. We haven't identified which SIMs are affected yet."],
      ['es', 'Los contadores de Narvik no reportan desde las 8; todavía no sabemos qué tarjetas son.'],
    ],
    holds: vipAtOnce,
  },
  {
    what: 'the VIP answering "idk" / "nse" to which SIM goes to a person at P1',
    user: 'demo-vip',
    said: [
      ['en', 'meters offline', 'idk'],
      ['es', 'contadores caídos', 'nse'],
    ],
    holds: vipAtOnce,
  },
  {
    // What a device does, in any verb form, told not done: a problem — the billing beside it asks for no document.
    what: 'a device told not doing what it does, billing named beside it, is an incident',
    said: [
      [
        'en',
        "The gateways at the depot haven't been checking in since Monday, and tomorrow we close the month's billing.",
      ],
      [
        'es',
        'Los localizadores de la ruta de Bilbao no están mandando posiciones desde ayer y mañana cerramos la facturación.',
      ],
    ],
    holds: ({ cases }) => expect(cases.map((c) => c.type)).to.deep.equal(['incident']),
  },
  {
    what: 'nothing wrong, a document told about, and the APN asked: the answer, no case',
    said: [
      [
        'en',
        "No fault at the moment. The installer's datasheet lists a different APN than the portal does. What APN should the trackers use?",
      ],
      [
        'es',
        'No hay ninguna avería. En la documentación del instalador pone un APN distinto al del portal. ¿Qué APN tienen que llevar los localizadores?',
      ],
    ],
    holds: ({ said, cases }) => {
      expect(said).to.contain('iot.firstline.example');
      expect(cases).to.deep.equal([]);
    },
  },
  {
    what: 'how to set the APN on a device named tells how (the radio restarted after it), no case',
    user: 'demo-vip',
    said: [
      ['en', 'how do you set the APN on a smart meter?'],
      ['es', '¿Cómo se configura el APN en el módem del contador? Pásame la sintaxis exacta.'],
    ],
    holds: ({ said, cases }) => {
      expect(said).to.contain('AT+CFUN=0');
      expect(cases).to.deep.equal([]);
    },
  },
  {
    what: '"one of your SIMs" in each device counts nothing: the count further on does',
    said: [
      [
        'en',
        'Every charger in our network uses one of your SIMs; since 10:00 some 25 chargers have gone offline.',
      ],
      [
        'es',
        'Todas nuestras máquinas de vending llevan una de vuestras SIM y desde esta mañana unas 25 máquinas no mandan ventas.',
      ],
    ],
    holds: incidentFor(25),
  },
  {
    what: 'intercoms and door phones are counted',
    said: [
      ['en', "Some 70 intercoms in our buildings can't place calls."],
      ['es', 'Tenemos unos 70 telefonillos sin llamadas de voz.'],
    ],
    holds: incidentFor(70),
  },
  {
    what: "a short report's rough count is its subject",
    said: [
      ['en', 'roughly 12 stopped reporting overnight'],
      ['es', 'unos 12 sin datos desde las 6'],
    ],
    holds: incidentFor(12),
  },
  {
    what: "a reference's last part after a slash names no SIM",
    said: [
      ['en', 'Our ref: OPS/2025/0031 - about 120 of our trackers have had no data since 6am.'],
      ['es', 'Ref.: EXP/ACME/0072. Unos 120 localizadores sin datos desde las 7.'],
    ],
    holds: incidentFor(120),
  },
  {
    // "data still uploads", "los datos sí conectan": the service told working is not the problem.
    what: 'data told still working leaves SMS the problem: not in the plan',
    said: [
      [
        'en',
        "The alarm panels stopped sending their SMS alerts yesterday; data still uploads. It's SIM 0068.",
      ],
      [
        'es',
        'Las centrales dejaron de mandar los SMS de alarma ayer, los datos sí conectan. Es la SIM 0068.',
      ],
    ],
    holds: ({ cases }) => {
      expect(cases.flatMap((c) => c.findings.map((f) => f.code))).to.include('SMS_NOT_IN_PLAN');
      expect(cases.map((c) => c.handoffDetail)).to.deep.equal(['plan_change_needed']);
    },
  },
];

describe('customer conversations: round thirty-four (E)', function () {
  const { playAs } = useCustomerRound(this);
  for (const { what, user = 'demo-user', said, holds } of BEHAVIOURS)
    for (const [lang, ...turns] of said)
      it(`${lang}: ${what} ("${turns.join(' / ').slice(0, 40)}…")`, async () => {
        holds(await playAs(user, lang, ...turns));
      });
});
