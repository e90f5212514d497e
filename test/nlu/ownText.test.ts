import { expect } from 'chai';
import { ownText } from '../../bot/nlu/ownText.js';

describe('ownText: the words the customer wrote', () => {
  it('leaves out quoted lines, what follows a signature separator, fenced code and log lines', () => {
    expect(ownText('Hola, os reenvío esto:\n> On Monday, Ops wrote:\n> it is down\n--\nACME Ltd')).to.equal(
      'Hola, os reenvío esto:',
    );
    expect(ownText('sigue igual:\n```\nERROR pdp activation failed\n```\n¿qué hago?')).to.equal(
      'sigue igual:\n¿qué hago?',
    );
    expect(ownText('mirad el log\n2024-05-14T07:00:12Z ERROR [net] pdp activation failed')).to.equal(
      'mirad el log',
    );
  });

  it('leaves out an e-mail forwarded or replied to below the line its mail client puts above it', () => {
    for (const line of [
      '-----Original Message-----',
      '---------- Forwarded message ---------',
      '-----Mensaje original-----',
      'Begin forwarded message:',
      'Inicio del mensaje reenviado:',
    ])
      expect(
        ownText(`La 0076 no llama, os lo reenvío.\n\n${line}\nFrom: Support\nPlease ask your operator.`),
      ).to.equal('La 0076 no llama, os lo reenvío.');
    expect(ownText('Original message: the unit is down')).to.equal('Original message: the unit is down');
  });

  it('is the forwarded e-mail when nothing else is there, and empty for a log alone', () => {
    expect(ownText('> the meters stopped reporting')).to.equal('> the meters stopped reporting');
    expect(ownText('```\n2024-05-14T07:00:12Z ERROR [net] giving up\n```')).to.equal('');
    expect(ownText('2024-05-14 07:00:12 WARN reconnecting')).to.equal('');
  });
});
