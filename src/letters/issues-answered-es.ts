import type { IssueLanguage, Says } from "./issues-answered.ts";
import { normalize, wordsOf } from "./plain-text.ts";

// Spanish for the issues_answered check (issues-answered.ts has the rule): the issue's content words
// as light stems and the usual patient-relations synonyms (espera / demora / retraso, grosero /
// descortés, factura / cobro / cargo…), and what a sentence says: something done or found
// ("revisamos", "hemos cambiado", "se corrigió"), a result still to come ("todavía no hemos
// terminado"), or neither (an apology, the patient's own account). Words are compared without
// accents. Limits as in English: a paraphrase with none of the issue's words reads as unanswered.

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();

const STOP_WORDS = new Set(
  (
    "a al ante bajo con contra de del desde durante en entre hacia hasta mediante para por segun sin sobre tras y e o u ni pero sino que " +
    "el la los las lo un una unos unas este esta estos estas ese esa esos esas aquel aquella mi mis tu tus su sus nuestro nuestra nuestros nuestras " +
    "yo me mi usted ustedes el ella ellos ellas nos nosotros le les se si no ya muy mas menos tan tanto tambien solo " +
    "es son era eran fue fueron ser estar esta estan estaba estaban estuvo ha han he hemos habia hubo hay tener tiene tenia tuvo " +
    "como cuando donde quien cual cuales porque pues aunque mientras antes despues luego entonces aun todavia nunca siempre " +
    "algo alguien nadie nada todo toda todos todas otro otra otros otras mucho mucha muchos muchas poco poca varios varias cada " +
    "dijo dice decir conto pidio queria quiere sentia siente parecia paciente pacientes queja quejas inquietud inquietudes problema problemas " +
    "sobre acerca respecto dos tres cuatro cinco vez veces"
  ).split(" "),
);

// Synonym groups: every word in a group stands for the group's first word (accents off).
const SYNONYMS: readonly string[][] = [
  ["espera", "esperar", "espere", "esperamos", "esperaron", "demora", "demoras", "demorar", "retraso", "retrasos", "retrasado", "tardanza", "tarde", "tardaron", "tardo", "lento", "larga", "largo", "horas"],
  ["medico", "medica", "medicos", "doctor", "doctora", "doctores", "cirujano", "cirujana", "proveedor"],
  ["enfermera", "enfermero", "enfermeras", "enfermeros", "enfermeria"],
  ["grosero", "grosera", "groseros", "groseria", "descortes", "maleducado", "maleducada", "irrespetuoso", "irrespetuosa", "falta de respeto", "respeto", "trato", "maltrato", "cortes", "amable", "antipatico", "antipatica", "gritar", "grito", "grito", "brusco", "brusca"],
  ["factura", "facturas", "facturacion", "cobro", "cobros", "cobraron", "cobrado", "cargo", "cargos", "cuenta", "costo", "precio", "pago", "estado de cuenta"],
  ["medicamento", "medicamentos", "medicina", "medicinas", "medicacion", "dosis", "pastilla", "pastillas", "receta", "farmacia", "antibiotico", "insulina", "analgesico", "analgesicos"],
  ["alta", "dado de alta", "dada de alta", "dieron de alta", "egreso"],
  ["comida", "comidas", "alimento", "alimentos", "bandeja", "desayuno", "almuerzo", "cena", "dieta", "comer", "cocina"],
  ["ruido", "ruidos", "ruidoso", "ruidosa", "alto", "silencio", "sonido"],
  ["dolor", "dolores", "doloroso", "dolorosa", "dolia", "duele", "molestia"],
  ["explicar", "explicaron", "explicacion", "explico", "informar", "informaron", "informacion", "informado", "avisar", "avisaron", "aviso", "comunicacion", "comunicar"],
  ["limpio", "limpia", "limpieza", "sucio", "sucia", "suciedad", "higiene"],
  ["perdido", "perdida", "perdidos", "perdidas", "perder", "perdieron", "extraviado", "extraviada", "pertenencias", "objetos"],
  ["interprete", "interpretes", "traductor", "traductora", "traduccion", "interpretacion", "idioma"],
  ["urgencias", "urgencia", "emergencia", "emergencias", "sala de emergencias"],
  ["llamada", "llamadas", "llamar", "llamaron", "llame", "telefono", "timbre", "boton"],
  ["privacidad", "privado", "privada", "confidencialidad", "intimidad"],
  ["estacionamiento", "parqueo", "aparcamiento", "estacionar"],
  ["cita", "citas", "programar", "programada", "cancelaron", "cancelada", "cancelacion", "reprogramar"],
  ["caida", "caidas", "cayo", "cayó", "caerse", "resbalo"],
  ["bano", "banos", "inodoro", "cuna", "ducha"],
  ["ignorar", "ignoraron", "ignorado", "ignorada", "desatendido", "desatendida", "nadie vino"],
  ["prueba", "pruebas", "examen", "examenes", "analisis", "radiografia", "tomografia", "resonancia", "laboratorio"],
  ["visita", "visitas", "visitante", "visitantes"],
  ["frio", "fria", "frios", "frias", "tibia", "tibio", "temperatura"],
  ["anteojos", "lentes", "gafas", "dentadura", "audifonos"],
  ["seguro", "aseguradora", "cobertura", "medicare", "medicaid"],
  ["cirugia", "operacion", "procedimiento", "operaron"],
  ["silla de ruedas", "transporte", "camillero"],
];

// Phrases first, so "dado de alta" is one concept and "sala de espera" is the waiting room.
const PHRASES: readonly [RegExp, string][] = [
  [/(?<![\p{L}])(?:dad[oa]s? de alta|dieron de alta|mandaron a (?:su )?casa|enviaron a (?:su )?casa)(?![\p{L}])/giu, "alta"],
  [/(?<![\p{L}])sala de (?:espera|emergencias?)(?![\p{L}])/giu, "sala-espera"],
  [/(?<![\p{L}])falta de respeto(?![\p{L}])/giu, "grosero"],
  [/(?<![\p{L}])silla de ruedas(?![\p{L}])/giu, "silla-ruedas"],
  [/(?<![\p{L}])estado de cuenta(?![\p{L}])/giu, "factura"],
  [/(?<![\p{L}])nadie vino(?![\p{L}])/giu, "ignorar"],
];

/** A light Spanish stemmer: plurals, gender and the usual verb endings fall together ("esperó", "esperando", "esperas"). */
function stem(word: string): string {
  let w = word;
  for (const ending of ["aciones", "iciones", "acion", "icion", "mente", "iendo", "ando", "adas", "ados", "idas", "idos", "ada", "ado", "ida", "ido", "aron", "ieron", "amos", "imos", "ar", "er", "ir", "es", "as", "os", "a", "o", "e", "s"]) {
    if (w.length - ending.length >= 4 && w.endsWith(ending)) {
      w = w.slice(0, -ending.length);
      break;
    }
  }
  return w;
}

const CONCEPT = new Map<string, string>();
for (const group of SYNONYMS) for (const word of group) CONCEPT.set(stem(fold(word)), `~${group[0]}`);

const conceptOf = (word: string) => {
  const stemmed = stem(word);
  return CONCEPT.get(stemmed) ?? stemmed;
};

const GENERIC = new Set(
  (
    "enfermera personal medico equipo hospital unidad habitacion cuarto piso departamento tiempo dia dias noche hora horas minuto minutos " +
    "semana semanas visita estancia madre padre mama papa hijo hija esposo esposa familia familiar atencion cuidado persona personas cosa lugar resultado"
  )
    .split(" ")
    .map(conceptOf),
);

const withPhrases = (text: string) => PHRASES.reduce((value, [pattern, word]) => value.replace(pattern, word), text);

function concepts(text: string): Set<string> {
  const found = new Set<string>();
  for (const word of wordsOf(withPhrases(fold(normalize(text))))) {
    if (STOP_WORDS.has(word) || /^\d+$/.test(word) || word.length < 2) continue;
    found.add(conceptOf(word));
  }
  return found;
}

const b = (source: string) => new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${source})(?![\p{L}\p{N}])`, "iu");

// What the hospital did or found, or will do.
const ACTION = [
  b(
    String.raw`(?:encontramos|revisamos|hablamos|confirmamos|determinamos|comprobamos|verificamos|corregimos|cambiamos|arreglamos|reparamos|reemplazamos|contactamos|llamamos|entrevistamos|examinamos|investigamos|recordamos|capacitamos|entrenamos|ajustamos|agregamos|anadimos|eliminamos|quitamos|devolvimos|localizamos|buscamos|programamos|pedimos|informamos|notificamos|concluimos|supimos|vimos|dimos|hicimos|pusimos|mejoramos|actualizamos|instalamos|asignamos|compartimos|acordamos|establecimos|aclaramos|explicamos|nos reunimos)`,
  ),
  b(String.raw`(?:hemos|ha|han) (?:\w+ )?\w+(?:ado|ido|to|cho|sto|erto)`),
  b(String.raw`(?:fue|fueron|ha sido|han sido|sera|seran|esta siendo|estan siendo) \w+(?:ado|ada|ados|adas|ido|ida|idos|idas|to|ta|tos|tas|cho|cha)`),
  b(String.raw`se (?:corrigio|cambio|reviso|ajusto|anadio|agrego|elimino|reemplazo|devolvio|encontro|hablo|confirmo|reparo|arreglo|actualizo|establecio|aclaro)`),
  b(String.raw`\w+(?:aremos|eremos|iremos)|vamos a|nos aseguraremos`),
  b(String.raw`(?:muestra|mostro|muestran|indica|indico|indican|confirma|confirmo)|como resultado|ahora (?:\w+)`),
  b(String.raw`(?:era|fue|es|eran|fueron) (?:correct[oa]s?|adecuad[oa]s?|apropiad[oa]s?)|(?:estaba|estaban) dentro de`),
];
// The patient's account ("usted nos dijo…") and apologies: only a clause of our own that follows counts.
const REPORTED = b(String.raw`(?:usted|su \w+) (?:tambien )?(?:nos )?(?:dijo|conto|escribio|menciono|comento|explico|senalo|describio|pidio|sintio|estaba molest[oa])|nos (?:dijo|conto|escribio|comento)|segun usted`);
const APOLOGY = /^(?:lamentamos|sentimos|lo sentimos|pedimos disculpas|le pedimos disculpas|disculpe|gracias|entendemos|comprendemos|sabemos)(?![\p{L}])/iu;
const OUR_CLAUSE = /(?:[,;:]|(?<![\p{L}])(?:y|pero|asi que)(?![\p{L}]))\s+(?:nosotros|nuestr[oa]s?|el equipo|la unidad|hemos|revisamos|encontramos|se|ahora)(?![\p{L}]).*/iu;
const PENDING = b(
  String.raw`(?:todavia|aun) no|no hemos (?:terminado|concluido|finalizado|completado)|(?:seguimos|continuamos|estamos) (?:\w+ )?(?:revisando|investigando|analizando|averiguando)|(?:sigue|siguen) (?:en revision|abiert[oa]s?)|sin resultados? (?:todavia|aun)`,
);

function says(sentence: string): Says {
  const flat = fold(sentence).replace(/\s+/g, " ").trim();
  if (PENDING.test(flat)) return "pending";
  const framed = REPORTED.test(flat) || APOLOGY.test(flat);
  const ours = framed ? (flat.slice(1).match(OUR_CLAUSE)?.[0] ?? "") : flat;
  return ACTION.some((pattern) => pattern.test(ours)) ? "acts" : "none";
}

export const SPANISH: IssueLanguage = { concepts, generic: GENERIC, says };
