/**
 * The customer's own words in a message pasted from e-mail or a ticket tool: quoted lines ("> On Monday, Ops
 * wrote:"), fenced code and log lines are left out, and so is everything after a signature, disclaimer or forwarding separator ("--", "____", "-----Original Message-----",
 * "CONFIDENTIALITY NOTICE:", "AVISO LEGAL:"). What language the customer writes in is read from these words: a
 * Spanish message ending in a company's English disclaimer is Spanish. When nothing else is left, the quoted and signed-off
 * lines; a message that is only code or a log has no words of its own (empty).
 */
export function ownText(text: string): string {
  const kept: string[] = [];
  const human: string[] = [];
  let inCode = false;
  let signedOff = false;
  for (const line of text.split('\n')) {
    // A fenced block or a log line is what a machine wrote: "```\n2024-05-14T07:00:12Z ERROR [net] pdp …".
    if (FENCE.test(line)) {
      inCode = !inCode;
      continue;
    }
    if (inCode || LOG_LINE.test(line) || MODEM_LINE.test(line)) continue;
    human.push(line);
    if (signedOff || SEPARATOR.test(line) || FORWARDED.test(line) || DISCLAIMER.test(line)) {
      signedOff = true;
      continue;
    }
    if (!QUOTED.test(line)) kept.push(line);
  }
  const own = kept.join('\n').trim();
  // Only quoted or signed-off lines: the e-mail forwarded is all there is to read. Only a log: no language at all.
  return own.length > 0 ? own : human.join('\n').trim();
}

/** The fence that opens or closes a block of code or log pasted as such. */
const FENCE = /^\s*```/;
/**
 * A log line: it starts with a timestamp ("2024-05-14T07:00:12Z", "2024-05-14 07:00:12", "[07:00:12]") or a
 * bracketed tag ("[boot] modem init failed, retrying").
 */
const LOG_LINE = /^\s*(\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\[\d{2}:\d{2}:\d{2}\]|\[[a-z][\w .-]{0,15}\]\s)/i;
/** A modem's command or answer as it prints them ("AT+CPIN?", "ATD*99#", "+CME ERROR: 11", "OK"), in capitals. */
const MODEM_LINE = /^\s*(AT[+&#$%^]?[A-Z0-9]*[?=]?\S*\s*$|\+[A-Z]{3,}:|OK\s*$|ERROR\s*$)/;
/** A quoted line of a forwarded e-mail or reply. */
const QUOTED = /^\s*>/;
/** A signature or disclaimer separator: "--", a rule of underscores, dashes or equals signs. */
const SEPARATOR = /^\s*(--\s*|[_=\-–—]{4,}\s*)$/;
/**
 * The line a mail client puts above the e-mail forwarded or replied to ("-----Original Message-----", "---------- Forwarded
 * message ---------", "-----Mensaje original-----", "Begin forwarded message:"): what follows is someone else's.
 */
const FORWARDED =
  /^\s*([-_=]{2,}\s*(original message|forwarded message|mensaje original|mensaje reenviado)\s*[-_=]{2,}|(begin forwarded message|inicio del mensaje reenviado|mensaje reenviado)\s*:)\s*$/i;
/** The heading of a legal notice, in the languages customers' companies write them in. */
const DISCLAIMER =
  /^\s*(confidentiality notice|disclaimer|this (e-?mail|message)( and any attachments?)? (is|are|may be) (confidential|intended)|aviso legal|aviso de confidencialidad|este (correo|mensaje)( electr[oó]nico)? (y sus anexos )?(es|son|puede) (confidencial|contener))/i;
