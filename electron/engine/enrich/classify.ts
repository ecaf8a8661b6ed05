import type { Intent, Reason, Stage, UrgencyCue } from '../../../shared/understanding.js';
import type { AnalyzedText } from './analyze-text.js';
import type { CompiledPack } from './compiled-pack.js';
import type { CueKind } from './lexicon/types.js';
import type { PhraseHit } from './phrase-index.js';
import type { SentimentResult } from './sentiment.js';

/** Longer phrases are stronger evidence than single words. */
const cueWeight = (h: PhraseHit<CueKind>) => h.weight * (1 + 0.5 * (h.length - 1));

function phraseText(t: AnalyzedText, h: PhraseHit<CueKind>): string {
  const out: string[] = [];
  for (let k = h.at; k < h.at + h.length; k++) out.push(t.tokens[t.words[k]!]!.raw);
  return out.join(' ');
}

/** A reason whose evidence is only written out if its label wins (most never do). */
type LazyReason = { rule: string; evidence: string | PhraseHit<CueKind>; weight: number };

interface Tally {
  score: number;
  reasons: LazyReason[];
}

function tally<K extends string>(keys: readonly K[]): Record<K, Tally> {
  const out = {} as Record<K, Tally>;
  for (const k of keys) out[k] = { score: 0, reasons: [] };
  return out;
}

function add(t: Tally, rule: string, evidence: string | PhraseHit<CueKind>, weight: number): void {
  t.score += weight;
  t.reasons.push({ rule, evidence, weight });
}

function explain(text: AnalyzedText, t: Tally): Reason[] {
  return t.reasons.map((r) => ({ rule: r.rule, evidence: typeof r.evidence === 'string' ? r.evidence : phraseText(text, r.evidence), weight: Math.round(r.weight * 100) / 100 }));
}

/** A negator up to two words before, in the same clause ("not happy with", "pas content de"). */
function negated(t: AnalyzedText, pack: CompiledPack, at: number): boolean {
  const clause = t.tokens[t.words[at]!]!.clause;
  for (let k = at - 1; k >= Math.max(0, at - 2); k--) {
    const tok = t.tokens[t.words[k]!]!;
    if (tok.clause !== clause) return false;
    if (pack.negators.has(tok.text)) return true;
  }
  return false;
}

function argmax<K extends string>(scores: Record<K, Tally>, order: readonly K[]): K {
  let best = order[0]!;
  for (const k of order) if (scores[k].score > scores[best].score) best = k;
  return best;
}

export const INTENT_WEIGHTS = {
  chatterFloor: 1.2,
  complaintCue: 1,
  negativeSentiment: 1.5,
  urgentCue: 1.5,
  questionMark: 2.2,
  interrogativeStart: 1.5,
  questionCue: 0.5,
  praiseCue: 1,
  positiveSentiment: 1.5,
  recommendationCue: 1.6,
  recommendationShare: 0.5,
  complaintOverQuestion: 2.5,
};

const INTENT_ORDER = ['chatter', 'recommendation', 'complaint', 'question', 'praise'] as const;

/**
 * Intent by weighted evidence: complaint cues and negative sentiment; `?` and a question word
 * opening a sentence; thanks and positive sentiment; advice to others. Chatter unless something
 * scores above its floor. Ties go to the earlier of recommendation, complaint, question, praise.
 */
export function classifyIntent(t: AnalyzedText, pack: CompiledPack, hits: PhraseHit<CueKind>[], sentiment: SentimentResult): { label: Intent; reasons: Reason[] } {
  const s = tally(INTENT_ORDER);
  const w = INTENT_WEIGHTS;
  add(s.chatter, 'intent:chatter', 'nothing else scored above the floor', w.chatterFloor);
  for (const h of hits) {
    if (h.value === 'complaint') add(s.complaint, 'intent:complaint-cue', h, w.complaintCue * cueWeight(h));
    else if (h.value === 'legal' || h.value === 'safety' || h.value === 'cancel') add(s.complaint, `intent:${h.value}-cue`, h, w.urgentCue);
    else if (h.value === 'question') add(s.question, 'intent:question-cue', h, w.questionCue * cueWeight(h));
    else if (h.value === 'praise') {
      // Sarcastic or negated thanks are a complaint.
      if (sentiment.sarcastic) add(s.complaint, 'intent:sarcastic-praise', h, w.praiseCue * cueWeight(h));
      else if (negated(t, pack, h.at)) add(s.complaint, 'intent:negated-praise', h, w.praiseCue * cueWeight(h));
      else add(s.praise, 'intent:praise-cue', h, w.praiseCue * cueWeight(h));
    }
    else if (h.value === 'recommendation') add(s.recommendation, 'intent:recommendation-cue', h, w.recommendationCue * cueWeight(h));
  }
  if (sentiment.label === 'negative') add(s.complaint, 'intent:negative-sentiment', String(sentiment.score), w.negativeSentiment * (0.5 + Math.abs(sentiment.score)));
  if (sentiment.label === 'positive') add(s.praise, 'intent:positive-sentiment', String(sentiment.score), w.positiveSentiment * (0.5 + sentiment.score));
  else s.praise.score = Math.min(s.praise.score, w.chatterFloor);
  if (t.questionMarks > 0) add(s.question, 'intent:question-mark', '?', w.questionMark);
  for (const start of t.sentenceStarts) {
    const i = t.words[start];
    if (i !== undefined && pack.interrogatives.has(t.tokens[i]!.text)) {
      // Without a `?` a question word is weaker evidence ("Was für ein Tag").
      add(s.question, 'intent:question-word', t.tokens[i]!.raw, t.questionMarks > 0 ? w.interrogativeStart : w.interrogativeStart / 2);
      break;
    }
  }
  let label = argmax(s, INTENT_ORDER);
  // Advice to others wins once it is clear: "Thinking of X? Don't." is a recommendation.
  if (label !== 'recommendation' && s.recommendation.score >= w.recommendationCue && s.recommendation.score >= w.recommendationShare * s[label].score) label = 'recommendation';
  // A reported problem followed by "where do I send it?" asks for a fix: a complaint.
  if (label === 'question' && s.complaint.score >= w.complaintOverQuestion) label = 'complaint';
  return { label, reasons: explain(t, s[label]) };
}

const STAGE_ORDER = ['none', 'purchase', 'pre-purchase', 'post-purchase'] as const;

export const STAGE_WEIGHTS = { noneFloor: 0.9, chatterNone: 1.5, complaintPost: 1.2, praisePost: 1.0, questionPre: 0.3, recommendationPost: 1.0, warningPre: 1.0 };

/** Buying stage by cue phrases, with a nudge from the intent (complaints are mostly after buying). */
export function classifyStage(t: AnalyzedText, hits: PhraseHit<CueKind>[], intent: Intent, sentiment: SentimentResult): { label: Stage; reasons: Reason[] } {
  const s = tally(STAGE_ORDER);
  const w = STAGE_WEIGHTS;
  add(s.none, 'stage:none', 'no buying cue scored above the floor', w.noneFloor);
  for (const h of hits) {
    if (h.value === 'pre-purchase' || h.value === 'purchase' || h.value === 'post-purchase') add(s[h.value], `stage:${h.value}-cue`, h, cueWeight(h));
  }
  if (intent === 'chatter') add(s.none, 'stage:chatter', 'chatter', w.chatterNone);
  if (intent === 'complaint') add(s['post-purchase'], 'stage:complaint', 'complaint', w.complaintPost);
  if (intent === 'praise') add(s['post-purchase'], 'stage:praise', 'praise', w.praisePost);
  if (intent === 'question') add(s['pre-purchase'], 'stage:question', 'question', w.questionPre);
  // Recommending from experience is after buying; warning others off speaks to people before.
  if (intent === 'recommendation' && sentiment.label === 'negative') add(s['pre-purchase'], 'stage:warning', 'advises against buying', w.warningPre);
  else if (intent === 'recommendation') add(s['post-purchase'], 'stage:recommendation', 'recommends from experience', w.recommendationPost);
  const label = argmax(s, STAGE_ORDER);
  return { label, reasons: explain(t, s[label]) };
}

export interface AuthorSignals {
  handle?: string | null;
  followers?: number | null;
  /** The author's profile text, where journalists say so. */
  bio?: string | null;
  /** Set when the platform or the team marks the author as press. */
  journalist?: boolean;
}

/** Urgency cues: legal threats, safety, cancelling, and who is speaking. */
export function findUrgency(
  t: AnalyzedText,
  hits: PhraseHit<CueKind>[],
  author: AuthorSignals | undefined,
  bioHits: PhraseHit<CueKind>[],
  opts: { highReachFollowers: number; journalists: Set<string> },
): { urgent: boolean; cues: Array<{ cue: UrgencyCue; evidence: string }> } {
  const cues: Array<{ cue: UrgencyCue; evidence: string }> = [];
  const seen = new Set<string>();
  for (const h of hits) {
    if (h.value !== 'legal' && h.value !== 'safety' && h.value !== 'cancel') continue;
    const evidence = phraseText(t, h);
    if (seen.has(`${h.value}:${evidence}`)) continue;
    seen.add(`${h.value}:${evidence}`);
    cues.push({ cue: h.value, evidence });
  }
  const handle = author?.handle?.toLowerCase().replace(/^@/, '') ?? '';
  const bioJournalist = bioHits.find((h) => h.value === 'journalist');
  if (author?.journalist || (handle && opts.journalists.has(handle)) || bioJournalist) {
    cues.push({ cue: 'journalist', evidence: author?.journalist ? 'marked as press' : bioJournalist ? `profile: ${bioJournalist.phrase}` : `known journalist @${handle}` });
  }
  if (author?.followers != null && author.followers >= opts.highReachFollowers) {
    cues.push({ cue: 'high-reach', evidence: `${author.followers.toLocaleString('en')} followers` });
  }
  return { urgent: cues.length > 0, cues };
}
