import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createEnricher, type EnrichInput } from '../../../electron/engine/enrich/enricher.js';
import { loadLanguageDetector, type LanguageDetector } from '../../../electron/engine/enrich/language.js';
import { enrichmentSchema, type Enrichment } from '../../../shared/understanding.js';

/** A detector that answers what it is told and counts its calls. */
function fakeDetector(answer: { lang: string | null; reliable: boolean }): LanguageDetector & { calls: number } {
  const d = { calls: 0, detect: () => (d.calls++, answer) };
  return d;
}

const enricher = createEnricher({ detector: null });
const run = (text: string, platformLang: string | null = 'en', author?: EnrichInput['author']): Enrichment => enricher.enrich({ text, platformLang, author });
const score = (text: string, lang = 'en') => run(text, lang).sentiment.score;
const rules = (e: Enrichment, label: 'sentiment' | 'intent' | 'stage') => e[label].reasons.map((r) => `${r.rule} ${r.evidence}`).join(' | ');

describe('sentiment', () => {
  it('flips and damps a negated word, in every language', () => {
    expect(run('The coffee is good').sentiment.label).toBe('positive');
    expect(run('The coffee is not good').sentiment.label).toBe('negative');
    expect(run('The coffee is not wonderful').sentiment.label).toBe('negative');
    expect(rules(run('The coffee is not wonderful'), 'sentiment')).toMatch(/wonderful \(negated by "not"\)/);
    expect(run("This isn't bad at all").sentiment.score).toBeGreaterThan(0);
    expect(run('Der Kaffee ist nicht schlecht', 'de').sentiment.score).toBeGreaterThan(0);
    expect(run('Der Kaffee gefällt mir nicht', 'de').sentiment.label).toBe('negative');
    expect(run("Ce n'est pas mal du tout", 'fr').sentiment.score).toBeGreaterThan(0);
    expect(run("Ce café n'est pas bon", 'fr').sentiment.label).toBe('negative');
    expect(run('No está nada mal', 'es').sentiment.score).toBeGreaterThan(0);
    expect(run('El café no es bueno', 'es').sentiment.label).toBe('negative');
  });

  it('lets what follows "but" outweigh what precedes it', () => {
    expect(run('The coffee is great but the delivery was terrible').sentiment.label).toBe('negative');
    expect(run('The delivery was slow but the coffee is amazing').sentiment.label).toBe('positive');
    expect(rules(run('The coffee is great but the delivery was terrible'), 'sentiment')).toMatch(/sentiment:contrast but/);
    expect(run('Die Lieferung war langsam, aber der Kaffee ist super', 'de').sentiment.label).toBe('positive');
    expect(run('Le café est bon mais la livraison est une catastrophe', 'fr').sentiment.label).toBe('negative');
    expect(run('El envío fue lento pero el café está buenísimo', 'es').sentiment.label).toBe('positive');
  });

  it('reads emoji', () => {
    expect(run('my order arrived 😡').sentiment.label).toBe('negative');
    expect(run('my order arrived 😍').sentiment.label).toBe('positive');
    expect(rules(run('my order arrived 😍'), 'sentiment')).toMatch(/sentiment:emoji 😍/);
  });

  it('counts intensifiers, ALL CAPS and repeated exclamation marks', () => {
    expect(score('the service was very good')).toBeGreaterThan(score('the service was good'));
    expect(score('the service was slightly bad')).toBeGreaterThan(score('the service was bad'));
    expect(score('the service was BAD')).toBeLessThan(score('the service was bad'));
    expect(score('the service was bad!!!')).toBeLessThan(score('the service was bad'));
    expect(rules(run('the service was BAD!!!'), 'sentiment')).toMatch(/ALL CAPS.*sentiment:exclamation|sentiment:exclamation.*ALL CAPS/);
  });

  it('reads praise words in a complaint as sarcasm', () => {
    const e = run('Oh great, my order is late again 🙃');
    expect(e.sentiment.label).toBe('negative');
    expect(rules(e, 'sentiment')).toMatch(/sentiment:sarcasm/);
    expect(run('Na toll, die App stürzt schon wieder ab.', 'de').sentiment.label).toBe('negative');
    expect(run('Thanks BrewCo, my refund arrived today!').sentiment.label).toBe('positive');
  });
});

describe('intent and stage', () => {
  it.each([
    ['en', 'My order still hasn’t arrived and nobody replies. Fix this.', 'complaint', 'post-purchase'],
    ['en', 'How do I change the delivery address for my order?', 'question', 'post-purchase'],
    ['en', 'Thank you BrewCo, the new espresso blend is wonderful!', 'praise', 'post-purchase'],
    ['en', 'I highly recommend the BrewCo grinder, you should get one.', 'recommendation', 'post-purchase'],
    ['en', 'Is the BrewCo Pro worth it? Thinking about getting one.', 'question', 'pre-purchase'],
    ['en', 'The checkout keeps failing when I pay with my card.', 'complaint', 'purchase'],
    ['en', 'Saw a BrewCo van at the station this morning.', 'chatter', 'none'],
    ['de', 'Meine Lieferung ist immer noch nicht angekommen. Sehr enttäuscht!', 'complaint', 'post-purchase'],
    ['de', 'Wie kann ich meinen Tarif wechseln?', 'question', 'pre-purchase'],
    ['de', 'Vielen Dank für den tollen Service, BrewCo!', 'praise', 'post-purchase'],
    ['de', 'Kann ich nur empfehlen, klare Empfehlung!', 'recommendation', 'post-purchase'],
    ['fr', 'Ma commande n’est toujours pas arrivée, personne ne répond.', 'complaint', 'post-purchase'],
    ['fr', 'Est-ce que le paiement en plusieurs fois est possible ?', 'question', 'purchase'],
    ['fr', 'Merci BrewCo, service au top !', 'praise', 'post-purchase'],
    ['fr', 'Je recommande vivement BrewCo à tout le monde.', 'recommendation', 'post-purchase'],
    ['es', 'Mi pedido todavía no ha llegado y nadie contesta.', 'complaint', 'post-purchase'],
    ['es', '¿Cuánto cuesta la suscripción de BrewCo?', 'question', 'pre-purchase'],
    ['es', '¡Gracias BrewCo, el café está buenísimo!', 'praise', 'post-purchase'],
    ['es', 'No compréis en esa tienda, es un desastre.', 'recommendation', 'pre-purchase'],
  ])('%s: %s → %s, %s', (lang, text, intent, stage) => {
    const e = run(text, lang);
    expect(e.intent.label, rules(e, 'intent')).toBe(intent);
    expect(e.stage.label, rules(e, 'stage')).toBe(stage);
    expect(e.intent.reasons.length).toBeGreaterThan(0);
    expect(e.stage.reasons.length).toBeGreaterThan(0);
  });

  it('reads negated thanks as a complaint, not praise', () => {
    const e = run('Not happy with the new blend, not impressed at all');
    expect(e.intent.label).toBe('complaint');
    expect(rules(e, 'intent')).toMatch(/intent:negated-praise happy with/);
  });

  it('treats a problem followed by a question as a complaint', () => {
    expect(run("My new laptop won't turn on after a week. Where do I send it?").intent.label).toBe('complaint');
  });
});

describe('urgency', () => {
  it('flags legal threats, safety words and cancelling, with the words that did it', () => {
    expect(run('If this is not fixed I will talk to my lawyer').urgency.cues).toContainEqual({ cue: 'legal', evidence: 'lawyer' });
    expect(run('The charger started smoking, this is dangerous').urgency.cues.map((c) => c.cue)).toContain('safety');
    expect(run('I want to cancel my account today').urgency.cues).toContainEqual({ cue: 'cancel', evidence: 'cancel my account' });
    expect(run('Ich kündige meinen Vertrag', 'de').urgency.urgent).toBe(true);
    expect(run('Je vais porter plainte', 'fr').urgency.cues.map((c) => c.cue)).toContain('legal');
    expect(run('Quiero darme de baja', 'es').urgency.cues.map((c) => c.cue)).toContain('cancel');
    expect(run('Lovely coffee this morning').urgency).toEqual({ urgent: false, cues: [] });
  });

  it('flags journalists and high-reach authors from author metadata', () => {
    expect(run('Any comment on the recall?', 'en', { bio: 'Consumer reporter at the Daily Bugle' }).urgency.cues).toContainEqual({ cue: 'journalist', evidence: 'profile: reporter' });
    expect(run('Any comment?', 'en', { journalist: true }).urgency.cues[0]?.cue).toBe('journalist');
    expect(run('Any comment?', 'en', { followers: 250_000 }).urgency.cues).toContainEqual({ cue: 'high-reach', evidence: '250,000 followers' });
    expect(run('Any comment?', 'en', { followers: 300 }).urgency.urgent).toBe(false);
    const team = createEnricher({ detector: null, config: { urgency: { journalists: ['@ann@press.example'], highReachFollowers: 100 } } });
    expect(team.enrich({ text: 'hi', platformLang: 'en', author: { handle: 'ann@press.example', followers: 150 } }).urgency.cues.map((c) => c.cue)).toEqual(['journalist', 'high-reach']);
  });
});

describe('language', () => {
  const german = 'Meine Bestellung ist immer noch nicht da und der Kundenservice antwortet nicht';

  it('keeps the platform language unless the words clearly say otherwise and the detector agrees', () => {
    const agrees = fakeDetector({ lang: 'de', reliable: true });
    const e = createEnricher({ detector: agrees }).enrich({ text: german, platformLang: 'en' });
    expect(e.lang).toMatchObject({ value: 'de', source: 'detector' });
    expect(e.lang.reasons[0]!.evidence).toMatch(/platform said en/);
    const unsure = fakeDetector({ lang: 'de', reliable: false });
    expect(createEnricher({ detector: unsure }).enrich({ text: german, platformLang: 'en' }).lang).toMatchObject({ value: 'en', source: 'platform' });
    const never = fakeDetector({ lang: 'fr', reliable: true });
    expect(createEnricher({ detector: never }).enrich({ text: 'The order still has not arrived and nobody answers', platformLang: 'en-GB' }).lang).toMatchObject({ value: 'en', source: 'platform' });
    expect(never.calls).toBe(0);
  });

  it('without a platform language, uses function words, then the detector, else says unknown', () => {
    const d = fakeDetector({ lang: 'it', reliable: true });
    const e = createEnricher({ detector: d });
    expect(e.enrich({ text: german, platformLang: null }).lang).toMatchObject({ value: 'de', source: 'detector' });
    expect(d.calls).toBe(0);
    expect(e.enrich({ text: 'Il mio ordine non è ancora arrivato', platformLang: null }).lang).toMatchObject({ value: 'it', source: 'detector' });
    expect(d.calls).toBe(1);
    expect(e.enrich({ text: 'ok', platformLang: null }).lang).toMatchObject({ value: null, source: 'none' });
  });

  describe('with eld', () => {
    let real: LanguageDetector;
    beforeAll(async () => {
      real = await loadLanguageDetector();
    });
    it('detects the four languages of the rules, and others', () => {
      const e = createEnricher({ detector: real });
      const cases: Array<[string, string]> = [
        ['Waiting for three weeks now, where is the parcel', 'en'],
        ['Seit drei Wochen warte ich auf das Paket', 'de'],
        ['Cela fait trois semaines que j’attends le colis', 'fr'],
        ['Llevo tres semanas esperando el paquete', 'es'],
        ['Aspetto il pacco da tre settimane ormai', 'it'],
      ];
      for (const [text, lang] of cases) expect(e.enrich({ text, platformLang: null }).lang.value, text).toBe(lang);
    });
  });
});

describe('configuration', () => {
  it('lets a brand add words and phrases and move thresholds, every label still with reasons', () => {
    const brand = createEnricher({
      detector: null,
      config: { sentiment: { words: { en: { brewtiful: 3 } } }, cues: { en: { complaint: ['bean drought'] } } },
    });
    expect(brand.enrich({ text: 'simply brewtiful', platformLang: 'en' }).sentiment.label).toBe('positive');
    expect(brand.enrich({ text: 'another bean drought at my store', platformLang: 'en' }).intent.reasons.map((r) => r.evidence)).toContain('bean drought');
    const strict = createEnricher({ detector: null, config: { sentiment: { positiveAt: 0.95 } } });
    expect(strict.enrich({ text: 'good coffee', platformLang: 'en' }).sentiment.label).toBe('neutral');
  });

  it('refuses an invalid config with a ZodError', () => {
    expect(() => createEnricher({ detector: null, config: { sentiment: { positiveAt: 2 } } })).toThrow(ZodError);
    expect(() => createEnricher({ detector: null, config: { nope: true } as never })).toThrow(ZodError);
  });
});

describe('robustness', () => {
  it('never throws and always returns a valid enrichment, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constantFrom(null, 'en', 'de', 'xx-YY', ''), (text, lang) => {
        const e = enricher.enrich({ text, platformLang: lang });
        expect(enrichmentSchema.safeParse(e).success).toBe(true);
        // Every label says why, even "neutral", "chatter" and "none".
        for (const label of [e.lang, e.sentiment, e.intent, e.stage]) expect(label.reasons.length).toBeGreaterThan(0);
        expect(Math.abs(e.sentiment.score)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1500 },
    );
    expect(() => enricher.enrich({ text: 'bad '.repeat(50_000), platformLang: null })).not.toThrow();
  });
});
