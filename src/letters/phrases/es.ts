import type { LetterPhrases } from "./phrases.ts";

// Spanish phrase lists for the letter checks (see phrases.ts for what each list is for and how to
// review it). The patterns are written WITHOUT accents and matched on the letter with its accents
// taken off (fold below), so "investigación" and "investigacion", "dañó" and "dano" match alike.
// Matched case-insensitively on the flat text; word edges are letters and digits of any script.
// They catch the usual wordings, not every paraphrase: a pass never replaces reading the letter.

/** Spanish text with its accents and tildes taken off ("revisión" → "revision", "daño" → "dano"). */
const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");

/** A pattern bounded by non-letters on both sides (JavaScript's \b only knows ASCII letters). */
const es = (source: string, flags = "giu") => new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${source})(?![\p{L}\p{N}])`, flags);

// A-0123, the steps taken: "revisamos", "hemos hablado con", "nos reunimos con", "entrevistamos".
const DID = "revisad[oa]|hablado con|conversado con|entrevistado|investigado|examinado|analizado|consultado|verificado|comprobado|estudiado|reunido con|contactado|llamado|averiguado";
const STEPS_TAKEN = [
  es(String.raw`(?:hemos|habiamos)(?: (?:tambien|ya|cuidadosamente))? (?:${DID})`),
  es(String.raw`(?:revisamos|hablamos con|conversamos con|entrevistamos|investigamos|examinamos|analizamos|consultamos|verificamos|comprobamos|estudiamos|contactamos|llamamos|averiguamos|nos reunimos con|nos pusimos en contacto con)`),
  es(String.raw`(?:nuestra|la) (?:revision|investigacion) (?:tambien )?(?:incluyo|consistio en)`),
  es(String.raw`(?:tomamos|seguimos|dimos) (?:estos|los siguientes) pasos`),
  es(String.raw`(?:para investigar|para revisar|para averiguar)(?: esto| lo ocurrido| su (?:queja|inquietud))?,? (?:tomamos|dimos|seguimos) (?:estos|los siguientes) pasos`),
];

// A-0123, the results: "encontramos", "nuestra revisión mostró", "concluimos", "los resultados".
const RESULTS = [
  es(String.raw`(?:hemos )?(?:encontrado|determinado|concluido|confirmado|comprobado que|constatado)`),
  es(String.raw`(?:encontramos|determinamos|concluimos|confirmamos|constatamos|vimos que|comprobamos que|supimos que)`),
  es(String.raw`no (?:encontramos|hemos encontrado|hallamos)`),
  es(String.raw`(?:nuestra|la) (?:revision|investigacion) (?:tambien )?(?:encontro|mostro|determino|concluyo|confirmo|hallo|revelo)`),
  es(String.raw`como resultado|el resultado|los resultados|hallazgos?|esto es lo que (?:encontramos|supimos|vimos)`),
];

// Admissions of fault, negligence, error or mistake: the plain wordings first, then in disguise.
const LIABILITY = [
  es(String.raw`negligen(?:cia|te|tes)|mala praxis|negligencia medica`),
  es(String.raw`(?:nuestra|mi) culpa|culpa (?:nuestra|del hospital|del personal|de la enfermera|del medico)|(?:fue|es) culpa (?:nuestra|del hospital)|la culpa (?:es|fue) (?:nuestra|del hospital|del personal)`),
  es(String.raw`(?:admitimos|reconocemos) (?:nuestra|la|que (?:fue|hubo|cometimos|nos equivocamos|fallamos))`),
  es(String.raw`(?:aceptamos|asumimos|tomamos) (?:la |toda la |plena |completa )?(?:responsabilidad|culpa)`),
  es(String.raw`responsabilidad (?:legal|civil)|somos responsables de (?:su|la|el|sus) (?:lesion|lesiones|caida|dano|danos|infeccion|perdida)`),
  // Disguised: "cometimos un error", "nuestro error", "lamentamos nuestro error", "nos equivocamos", "le fallamos".
  es(String.raw`cometimos (?:un |una |varios |algunos |muchos |graves )?(?:error(?:es)?|equivocacion|equivocaciones|fallos?|falla)`),
  es(String.raw`(?:nuestros?|nuestras?|mis?|del personal|del hospital|de la enfermera|del medico) (?:propios? )?(?:error(?:es)?|equivocacion(?:es)?|fallos?|fallas?|descuidos?|negligencias?|faltas?)`),
  es(String.raw`nos equivocamos|(?:le |les )?fallamos|lo hicimos mal|hicimos (?:algo|las cosas|esto) mal`),
  es(String.raw`(?:un |el )?(?:error|fallo|descuido) (?:de|por) (?:nuestra parte|parte nuestra|parte del (?:hospital|personal))|por (?:un )?(?:error|descuido) nuestro`),
  es(String.raw`se (?:cometio|cometieron) (?:un |una |algunos |varios )?(?:error(?:es)?|equivocacion(?:es)?|fallos?)`),
  es(String.raw`(?:descuidad[oa]s?|imprudencia|atencion deficiente|atencion por debajo|por debajo del (?:estandar|nivel) de (?:atencion|cuidado)|no cumplio (?:con )?el (?:estandar|nivel) de (?:atencion|cuidado))`),
];

// Promises of money: refunds, write-offs, waived bills, compensation, "arreglarlo económicamente".
const MONEY = "(?:factura|facturas|cuenta|cuentas|saldo|saldos|cargo|cargos|cobro|cobros|deuda|deudas|copago|copagos|deducible|costo|costos|gastos?|estacionamiento|parqueo|transporte|taxi)";
const COMPENSATION = [
  es(String.raw`reembols\w*|devolucion(?:es)? (?:de|del) (?:su )?(?:dinero|pago|importe)|le devolveremos (?:el|su) (?:dinero|pago|importe)|devolverle (?:el|su) dinero`),
  es(String.raw`compensa\w*|indemniza\w*|resarci\w*|condona\w*|acuerdo (?:economico|extrajudicial)|arreglo economico|solucion economica`),
  es(String.raw`(?:le )?(?:pagaremos|pagariamos|cubriremos|cubririamos|asumiremos|absorberemos)(?: (?:el|la|los|las|su|sus|todo|todos) )?(?:\w+ ){0,2}?(?:${MONEY}|dinero)?`),
  es(String.raw`(?:anulamos|anularemos|cancelamos|cancelaremos|eliminamos|eliminaremos|borramos|borraremos|perdonamos|perdonaremos) (?:la |el |su |sus |los |las |toda la |todo el )?(?:\w+ ){0,2}?${MONEY}`),
  es(String.raw`${MONEY}(?: \w+){0,4}? (?:ha sido|han sido|fue|fueron|sera|seran|queda|quedan|esta|estan) (?:\w+ )?(?:cancelad[oa]s?|anulad[oa]s?|eliminad[oa]s?|condonad[oa]s?|perdonad[oa]s?|borrad[oa]s?|cubiert[oa]s?(?! por (?:su )?(?:seguro|plan|medicare|medicaid))|pagad[oa]s?|reducid[oa]s? a cero|en cero)`),
  // Disguised: nothing to pay ("sin costo", "gratis", "no tendrá que pagar", "no le cobraremos").
  es(String.raw`sin (?:ningun )?(?:costo|cargo|coste)|gratis|gratuit[oa]s?|a nuestro cargo|por cuenta (?:nuestra|del hospital)`),
  es(String.raw`no (?:tendra|tiene|necesita|debera) (?:que )?pagar|no (?:le |les )?(?:cobraremos|cobraran|vamos a cobrar)|no se (?:le |les )?cobrara|no (?:recibira|le llegara) (?:ninguna |otra |mas )?(?:factura|cuenta|cobro)|no debe nada|no nos debe nada|saldo (?:de )?cero`),
  // Disguised: amounts, credits, vouchers and checks; "making it right financially".
  /\$ ?\d+(?:[.,]\d+)*/g,
  es(String.raw`\d+(?:[.,]\d+)* (?:dolares|euros|pesos)|dolares|euros`),
  es(String.raw`descuentos?|vales? (?:de|por)|cupon(?:es)?|tarjetas? de regalo|credito (?:a|en) su (?:cuenta|factura)|un credito (?:de|por)|un cheque|le enviaremos (?:un )?(?:pago|dinero|cheque)`),
  es(String.raw`(?:arreglar|reparar|compensar|remediar|solucionar|enmendar)(?:lo|la|le|les)? (?:economicamente|financieramente|con dinero)|(?:economicamente|financieramente) (?:le )?(?:compensaremos|responderemos|repararemos)`),
];

// Withholding: "no se pueden compartir los resultados", "los hallazgos son confidenciales".
const WITHHELD = "compartid[oa]s?|revelad[oa]s?|divulgad[oa]s?|comunicad[oa]s?|informad[oa]s?|entregad[oa]s?|dad[oa]s? a conocer";
const RESULT_WORDS = "(?:resultados?|hallazgos?|conclusion(?:es)?|lo que (?:encontramos|descubrimos|supimos))";
const WITHHOLDING = [
  es(String.raw`no (?:sera|seran|serian|seria|puede ser|pueden ser|podra ser|podran ser|se (?:pueden|puede|podran|podra|van a)) (?:${WITHHELD}|compartir|revelar|divulgar|dar a conocer|comunicar)`),
  es(String.raw`no (?:podemos|puedo|vamos a|estamos autorizados a|nos es posible|se nos permite) (?:compartir|revelar|divulgar|comunicar|darle a conocer|dar a conocer|informarle|decirle|contarle|entregarle)(?: (?:con usted|a usted))? (?:\w+ ){0,2}?${RESULT_WORDS}`),
  // Disguised: "los resultados son confidenciales", "los hallazgos quedarán internos".
  es(String.raw`(?:los |las |el |la |nuestros |nuestras )?${RESULT_WORDS}(?: \w+){0,5}? (?:son|es|seran|sera|permaneceran|permanecera|quedaran|quedara|se mantendran|se mantendra|deben (?:ser|permanecer|quedar)|tienen que (?:ser|permanecer|quedar)) (?:estrictamente )?(?:confidencial(?:es)?|privad[oa]s?|internos?|internas?|reservad[oa]s?|secret[oa]s?)`),
  es(String.raw`(?:mantener|mantenemos|mantendremos|guardar|guardaremos) (?:los |las |nuestros |nuestras )?${RESULT_WORDS} (?:en (?:reserva|privado|secreto)|confidenciales|internos)`),
];

// Clinical speculation: "el médico debió haber…", "esto probablemente causó…", "si hubiéramos…, no habría pasado".
const CLINICIAN = "(?:medic[oa]s?|doctor(?:a|es|as)?|enfermer[oa]s?|cirujan[oa]s?|personal|equipo|residentes?|farmaceutic[oa]s?|anestesiolog[oa]s?|radiolog[oa]s?|terapeutas?|urgencias|nosotros)";
const SPECULATION = [
  es(String.raw`(?:el |la |los |las |su |nuestro |nuestra )?${CLINICIAN} (?:\w+ )?(?:debio|debieron|deberia|deberian|debia|debian|tendria que|tendrian que|tuvo que|pudo|pudieron|podria|podrian) (?:haber(?:lo|la|los|las|le|les|se)?|hacer|pedir|ordenar|notar|detectar|diagnosticar|revisar|darse cuenta)`),
  es(String.raw`(?:debio|debieron|deberia|deberian|se debio|se deberia|tendria que|tendrian que) haber(?:se)? (?:\w+ )?(?:diagnosticado|detectado|notado|visto|ordenado|pedido|hecho|dado|administrado|tratado|revisado|atendido|hospitalizado|ingresado)`),
  es(String.raw`(?:probablemente|posiblemente|seguramente|quizas|tal vez|es probable que|es posible que|es muy probable que)(?: esto| eso| el| la| lo)? (?:\w+ )?(?:causo|provoco|contribuyo|empeoro|desencadeno|haya causado|haya provocado|haya contribuido|causara|provocara|fue (?:la causa|lo que causo|causad[oa]|provocad[oa]|debid[oa] a))`),
  es(String.raw`(?:pudo|puede|podria|debio|debe) haber (?:causado|provocado|contribuido|empeorado|desencadenado|influido)`),
  es(String.raw`(?:la )?causa (?:mas )?probable (?:de|del|fue)|(?:fue|es) probablemente (?:debido a|por|la causa|a causa de)|se debio probablemente a`),
  es(String.raw`si (?:hubieramos|hubiesemos|se hubiera|se hubiese|hubiera|hubiese|el medico hubiera|la enfermera hubiera|el personal hubiera)\b[^.!?]{0,100}?(?:no (?:habria|hubiera|hubiese)|se (?:habria|hubiera) (?:podido )?(?:evitar|prevenir))`),
  es(String.raw`no (?:habria|hubiera|hubiese) (?:pasado|ocurrido|sucedido)|se (?:pudo|podria haber|hubiera podido|habria podido) (?:evitar|prevenir)|(?:era|fue|es) (?:evitable|prevenible)|evitable|prevenible`),
];

// The QIO and the State survey agency. The hospital's settings may name them in English (the text
// is put in the letter as set), so the English names count too.
const QIO = [
  es(String.raw`QIOs?|BFCC|organizacion (?:para el mejoramiento|de mejora(?:miento)?|para la mejora) de (?:la )?calidad`),
  /\bquality improvement organi[sz]ations?\b/gi,
];
const STATE_AGENCY = [
  es(String.raw`agencia (?:estatal|del estado)(?: de (?:inspeccion|supervision|encuestas|certificacion))?|departamento (?:estatal )?de salud(?: publica)?|departamento de salud (?:publica )?del estado|secretaria (?:estatal )?de salud`),
  /\bstate (?:survey )?agency\b/gi,
  /\bdepartment of (?:public )?health\b(?! and human services)/gi,
];

// An interim letter: "seguimos revisando", "todavía estamos investigando", "aún no hemos terminado".
const STILL_REVIEWING = [
  es(String.raw`(?:seguimos|continuamos|todavia estamos|aun estamos|estamos todavia|estamos aun|estamos) (?:\w+ )?(?:revisando|investigando|analizando|estudiando|examinando|averiguando|trabajando en|esperando)`),
  es(String.raw`(?:todavia|aun) no (?:hemos )?(?:terminado|terminamos|concluido|finalizado|completado)|(?:sigue|siguen|esta|estan) (?:todavia |aun )?(?:en revision|bajo revision|en investigacion|abiert[oa]s?)|(?:todavia|aun) (?:se esta|se estan) (?:revisando|investigando)`),
];

// Template gaps in Spanish words: "[insertar lo que se encontró]", "[completar]".
const PLACEHOLDERS = [es(String.raw`\[ ?(?:insertar|agregar|anadir|escribir|completar|rellenar|pendiente|por completar)[^\]]*\]`)];

// Interpreters and translation are free by law (Section 1557 taglines): not a money promise.
const FREE_BY_RIGHT =
  /(?<![\p{L}])(?:interpret\w*|traduc\w*|asistencia (?:linguistica|con el idioma|en su idioma)|ayuda (?:con el|en su) idioma|servicios? de idiomas?)([^.!?\n]{0,60}?)(?:gratis|gratuit[oa]s?|sin (?:ningun )?(?:costo|cargo))(?![\p{L}])/giu;
const NAMES_MONEY = new RegExp(String.raw`${MONEY}|reembols|cancel|anul|\$`, "iu");
// A toll-free number ("línea gratuita", "llame sin costo") is no money promise either.
const TOLL_FREE = es(String.raw`(?:llamada|linea|numero|telefono)s? (?:gratuit[oa]s?|sin costo)|(?:llame|llamar|llamando) (?:gratis|sin costo)`);
const withoutFreeByRight = (flat: string) =>
  flat.replace(TOLL_FREE, " ").replace(FREE_BY_RIGHT, (phrase, between: string) => (NAMES_MONEY.test(between) ? phrase : " "));

// Dates as Spanish writes them ("1 de diciembre de 2026", "1/12/2026"), and the wording around a
// date of completion ("completamos nuestra revisión el …") or the date the response will follow.
const MONTH = "(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)";
const DATE = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:\d{1,2} de ${MONTH}(?: de(?:l)? \d{4})?|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})(?![\p{L}\p{N}])`, "giu");
const COMPLETION_WORDS = es(String.raw`complet\w*|conclu\w*|termin\w*|finaliz\w*|cerr(?:amos|ado|o)|cierre`, "iu");
const FUTURE_WORDS = es(
  String.raw`enviaremos|mandaremos|escribiremos|responderemos|daremos|haremos llegar|tendremos|recibira|tendra|llegara|enviara|esperamos|prevemos|planeamos|vamos a|tenemos previsto|contestaremos`,
  "iu",
);
const DEADLINE_BEFORE_DATE = /(?:a mas tardar|antes del?|para el|no despues del?|hasta el)\s+(?:el\s+)?(?:[a-z]+,?\s+)?$/iu;

export const ES: LetterPhrases = {
  language: "es",
  name: "Spanish",
  fold,
  STEPS_TAKEN,
  RESULTS,
  LIABILITY,
  COMPENSATION,
  WITHHOLDING,
  SPECULATION,
  QIO,
  STATE_AGENCY,
  STILL_REVIEWING,
  withoutFreeByRight,
  DATE,
  COMPLETION_WORDS,
  FUTURE_WORDS,
  DEADLINE_BEFORE_DATE,
  PLACEHOLDERS,
  EXAMPLES: {
    steps_taken: "“revisamos”, “hablamos con”",
    results: "“encontramos”, “nuestra revisión mostró”, “concluimos”",
    date_of_completion: "“Completamos nuestra revisión el 20 de marzo de 2025.”",
    expected_date: "“Le enviaremos nuestra respuesta por escrito a más tardar el 18 de abril de 2025.”",
    still_reviewing: "“Todavía estamos revisando la espera en el servicio de urgencias.”",
    qio: "la Organización para el Mejoramiento de la Calidad (QIO)",
    state_agency: "la agencia estatal de inspección o el departamento de salud del estado",
  },
};
