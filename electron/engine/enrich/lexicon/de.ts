import type { LanguagePack } from './types.js';

/** German: our own care lexicon (folded: ä → a, ß → ss happen on load). */
export const DE: LanguagePack = {
  valence: {
    gut: 2, super: 3, toll: 3, klasse: 3, prima: 2, spitze: 3, top: 3, perfekt: 3, 'großartig': 3, hervorragend: 3, 'ausgezeichnet': 3, wunderbar: 3, genial: 3, lecker: 2,
    'schön': 2, nett: 2, freundlich: 2, hilfsbereit: 2, geduldig: 2, schnell: 1, 'pünktlich': 2, 'zuverlässig': 2, einfach: 1, unkompliziert: 2, 'praktisch': 2, 'nützlich': 2,
    'begeistert': 3, 'zufrieden': 2, 'glücklich': 3, 'froh': 2, danke: 2, dank: 2, 'dankeschön': 2, 'liebe': 3, lieben: 3, 'gefällt': 2, 'mag': 2, empfehlenswert: 3, 'lohnt': 1,
    beste: 3, besten: 3, bester: 3, besser: 2, 'qualität': 1, 'wie neu': 2, 'gut gemacht': 3, 'weiter so': 3, 'danke euch': 3, 'vielen dank': 3, 'riesendank': 3, 'hut ab': 3,
    schlecht: -2, 'schlechteste*': -4, 'schlimm*': -3, furchtbar: -3, schrecklich: -3, katastrophe: -4, katastrophal: -4, 'unmöglich': -3, 'frechheit': -4, 'unverschämt*': -4,
    'ärger*': -3, 'enttäusch*': -3, 'unzufrieden': -3, 'sauer': -2, 'wütend': -3, 'nervt': -2, nervig: -2, 'kaputt': -3, defekt: -3, 'beschädigt': -3, 'kratzer': -2, 'falsch*': -2,
    'verspätung': -2, 'verspätet': -2, 'zu spät': -2, 'spät': -1, kalt: -1, verloren: -2, 'abzocke': -4, betrug: -4,
    'geschmolzen': -3, 'gefährlich': -3, 'gequalmt': -3, 'verschwendet': -2, 'inakzeptabel': -3, 'nicht akzeptabel': -3, 'unfassbar': -2, 'unglaublich': -1, 'peinlich': -2,
    'funktioniert nicht': -3, 'geht nicht': -2, 'nicht mehr an': -3, 'keine antwort': -2, 'keine rückmeldung': -2, 'meldet sich niemand': -2, 'niemand': -1, 'nie': -1, 'warteschleife': -2,
    'danke für nichts': -3, 'nein danke': -2, 'gesperrt': -2, 'abgelehnt': -2, 'quietschen': -1, 'zinsen': -1, 'gebühren': -1, 'problem': -1, probleme: -1, 'ohne probleme': 2,
    'schon wieder': -1, 'empfehle*': 2, 'empfohlen': 2, 'empfehlung': 2, 'ist es wert': 2, 'ohne ankündigung': -2, 'ohne jede ankündigung': -2, 'ohne vorwarnung': -2,
    'nicht auf lager': -1, 'verdoppelt*': -1, fehler: 0, 'leider': -1, 'mangelhaft': -3, 'ungenügend': -3, 'schade': -2, 'mist': -3, 'verbraucherzentrale': -1,
  },
  negators: ['nicht', 'kein', 'keine', 'keinen', 'keiner', 'keinem', 'nie', 'niemals', 'ohne', 'nichts', 'weder', 'kaum'],
  postNegators: ['nicht', 'nie', 'niemals'],
  intensifiers: {
    sehr: 1.5, echt: 1.4, wirklich: 1.4, total: 1.5, richtig: 1.4, extrem: 1.7, absolut: 1.6, 'völlig': 1.5, 'äußerst': 1.6, mega: 1.6, voll: 1.3, so: 1.3, ziemlich: 1.1,
    etwas: 0.6, 'bisschen': 0.5, 'ein wenig': 0.5, eher: 0.7, 'überhaupt': 1.3,
  },
  contrast: ['aber', 'jedoch', 'allerdings', 'trotzdem', 'sondern'],
  interrogatives: ['wie', 'was', 'wo', 'wann', 'welche', 'welcher', 'welches', 'warum', 'wieso', 'weshalb', 'wer', 'kann', 'kann man', 'gibt', 'hat', 'habt', 'ist', 'sind', 'lohnt', 'macht', 'muss', 'darf'],
  stopwords: [
    'der', 'die', 'das', 'und', 'ist', 'nicht', 'ich', 'mein', 'meine', 'ein', 'eine', 'mit', 'von', 'zu', 'den', 'es', 'auf', 'bei', 'für', 'noch', 'schon', 'wieder', 'auch', 'sich', 'im', 'ihr', 'euch', 'wie', 'kein', 'keine', 'hat', 'habe', 'aber', 'jetzt', 'dass', 'dem', 'des', 'einen', 'einem', 'einer', 'eines', 'sie', 'wir', 'uns', 'unser', 'er', 'wird', 'werden', 'wurde', 'war', 'waren', 'bin', 'bist', 'sind', 'sein', 'seit', 'nach', 'vor', 'über', 'unter', 'durch', 'gegen', 'ohne', 'um', 'aus', 'oder', 'wenn', 'weil', 'doch', 'nur', 'sehr', 'mal', 'man', 'was', 'wer', 'wo', 'wann', 'warum', 'welche', 'dieser', 'diese', 'dieses', 'hier', 'dort', 'heute', 'gestern', 'morgen', 'immer', 'nie', 'ganz', 'gar', 'kann', 'können', 'muss', 'soll', 'will', 'würde', 'hätte', 'haben', 'gibt', 'gab', 'ja', 'nein', 'nichts', 'etwas', 'alle', 'alles', 'viel', 'viele', 'mehr', 'am', 'zum', 'zur', 'vom', 'beim', 'ins', 'bis', 'also', 'dann', 'denn', 'da', 'so',
  ],
  cues: {
    complaint: [
      'immer noch nicht', 'immer noch kein', 'immer noch keine', 'noch nicht', 'nie angekommen', 'kam nie', 'nicht angekommen', 'keine antwort', 'keine rückmeldung', 'meldet sich', 'niemand', 'keiner',
      'funktioniert nicht', 'geht nicht', 'nicht mehr', 'kaputt', 'defekt', 'beschädigt', 'falsch', 'falsche', 'falschen', 'schon wieder', 'wieder', 'jedes mal', 'ständig', 'zu viel berechnet', 'abgebucht',
      'doppelt', 'erstattung', 'geld zurück', 'verspätung', 'zu spät', 'kalt', 'verloren', 'gesperrt', 'warteschleife', 'nicht zufrieden', 'unzufrieden',
      'enttäuscht', 'ärgerlich', 'frechheit', 'unfassbar', 'katastrophe', 'schlechteste', 'danke für nichts', 'nein danke', 'kostet mich', 'verschwendet', 'abgelehnt', 'inakzeptabel', 'nicht akzeptabel',
      'gebühren', 'zinsen', 'geschmolzen', 'kratzer', 'verdoppelt', 'verdoppelte', 'ohne ankündigung', 'ohne jede ankündigung', 'nicht auf lager', 'ich kündige', 'kündigen', 'bot', 'unmöglich', 'quietschen',
    ],
    question: ['hat jemand', 'weiß jemand', 'kennt jemand', 'gibt es', 'kann ich', 'kann man', 'wie kann', 'wo finde', 'wie lange', 'was kostet', 'was bedeutet', 'welcher', 'welche'],
    praise: ['danke', 'vielen dank', 'dankeschön', 'riesendank', 'danke euch', 'gut gemacht', 'weiter so', 'hut ab', 'begeistert', 'glücklich', 'zufrieden mit', 'so nett', 'top'],
    recommendation: [
      'empfehlen', 'empfehle', 'empfohlen', 'empfehlung', 'klare empfehlung', 'nur empfehlen', 'kann ich nur', 'müsst ihr', 'muss bei', 'solltet ihr', 'probiert', 'nehmt', 'geht zu', 'kauft',
      'kauft bloß nicht', 'kauft nicht', 'finger weg', 'lasst es', 'lasst die finger', 'wer eine', 'wer ein', 'ihr sucht', 'sucht ihr', 'jedem empfehlen',
    ],
    'pre-purchase': [
      'überlege', 'überlegt', 'überlegen', 'lohnt sich', 'lohnt', 'unterschied', 'vergleich', 'erfahrung mit', 'erfahrungen', 'hat jemand erfahrung', 'kaufen', 'vor dem kauf', 'preis', 'preisabgleich',
      'kostet', 'was kostet', 'günstiger', 'welcher', 'welche', 'tarif', 'enthält', 'sucht', 'wechseln', 'suche', 'anschaffen', 'wert',
    ],
    purchase: [
      'bezahlen', 'bezahlung', 'bezahlvorgang', 'beim bezahlen', 'kasse', 'warenkorb', 'gutschein', 'gutscheincode', 'rabattcode', 'rabattcodes', 'kartendaten', 'bestellt', 'gerade bestellt',
      'kaufvorgang', 'checkout', 'buchung', 'gebucht', 'buchen', 'ratenzahlung', 'apple pay', 'paypal', 'nicht auf lager', 'einlösen', 'bestellvorgang',
    ],
    'post-purchase': [
      'einen menschen', 'mit einem menschen', 'meine bestellung', 'bestellung', 'lieferung', 'geliefert', 'angekommen', 'versand', 'erstattung', 'rückerstattung', 'rücksendung', 'ersatz', 'ersatzteil', 'garantie', 'reparatur', 'support',
      'kundenservice', 'hotline', 'konto', 'rechnung', 'abbuchung', 'abgebucht', 'abo', 'vertrag', 'kündigen', 'kündige', 'seit dem update', 'update', 'app', 'akku', 'kaputt', 'flug', 'techniker',
      'zählerstände', 'fehler', 'mein^0.5', 'meine^0.5', 'meinen^0.5', 'meins^0.5', 'immer noch', 'wieder', 'warteschleife', 'miete', 'gebühren', 'zinsen', 'fahrer', 'kurier', 'optikerin', 'gläser',
    ],
    legal: ['anwalt', 'anwältin', 'rechtsanwalt', 'verklagen', 'klage', 'gericht', 'verbraucherzentrale', 'schlichtungsstelle', 'bundesnetzagentur', 'rechtliche schritte', 'anzeige'],
    safety: ['feuer', 'brand', 'rauch', 'gequalmt', 'qualmt', 'geschmolzen', 'explodiert', 'verletzt', 'verletzung', 'krankenhaus', 'stromschlag', 'gefährlich', 'lebensgefährlich', 'vergiftung', 'allergische'],
    cancel: ['ich kündige', 'kündige meinen', 'vertrag kündigen', 'konto kündigen', 'abo kündigen', 'kündigen', 'konto schließen', 'ich wechsle', 'wechsle zu'],
    journalist: ['journalist', 'journalistin', 'redakteur', 'redakteurin', 'reporter', 'reporterin', 'redaktion', 'korrespondent'],
    sarcasm: ['unfassbar', 'unglaublich', 'na toll', 'danke auch', 'wirklich toll', 'klar', 'großartig', 'toll', 'super', 'prima', 'danke für nichts', 'herzlichen dank auch'],
    resolved: ['gelöst', 'erledigt', 'repariert', 'ersetzt', 'gestoppt'],
  },
};
