import type { Item, SourceView } from './domain.js';

export type Change =
  | { kind: 'item.added'; item: Item }
  | { kind: 'item.updated'; item: Item }
  | { kind: 'item.deleted'; item: Item }
  | { kind: 'source.added'; source: SourceView }
  | { kind: 'source.updated'; source: SourceView }
  | { kind: 'source.removed'; id: string };

export type ChangeKind = Change['kind'];

export interface ChangeEnvelope {
  seq: number;
  change: Change;
}
