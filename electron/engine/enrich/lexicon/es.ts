import type { LanguagePack } from './types.js';

/** Spanish: our own care lexicon (¿ and ¡ are punctuation; accents fold away on load). */
export const ES: LanguagePack = {
  valence: {
    bueno: 2, buena: 2, bien: 2, genial: 3, estupendo: 3, estupenda: 3, excelente: 3, perfecto: 3, perfecta: 3, maravilla: 3, 'fantástico': 3, 'increíble': 2, rico: 2, rica: 2,
    'buenísimo': 3, 'buenísima': 3, 'facilísima': 2, 'fácil': 1, 'rápido': 1, 'útil': 2, amable: 2, majo: 2, maja: 2, encanto: 3, paciencia: 2, 'puntuales': 2, puntual: 2, fiable: 2,
    gracias: 2, 'mil gracias': 3, 'muchas gracias': 3, encanta: 3, encantada: 3, encantado: 3, contento: 2, contenta: 2, feliz: 3, satisfecho: 2, satisfecha: 2, crack: 3, 'bien hecho': 3,
    mejor: 2, 'lo mejor': 3, 'la mejor': 3, calidad: 1, 'como nuevas': 2, 'como nuevo': 2, 'sin un solo problema': 2, 'sin problemas': 2, 'sin comisiones': 1, 'sin quejas': 2, 'ha mejorado': 2, alegró: 2,
    malo: -2, mala: -2, mal: -2, fatal: -3, horrible: -3, 'pésimo': -4, 'pésima': -4, peor: -4, desastre: -4, 'vergüenza': -3, vergonzoso: -4, 'indignante': -4, inaceptable: -3,
    decepcionado: -3, decepcionada: -3, 'decepción': -3, harto: -3, harta: -3, enfadado: -3, enfadada: -3, roto: -3, rota: -3, estropeado: -3, defectuoso: -3, rayada: -2, 'fría': -1, 'frío': -1,
    retraso: -2, tarde: -1, perdido: -2, perdida: -2, bloqueado: -2, 'derritió': -3, peligroso: -3, peligrosa: -3, estafa: -4, timo: -4, 'chirrían': -1, 'comisión': -1, problema: -1,
    'no funciona': -3, 'no enciende': -3, 'no responde': -2, 'no contesta': -2, nadie: -1, nunca: -1, 'gracias por nada': -3, 'no gracias': -2, 'otra vez': -1, 'nada contenta': -3, 'nada contento': -3,
    'nada impresionada': -3, 'nada impresionado': -3, 'se niegan': -2, error: 0, cobrado: -1, 'recomiend*': 2, 'recomendad*': 2, 'recomendar': 2, 'merece la pena': 2, 'vale la pena': 2, 'sin avisar': -2, 'sin previo aviso': -2,
    imposible: -2, 'sin stock': -1, 'duplicar*': -1, 'en espera': -1, 'mal la graduación': -2, 'graduación mal': -2,
  },
  negators: ['no', 'nunca', 'jamás', 'ni', 'sin', 'nada', 'ningún', 'ninguna', 'ninguno', 'tampoco', 'nadie'],
  postNegators: [],
  intensifiers: {
    muy: 1.5, 'muchísimo': 1.6, mucho: 1.3, super: 1.4, 'súper': 1.4, tan: 1.4, totalmente: 1.5, completamente: 1.5, realmente: 1.4, bastante: 1.1, 'de verdad': 1.3, 'un poco': 0.5, algo: 0.6, re: 1.3,
  },
  contrast: ['pero', 'sin embargo', 'aunque', 'sino'],
  interrogatives: ['cómo', 'como', 'qué', 'que', 'dónde', 'donde', 'adónde', 'cuándo', 'cuál', 'cuáles', 'cuánto', 'cuánta', 'por qué', 'quién', 'puedo', 'se puede', 'merece'],
  stopwords: [
    'el', 'la', 'los', 'las', 'de', 'del', 'y', 'es', 'un', 'una', 'no', 'mi', 'mis', 'que', 'en', 'con', 'por', 'para', 'me', 'se', 'lo', 'al', 'pero', 'muy', 'ya', 'todavía', 'sigo', 'otra', 'vez', 'gracias', 'os', 'hay', 'está', 'son', 'yo', 'tú', 'él', 'ella', 'nosotros', 'vosotros', 'ellos', 'ellas', 'su', 'sus', 'tu', 'tus', 'nuestro', 'nuestra', 'vuestro', 'le', 'les', 'nos', 'te', 'este', 'esta', 'estos', 'estas', 'ese', 'esa', 'eso', 'esto', 'aquí', 'allí', 'cuando', 'como', 'donde', 'porque', 'si', 'también', 'tampoco', 'nada', 'nunca', 'siempre', 'ahora', 'hoy', 'ayer', 'mañana', 'más', 'menos', 'tan', 'todo', 'todos', 'toda', 'todas', 'he', 'ha', 'han', 'hemos', 'habéis', 'fue', 'era', 'estaba', 'estoy', 'estás', 'están', 'ser', 'estar', 'tengo', 'tiene', 'tienen', 'hace', 'hacer', 'puede', 'puedo', 'quiero', 'sin', 'sobre', 'entre', 'hasta', 'desde', 'cuál', 'qué', 'cómo', 'dónde',
  ],
  cues: {
    complaint: [
      'nunca llegó', 'no ha llegado', 'no llega', 'todavía no', 'sigo sin', 'nadie contesta', 'nadie responde', 'no responde', 'no contesta', 'no funciona', 'no enciende', 'roto', 'rota',
      'estropeado', 'defectuoso', 'rayada', 'cobrado', 'me cobró', 'dos veces', 'reembolso', 'devolverme el dinero', 'otra vez', 'cada vez', 'retraso', 'perdido', 'perdida', 'bloqueado', 'nada contenta',
      'nada contento', 'decepcionado', 'decepcionada', 'inaceptable', 'vergonzoso', 'vergüenza', 'peor', 'gracias por nada', 'no gracias', 'me cuesta', 'perdido', 'comisión', 'derritió', 'duplicarme', 'sin avisar', 'sin stock', 'imposible', 'en espera', 'me doy de baja',
      'bot', 'se niegan', 'fría', 'frío', 'mal', 'no puedo', 'harto', 'harta',
    ],
    question: ['alguien ha', 'alguien sabe', 'se puede', 'puedo', 'cómo', 'dónde', 'cuánto tarda', 'cuánto cuesta', 'qué significa', 'qué tal', 'cuál', 'qué diferencia'],
    praise: ['gracias', 'mil gracias', 'muchas gracias', 'bien hecho', 'genial', 'un crack', 'encantada', 'encantado', 'me encanta', 'qué majo', 'un encanto'],
    recommendation: [
      'recomiendo', 'os recomiendo', 'lo recomiendo', 'recomendado', 'he recomendado', 'recomendar', 'pedid', 'probad', 'id a', 'haceos un favor', 'no compréis', 'no contratéis', 'no lo hagáis', 'evitad',
      'huid', 'buscáis', 'si buscáis', 'si lleváis', 'a todo el mundo', 'todo mi equipo', 'le he recomendado', 'le recomendé',
    ],
    'pre-purchase': [
      'estoy pensando', 'pensando en', 'me lo pienso', 'merece la pena', 'vale la pena', 'diferencia', 'comparar', 'comprar', 'antes de comprar', 'precio', 'cuánto cuesta', 'más barato', 'más barata',
      'iguala el precio', 'qué tarifa', 'tarifa', 'incluye', 'ha probado', 'busca', 'buscando', 'cambiarme', 'qué tal',
    ],
    purchase: [
      'pagar', 'pago', 'el pago', 'carrito', 'código de descuento', 'códigos de descuento', 'cupón', 'datos de la tarjeta', 'formulario', 'acabo de pedir', 'la compra', 'compra fue', 'reservé', 'reserva',
      'reservar', 'a plazos', 'apple pay', 'paypal', 'sin stock', 'caja',
    ],
    'post-purchase': [
      'una persona', 'un humano', 'mi pedido', 'pedido', 'entrega', 'entregado', 'llegó', 'llegado', 'reembolso', 'devolución', 'devolverme', 'sustitución', 'repuesto', 'garantía', 'reparación', 'arregló', 'soporte', 'servicio técnico',
      'atención al cliente', 'cuenta', 'factura', 'cobró', 'cobrado', 'suscripción', 'contrato', 'darme de baja', 'doy de baja', 'actualización', 'app', 'batería', 'vuelo', 'maleta', 'técnico', 'contador',
      'error', 'mi^0.5', 'mis^0.5', 'otra vez', 'sigo', 'en espera', 'alquiler', 'comisión', 'repartidor', 'óptica', 'gafas', 'lentes',
    ],
    legal: ['abogado', 'abogada', 'denunciar', 'denuncia', 'denuncio', 'demanda', 'demandar', 'juzgado', 'tribunal', 'consumo', 'ocu', 'reclamación', 'hoja de reclamaciones'],
    safety: ['fuego', 'incendio', 'humo', 'derritió', 'quemado', 'quemadura', 'explotó', 'herido', 'herida', 'hospital', 'descarga eléctrica', 'electrocutado', 'peligroso', 'peligrosa', 'intoxicación'],
    cancel: ['me doy de baja', 'darme de baja', 'dar de baja', 'cancelar mi cuenta', 'cancelar la suscripción', 'cerrar mi cuenta', 'me cambio a'],
    journalist: ['periodista', 'reportero', 'reportera', 'redactor', 'redactora', 'redacción', 'corresponsal'],
    sarcasm: ['increíble', 'qué maravilla', 'genial', 'estupendo', 'claro', 'mil gracias', 'de verdad', 'perfecto', 'fantástico', 'gracias por nada'],
    resolved: ['solucionado', 'resuelto', 'arreglado', 'arregló', 'bloquear un pago'],
  },
};
