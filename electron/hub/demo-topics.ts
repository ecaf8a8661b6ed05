import type { EngineWithInternals, TopicInput } from '../engine/index.js';

/**
 * The demo brand's topics (the default scenario's Kettlebird Coffee): the brand, its products,
 * its competitors and the category, so the demo's wall shows topic chips, share of voice has
 * something to compare, and a fresh wall's #nightjar column shows the Nightjar Cold Brew topic.
 */
export const KETTLEBIRD_TOPICS: readonly TopicInput[] = [
  { name: 'Kettlebird Coffee', kind: 'brand', query: 'kettlebird* OR #kettlebird OR #kettlebirdapp OR @kettlebird' },
  { name: 'Nightjar Cold Brew', kind: 'product', query: '"nightjar cold brew" OR nightjar OR #nightjar' },
  { name: 'Kettlebird app', kind: 'product', query: '#kettlebirdapp OR (kettlebird NEAR/3 app)' },
  { name: 'Bird Points', kind: 'product', query: '"bird points"' },
  { name: 'Grindhouse & Co', kind: 'competitor', query: 'grindhouse' },
  { name: 'Bean Republic', kind: 'competitor', query: '"bean republic"' },
  { name: 'Morrow Coffee', kind: 'competitor', query: '"morrow coffee"' },
  { name: 'Coffee', kind: 'category', query: 'coffee OR espresso OR latte OR cortado OR "cold brew" OR "flat white" OR café OR kaffee' },
];

/** Seeds the demo topics for the scenario that names Kettlebird; another scenario's brand gets none. */
export function seedDemoTopics(engine: EngineWithInternals, scenario: string): void {
  if (scenario !== 'default') return;
  for (const t of KETTLEBIRD_TOPICS) engine.seed.topic(t);
}
