/**
 * News words that mean "a brand should stop and look before posting anything cheerful", per
 * language. Words a complaint uses as often as the news ("crash", "dead", "died", "blast") are left
 * out: an app outage must not read as a tragedy. Inflected forms are listed (no stemming: "attack" must not match "attacker" in a
 * game review, but "attacks" should match). Compared accent- and case-insensitively, so
 * "deces" matches "décès". Two-word entries match the tokenizer's bigrams.
 */
export const DEFAULT_SENSITIVE_TERMS: Readonly<Record<'en' | 'de' | 'fr' | 'es', readonly string[]>> = {
  en: [
    'disaster', 'disasters', 'catastrophe', 'tragedy', 'tragic', 'shooting', 'shootings', 'shooter', 'gunman',
    'gunfire', 'mass shooting', 'school shooting', 'death', 'deaths', 'killed', 'killing',
    'fatalities', 'victims', 'attack', 'attacks', 'terror', 'terrorist', 'terrorism', 'bomb', 'bombing',
    'explosion', 'hostage', 'stabbing', 'massacre', 'earthquake', 'tsunami', 'hurricane', 'tornado',
    'flood', 'flooding', 'wildfire', 'plane crash', 'derailment', 'collapse', 'evacuation', 'evacuated',
    'emergency', 'mourning', 'condolences', 'war', 'invasion', 'missile', 'riot', 'riots', 'pandemic',
    'outbreak', 'recall', 'contamination', 'poisoning',
  ],
  de: [
    'katastrophe', 'unglück', 'tragödie', 'schießerei', 'schüsse', 'amoklauf', 'amokläufer', 'tod', 'tote',
    'toten', 'gestorben', 'getötet', 'todesopfer', 'opfer', 'anschlag', 'anschläge', 'angriff', 'terror',
    'terroranschlag', 'bombe', 'explosion', 'geiselnahme', 'messerangriff', 'erdbeben', 'hochwasser',
    'überschwemmung', 'flut', 'waldbrand', 'absturz', 'flugzeugabsturz', 'zugunglück', 'einsturz', 'evakuierung',
    'evakuiert', 'notfall', 'trauer', 'beileid', 'krieg', 'rakete', 'krawalle', 'pandemie', 'ausbruch',
    'rückruf', 'vergiftung',
  ],
  fr: [
    'catastrophe', 'drame', 'tragédie', 'fusillade', 'tireur', 'tuerie', 'mort', 'morts', 'décès', 'décédé',
    'tué', 'tués', 'victimes', 'attaque', 'attentat', 'attentats', 'terrorisme', 'terroriste', 'bombe',
    'explosion', 'otage', 'otages', 'séisme', 'tremblement de terre', 'inondation', 'inondations', 'incendie',
    'accident', 'effondrement', 'évacuation', 'évacués', 'urgence', 'deuil', 'condoléances', 'guerre',
    'missile', 'émeutes', 'pandémie', 'épidémie', 'rappel', 'intoxication',
  ],
  es: [
    'desastre', 'catástrofe', 'tragedia', 'tiroteo', 'tirador', 'balacera', 'muerte', 'muertes', 'muerto',
    'muertos', 'fallecido', 'fallecidos', 'asesinado', 'víctimas', 'ataque', 'atentado', 'terrorismo',
    'terrorista', 'bomba', 'explosión', 'rehenes', 'apuñalamiento', 'masacre', 'terremoto', 'sismo', 'tsunami',
    'huracán', 'inundación', 'inundaciones', 'incendio', 'accidente', 'derrumbe', 'evacuación', 'evacuados',
    'emergencia', 'luto', 'condolencias', 'guerra', 'misil', 'disturbios', 'pandemia', 'brote', 'intoxicación',
  ],
};

export function defaultSensitiveTerms(): string[] {
  return [...new Set(Object.values(DEFAULT_SENSITIVE_TERMS).flat())];
}
