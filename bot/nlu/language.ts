import type { Lang } from '../domain/language.js';
import { foldText } from './normalize.js';

/*
 * Words that are strong evidence for one language. Deliberately includes the short replies and domain words
 * customers actually send ("hola", "sin datos", "vale"), because stop-word statistics alone cannot decide
 * one- or two-word messages. Words shared by both languages ("no", "sms", "router", "error") are left out.
 */
const SPANISH_WORDS = new Set(
  `hola buenas buenos dias tardes noches gracias muchas sin datos dato el la los las del al que y o u en por para con
  mi mis tu su sus nuestro nuestra nuestros nuestras tengo tenemos tiene tienen tenia hay habia funciona funcionan
  funcionando conecta conectan conectar conexion llegan llega llego enviar envia envian recibir recibe reciben
  mensaje mensajes llamada llamadas llamar tarjeta tarjetas contador contadores medidor medidores es esta estan
  estamos son era pero desde hasta ayuda cancelar si vale claro vale ayer hoy manana problema problemas caso
  casos agente persona humano hablar quiero queremos necesito necesitamos puedo podemos puede pueden podeis
  unas unos una uno todas todos mas muy ya cuando como donde porque tambien ningun ninguna ninguno nada nadie
  cobertura senal red linea lineas equipo equipos dispositivo dispositivos ascensor ascensores alarma alarmas
  cargador cargadores localizador localizadores rastreador rastreadores desde hace semana semanas horas minutos
  solicitud pedido incidencia estado numero sigue siguen seguimos otra otro vez veces favor empezar nuevo
  volver principio salir dejalo olvidalo adios hasta luego perfecto correcto entendido tampoco ahora dos tres
  cuatro cinco seis siete ocho nueve diez cien mil factura facturacion cuanto cuesta horario abierto ni se le
  lo les nos te con esto este estos estas ese esa eso hemos han ha fue sido estoy envio recibo llamo
  cliente clientes abrir abierta abierto cerrado cerrada respuesta contestan contesta suena marcar marcado`
    .split(/\s+/)
    .filter(Boolean),
);

const ENGLISH_WORDS = new Set(
  `hi hello hey thanks thank you yes yeah yep nope the an is are was were be been my our your their we i you
  they it its this that these those have has had having not cant cannot dont doesnt didnt wont isnt arent
  data with of to for from since on in at by all any some please help cancel start over again restart devices
  device units unit meters meter working work works worked send sending sent receive receiving received connect
  connecting connected connection calls call calling case ticket status human agent person speak talk what when
  how why where who anyone someone still yesterday today get getting got can could would should will just only
  also about around more than none nothing and or but if then there here out up down off message messages text
  texts number signal network coverage card cards sims lift lifts elevator chargers charger tracker trackers
  panel panels week weeks hours minutes order request update open opened closed need want bill invoice price
  cost fine great good morning afternoon evening ok okay sure right correct never mind stop quit anymore`
    .split(/\s+/)
    .filter(Boolean),
);

const SPANISH_SUFFIX = /(?:cion|ciones|mente|dades|amos|emos|imos|ando|iendo|ado|ados|ada|adas)$/;
const ENGLISH_SUFFIX = /(?:ing|tion|ed|ly|'s|n't)$/;

/** Evidence for each language in one message; exposed so callers can see how sure the detector was. */
export interface LanguageEvidence {
  en: number;
  es: number;
}

/** Score both languages for `text` from words, suffixes and Spanish-only characters. */
export function languageEvidence(text: string): LanguageEvidence {
  let es = 0;
  let en = 0;
  // Characters only Spanish uses are decisive even in one-word messages ("¿", "ñ", "sí").
  if (/[¿¡ñÑ]/.test(text)) es += 2;
  if (/[áéíóúÁÉÍÓÚ]/.test(text)) es += 1.5;
  if (/\b(?:n't|'s|'re|'ve|'m|'ll)\b/i.test(text) || /\w'(?:t|s|re|ve|m|ll)\b/i.test(text)) en += 1.5;
  const words = foldText(text).match(/[a-z]+/g) ?? [];
  for (const word of words) {
    const isEs = SPANISH_WORDS.has(word);
    const isEn = ENGLISH_WORDS.has(word);
    if (isEs && !isEn) es += 1;
    else if (isEn && !isEs) en += 1;
    else if (!isEs && !isEn && word.length > 4) {
      if (SPANISH_SUFFIX.test(word)) es += 0.5;
      else if (ENGLISH_SUFFIX.test(word)) en += 0.5;
    }
  }
  return { en, es };
}

/**
 * Detect whether one customer message is English or Spanish. Works on very short messages ("hola",
 * "no data", "sin datos"); with no evidence either way it answers English, the operator's default.
 */
export function detectLanguage(text: string): Lang {
  const { en, es } = languageEvidence(text);
  return es > en ? 'es' : 'en';
}
