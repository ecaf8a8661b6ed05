import { z } from 'zod';
import type { StateCreator } from 'zustand';
import { wallColumnSchema, type ColumnFilter, type WallColumn } from '../lib/wall-column';
import type { Topic } from '../../../shared/topics';
import type { AppState } from './app-store';
import { readJson, writeJson, type KeyValueStorage } from './storage';

export const HIGHLIGHT_KEY = 'newsroom.highlight';
export const wallKey = (name: string) => `newsroom.wall.${name}`;
export const DEFAULT_WALL = 'main';

export interface HighlightPrefs {
  enabled: boolean;
  /** How long a new item glows. */
  seconds: number;
}

const highlightSchema = z.object({ enabled: z.boolean(), seconds: z.number().min(1).max(60) });
const layoutSchema = z.object({ columns: z.array(wallColumnSchema).max(24) });
export const DEFAULT_HIGHLIGHT: HighlightPrefs = { enabled: true, seconds: 4 };

export interface UiSlice {
  /** Each wall (a screen, a room) has its own saved layout: `#/wall?name=lobby`. */
  wallName: string;
  columns: WallColumn[];
  /** False until this wall's layout was saved once: a fresh wall may be laid out from the sources. */
  layoutSaved: boolean;
  highlight: HighlightPrefs;
  openWall(name: string): void;
  addColumn(filter: ColumnFilter, title?: string): string;
  updateColumn(id: string, patch: Partial<Pick<WallColumn, 'title' | 'filter'>>): void;
  removeColumn(id: string): void;
  moveColumn(id: string, delta: -1 | 1): void;
  setHighlight(patch: Partial<HighlightPrefs>): void;
  /** Lays out a wall nobody has arranged yet; a saved layout is never overwritten. */
  seedColumns(columns: WallColumn[]): void;
}

/** Wall names end up in storage keys and URLs: keep them plain. */
export function cleanWallName(name: string | null | undefined): string {
  const n = (name ?? '').trim().toLowerCase();
  return /^[a-z0-9_-]{1,40}$/.test(n) ? n : DEFAULT_WALL;
}

let counter = 0;
/** crypto.randomUUID is missing on a plain-http LAN hub (not a secure context), so no UUIDs here. */
export function newColumnId(): string {
  counter += 1;
  return `c${Date.now().toString(36)}${counter.toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export function defaultColumns(): WallColumn[] {
  return [{ id: 'all', title: '', filter: { kind: 'all' } }];
}

export function loadColumns(storage: KeyValueStorage, name: string): WallColumn[] {
  return readJson(storage, wallKey(name), layoutSchema)?.columns ?? defaultColumns();
}

function hasLayout(storage: KeyValueStorage, name: string): boolean {
  return readJson(storage, wallKey(name), layoutSchema) !== null;
}

/** The topic (if any) whose query listens for `#tag`: a fresh wall shows the whole topic in that hashtag's column. */
function topicOfHashtag(tag: string, topics: readonly Topic[]): Topic | undefined {
  const re = new RegExp(`(^|[\\s(])#${tag.replace(/[^\p{L}\p{N}_]/gu, '')}(?![\\p{L}\\p{N}_])`, 'iu');
  return topics.find((t) => t.kind !== 'brand' && re.test(t.query));
}

/**
 * A first layout for a fresh wall: everything, then a column for each of the first hashtags listened
 * to. Where a product, competitor, category or person topic listens for that hashtag, the column
 * shows the topic (`topic:id`, which includes the hashtag), titled with its name.
 */
export function columnsFromHashtags(hashtags: string[], topics: readonly Topic[] = [], max = 2): WallColumn[] {
  const tags = [...new Set(hashtags.map((t) => t.toLowerCase()))].slice(0, max);
  return [
    ...defaultColumns(),
    ...tags.map((tag) => {
      const topic = topicOfHashtag(tag, topics);
      return topic
        ? { id: `tag-${tag}`, title: topic.name, filter: { kind: 'query' as const, query: `topic:${topic.id}` } }
        : { id: `tag-${tag}`, title: '', filter: { kind: 'query' as const, query: `#${tag}` } };
    }),
  ];
}

export const createUiSlice =
  (storage: KeyValueStorage): StateCreator<AppState, [], [], UiSlice> =>
  (set, get) => {
    const saveColumns = (columns: WallColumn[]) => {
      writeJson(storage, wallKey(get().wallName), { columns });
      set({ columns, layoutSaved: true });
    };
    return {
      wallName: DEFAULT_WALL,
      columns: loadColumns(storage, DEFAULT_WALL),
      layoutSaved: hasLayout(storage, DEFAULT_WALL),
      highlight: readJson(storage, HIGHLIGHT_KEY, highlightSchema) ?? DEFAULT_HIGHLIGHT,

      openWall(raw) {
        const name = cleanWallName(raw);
        if (name === get().wallName) return;
        set({ wallName: name, columns: loadColumns(storage, name), layoutSaved: hasLayout(storage, name) });
      },

      seedColumns(columns) {
        if (get().layoutSaved) return;
        saveColumns(columns);
      },

      addColumn(filter, title = '') {
        const id = newColumnId();
        saveColumns([...get().columns, { id, title, filter }]);
        return id;
      },

      updateColumn(id, patch) {
        saveColumns(get().columns.map((c) => (c.id === id ? { ...c, ...patch } : c)));
      },

      removeColumn(id) {
        saveColumns(get().columns.filter((c) => c.id !== id));
      },

      moveColumn(id, delta) {
        const cols = [...get().columns];
        const from = cols.findIndex((c) => c.id === id);
        const to = from + delta;
        if (from < 0 || to < 0 || to >= cols.length) return;
        const [col] = cols.splice(from, 1);
        cols.splice(to, 0, col!);
        saveColumns(cols);
      },

      setHighlight(patch) {
        const next = { ...get().highlight, ...patch };
        const parsed = highlightSchema.safeParse(next);
        if (!parsed.success) return;
        writeJson(storage, HIGHLIGHT_KEY, parsed.data);
        set({ highlight: parsed.data });
      },
    };
  };
