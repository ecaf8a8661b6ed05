import { foldText } from '../text-fold.js';
import type { MatchInput } from './match-input.js';

export const TOKEN_WORD = 0;
export const TOKEN_HASHTAG = 1;
export const TOKEN_MENTION = 2;

/**
 * A post prepared for matching: its folded words in order (a `#tag` or `@name` in the text is
 * a word too, flagged) and the keys of everything else a query can test.
 */
export interface MatchDoc {
  words: string[];
  kinds: number[];
  tags: Set<string>;
  /** `name` and `name@instance` for every mention. */
  mentions: Set<string>;
  /** Word positions of hashtags / mentions in the text, by value. */
  tagAt: Map<string, number[]>;
  mentionAt: Map<string, number[]>;
  /** `field=value` for every field value the post has (sites include parent domains). */
  fields: Set<string>;
}

const TOKEN = /([#@]?)([\p{L}\p{N}_]+)/gu;
/** A post is matched on its first words only: a hostile 1 MB post costs no more than a long one. */
export const MAX_MATCH_WORDS = 10_000;
const DOMAIN = /^@([a-z0-9-]+(?:\.[a-z0-9-]+)+)/;
const WORD_BEFORE = /[\p{L}\p{N}_]/u;

function push(map: Map<string, number[]>, key: string, pos: number): void {
  const list = map.get(key);
  if (list) list.push(pos);
  else map.set(key, [pos]);
}

function hostOf(url: string): string | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]+)/i.exec(url);
  return m ? m[1]!.toLowerCase().replace(/^www\./, '') : null;
}

function addMention(mentions: Set<string>, handle: string): void {
  const h = foldText(handle.trim()).replace(/^@/, '');
  if (!h) return;
  mentions.add(h);
  const at = h.indexOf('@');
  if (at > 0) mentions.add(h.slice(0, at));
}

export function prepareMatchDoc(input: MatchInput): MatchDoc {
  // Words are at most a few dozen characters: this keeps folding a hostile post bounded too.
  const text = foldText(input.text.length > MAX_MATCH_WORDS * 32 ? input.text.slice(0, MAX_MATCH_WORDS * 32) : input.text);
  const words: string[] = [];
  const kinds: number[] = [];
  const tags = new Set<string>();
  const mentions = new Set<string>();
  const tagAt = new Map<string, number[]>();
  const mentionAt = new Map<string, number[]>();
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m && words.length < MAX_MATCH_WORDS; m = TOKEN.exec(text)) {
    let marker = m[1]!;
    const word = m[2]!;
    // `C#` or `me@example.com`: the marker belongs to a word, not a hashtag or a mention.
    if (marker && m.index > 0 && WORD_BEFORE.test(text[m.index - 1]!)) marker = '';
    const pos = words.length;
    words.push(word);
    if (marker === '#') {
      kinds.push(TOKEN_HASHTAG);
      tags.add(word);
      push(tagAt, word, pos);
    } else if (marker === '@') {
      kinds.push(TOKEN_MENTION);
      mentions.add(word);
      push(mentionAt, word, pos);
      const domain = DOMAIN.exec(text.slice(TOKEN.lastIndex, TOKEN.lastIndex + 260));
      if (domain) {
        const full = `${word}@${domain[1]}`;
        mentions.add(full);
        push(mentionAt, full, pos);
        TOKEN.lastIndex += domain[0].length;
      }
    } else {
      kinds.push(TOKEN_WORD);
    }
  }
  for (const t of input.hashtags) {
    const tag = foldText(t.trim()).replace(/^#/, '');
    if (tag) tags.add(tag);
  }
  for (const h of input.mentions) addMention(mentions, h);

  const fields = new Set<string>();
  fields.add(`platform=${input.platform.toLowerCase()}`);
  const author = foldText(input.author.trim()).replace(/^@/, '');
  fields.add(`author=${author}`);
  const at = author.indexOf('@');
  if (at > 0) fields.add(`author=${author.slice(0, at)}`);
  if (input.lang) fields.add(`lang=${input.lang.toLowerCase().split(/[-_]/)[0]}`);
  if (input.isReply) fields.add('is=reply');
  if (input.hasMedia) fields.add('has=media');
  if (input.sentiment) fields.add(`sentiment=${input.sentiment}`);
  if (input.intent) fields.add(`intent=${input.intent}`);
  if (input.stage) fields.add(`stage=${input.stage}`);
  for (const t of input.topics) fields.add(`topic=${foldText(t.trim()).replace(/\s+/g, ' ')}`);
  for (const url of [input.url, ...(input.links ?? [])]) {
    const host = url ? hostOf(url) : null;
    if (!host) continue;
    // example.com matches shop.example.com: every parent domain is a key.
    for (let h = host; h; h = h.slice(h.indexOf('.') + 1)) {
      fields.add(`site=${h}`);
      if (!h.includes('.')) break;
    }
  }
  return { words, kinds, tags, mentions, tagAt, mentionAt, fields };
}
