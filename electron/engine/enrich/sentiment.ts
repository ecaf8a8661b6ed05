import type { Reason, Sentiment } from '../../../shared/understanding.js';
import { EMOJI, PUNCT, type AnalyzedText } from './analyze-text.js';
import type { CompiledPack } from './compiled-pack.js';
import { EMOJI_VALENCE, SARCASM_EMOJI } from './lexicon/emoji.js';
import type { CueKind } from './lexicon/types.js';
import type { PhraseHit } from './phrase-index.js';

export interface SentimentResult {
  label: Sentiment;
  /** -1 … 1. */
  score: number;
  reasons: Reason[];
  /** Praise words were read as sarcasm. */
  sarcastic: boolean;
}

interface Contribution {
  at: number;
  value: number;
  evidence: string;
  notes: string[];
}

const NEGATION_FLIP = -0.75;
const CAPS_BOOST = 1.3;
const CONTRAST_BEFORE = 0.5;
const CONTRAST_AFTER = 1.5;
const EXCLAMATION_STEP = 0.3;
const QUESTION_DAMP = 0.3;
const SARCASM_FLIP = -0.9;
const NORMALIZE_ALPHA = 15;

function words(t: AnalyzedText, at: number, length: number): string {
  const out: string[] = [];
  for (let k = at; k < at + length && k < t.words.length; k++) out.push(t.tokens[t.words[k]!]!.raw);
  return out.join(' ');
}

// Module-level helpers rather than closures: a closure per post is measurable at 30,000 posts/s.
function wordText(t: AnalyzedText, k: number): string {
  return t.tokens[t.words[k]!]!.text;
}

function clauseOf(t: AnalyzedText, k: number): number {
  return t.tokens[t.words[k]!]!.clause;
}

/** Chooses the longest valence phrase at each position; a word counts once. */
function pickValence(hits: PhraseHit<number>[]): PhraseHit<number>[] {
  const byStart = new Map<number, PhraseHit<number>>();
  for (const h of hits) {
    const cur = byStart.get(h.at);
    if (!cur || h.length > cur.length) byStart.set(h.at, h);
  }
  const out: PhraseHit<number>[] = [];
  let coveredTo = -1;
  for (const at of [...byStart.keys()].sort((a, b) => a - b)) {
    if (at <= coveredTo) continue;
    const h = byStart.get(at)!;
    out.push(h);
    coveredTo = at + h.length - 1;
  }
  return out;
}

/**
 * Lexicon valence with the usual modifiers (in the spirit of VADER): a negator within three
 * words before (or, in German, a `nicht` just after) flips and damps; an intensifier before
 * scales; ALL CAPS boosts; after a contrast word (`but`) counts more and before it less; words in
 * a question count less; sarcasm (🙃, or "Great." opening a sentence of a complaint) turns praise words
 * negative; `!!` strengthens whatever the sum says. The sum is squashed into -1…1.
 */
export function scoreSentiment(t: AnalyzedText, pack: CompiledPack, cueHits: PhraseHit<CueKind>[], thresholds: { positiveAt: number; negativeAt: number }): SentimentResult {
  const { tokens, words: wordIdx } = t;
  const questionClauses = new Set<number>();
  for (const tok of tokens) if (tok.kind === PUNCT && tok.text.includes('?')) questionClauses.add(tok.clause);

  const contributions: Contribution[] = [];
  for (const h of pickValence(pack.valence.find(t))) {
    let v = h.value;
    const notes: string[] = [];
    const clause = clauseOf(t, h.at);
    const selfNegated = pack.negators.has(wordText(t, h.at));
    let negated = false;
    if (!selfNegated) {
      for (let k = h.at - 1; k >= Math.max(0, h.at - 3) && clauseOf(t, k) === clause; k--) {
        if (pack.negators.has(wordText(t, k))) {
          negated = true;
          notes.push(`negated by "${tokens[wordIdx[k]!]!.raw}"`);
          break;
        }
      }
      const end = h.at + h.length;
      for (let k = end; !negated && k < Math.min(wordIdx.length, end + 3) && clauseOf(t, k) === clause; k++) {
        if (pack.postNegators.has(wordText(t, k))) {
          negated = true;
          notes.push(`negated by "${tokens[wordIdx[k]!]!.raw}" after it`);
        }
      }
    }
    for (let k = h.at - 1; k >= Math.max(0, h.at - 2) && clauseOf(t, k) === clause; k--) {
      const m = pack.intensifiers.get(wordText(t, k));
      if (m !== undefined) {
        v *= m;
        notes.push(`${m > 1 ? 'intensified' : 'softened'} by "${tokens[wordIdx[k]!]!.raw}"`);
        break;
      }
    }
    if (negated) v *= NEGATION_FLIP;
    let caps = false;
    for (let k = h.at; k < h.at + h.length; k++) caps ||= tokens[wordIdx[k]!]!.caps;
    if (caps) {
      v *= CAPS_BOOST;
      notes.push('ALL CAPS');
    }
    if (questionClauses.has(clause)) {
      v *= QUESTION_DAMP;
      notes.push('in a question');
    }
    contributions.push({ at: h.at, value: v, evidence: words(t, h.at, h.length), notes });
  }

  const reasons: Reason[] = [];
  // Contrast: the last `but` (not opening the post) splits the post.
  let contrastAt = -1;
  for (let k = 1; k < wordIdx.length; k++) if (pack.contrast.has(wordText(t, k))) contrastAt = k;
  if (contrastAt > 0 && contributions.length > 0) {
    for (const c of contributions) {
      c.value *= c.at < contrastAt ? CONTRAST_BEFORE : CONTRAST_AFTER;
      c.notes.push(c.at < contrastAt ? `before "${wordText(t, contrastAt)}"` : `after "${wordText(t, contrastAt)}"`);
    }
    reasons.push({ rule: 'sentiment:contrast', evidence: tokens[wordIdx[contrastAt]!]!.raw });
  }

  let emojiSum = 0;
  const seen = new Map<string, number>();
  let sarcasmEmoji: string | null = null;
  for (const tok of tokens) {
    if (tok.kind !== EMOJI) continue;
    if (SARCASM_EMOJI.has(tok.text)) sarcasmEmoji = tok.text;
    const v = EMOJI_VALENCE[tok.text];
    const n = seen.get(tok.text) ?? 0;
    if (v === undefined || n >= 3) continue;
    seen.set(tok.text, n + 1);
    emojiSum += v;
    reasons.push({ rule: 'sentiment:emoji', evidence: tok.text, weight: v });
  }

  // Sarcasm: praise words in a post that complains.
  const negativeEvidence = contributions.some((c) => c.value < 0) || emojiSum < 0 || cueHits.some((h) => h.value === 'complaint' && h.length > 1);
  const resolved = cueHits.some((h) => h.value === 'resolved');
  const opener = cueHits.find((h) => h.value === 'sarcasm' && (h.length > 1 || t.sentenceStarts.has(h.at)));
  const sarcasm = !resolved && (sarcasmEmoji !== null || (opener !== undefined && negativeEvidence));
  if (sarcasm && contributions.some((c) => c.value > 0)) {
    for (const c of contributions) {
      if (c.value > 0) {
        c.value *= SARCASM_FLIP;
        c.notes.push('sarcastic');
      }
    }
    reasons.push({ rule: 'sentiment:sarcasm', evidence: sarcasmEmoji ?? words(t, opener!.at, opener!.length) });
  }

  let sum = emojiSum;
  for (const c of contributions) {
    sum += c.value;
    reasons.push({ rule: 'sentiment:word', evidence: c.notes.length ? `${c.evidence} (${c.notes.join(', ')})` : c.evidence, weight: round(c.value) });
  }
  if (sum !== 0 && t.exclamations > 0) {
    const boost = Math.min(t.exclamations, 4) * EXCLAMATION_STEP;
    sum += Math.sign(sum) * boost;
    reasons.push({ rule: 'sentiment:exclamation', evidence: '!'.repeat(Math.min(t.exclamations, 4)), weight: round(Math.sign(sum) * boost) });
  }
  if (reasons.length === 0) reasons.push({ rule: 'sentiment:none', evidence: 'no sentiment words or emoji', weight: 0 });
  const score = sum / Math.sqrt(sum * sum + NORMALIZE_ALPHA);
  const label: Sentiment = score >= thresholds.positiveAt ? 'positive' : score <= thresholds.negativeAt ? 'negative' : 'neutral';
  return { label, score: round(score), reasons, sarcastic: sarcasm };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
