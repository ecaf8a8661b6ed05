import type { CannedTone, GuidelineFinding, Guidelines } from '../../../shared/queue.js';
import type { TriageSentiment } from '../../../shared/queue-rules.js';

/**
 * Brand-guideline checks on a draft reply, before it is sent. Each finding carries UTF-16
 * offsets into the draft so the desk can underline it. "block" findings (a forbidden phrase, a
 * missing required phrase, an unfilled {{variable}}) refuse the send; "warn" findings (shouting,
 * a cheerful tone to an unhappy customer) are shown and may be overridden.
 *
 * Phrases match case-insensitively, as whole words where they start or end with a letter or
 * digit, across any run of whitespace, and with ' matching ’.
 */

export interface ReplyContext {
  team: string | null;
  /** The sentiment of the post being answered (issue 10), when known. */
  replyingTo: TriageSentiment | null;
  /** The tone of the canned reply the draft started from, if any. */
  cannedTone: CannedTone | null;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

function phrasePattern(phrase: string): string {
  const body = phrase
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]"))
    .join('\\s+');
  const before = WORD_CHAR.test(phrase.trim()[0] ?? '') ? '(?<![\\p{L}\\p{N}_])' : '';
  const after = WORD_CHAR.test(phrase.trim().slice(-1)) ? '(?![\\p{L}\\p{N}_])' : '';
  return `${before}${body}${after}`;
}

const patternCache = new Map<string, RegExp>();
function phraseRegex(phrase: string): RegExp {
  let re = patternCache.get(phrase);
  if (!re) {
    // A marker made of one repeated symbol ("!!") also covers longer runs ("!!!!") in one finding.
    const repeated = /^(\P{L})\1+$/u.exec(phrase.trim());
    const source = repeated ? `${phrasePattern(repeated[1]!)}{${phrase.trim().length},}` : phrasePattern(phrase);
    re = new RegExp(source, 'giu');
    if (patternCache.size > 5000) patternCache.clear();
    patternCache.set(phrase, re);
  }
  re.lastIndex = 0;
  return re;
}

function occurrences(text: string, phrase: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(phraseRegex(phrase))) out.push([m.index, m.index + m[0].length]);
  return out;
}

const applies = (teams: string[], team: string | null) => teams.length === 0 || (team !== null && teams.includes(team));
const quote = (s: string) => `“${s}”`;

/** Runs of at least `min` consecutive ALL-CAPS words (2+ letters each); numbers neither count nor break a run. */
function shouting(text: string, min: number): [number, number][] {
  const runs: [number, number][] = [];
  let run: { start: number; end: number; words: number } | null = null;
  const close = () => {
    if (run && run.words >= min) runs.push([run.start, run.end]);
    run = null;
  };
  for (const m of text.matchAll(/[\p{L}\p{N}'’]+/gu)) {
    const word = m[0];
    const letters = word.replace(/[^\p{L}]/gu, '');
    if (letters.length === 0) continue;
    const caps = letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
    if (!caps) {
      close();
      continue;
    }
    const end = m.index + word.length;
    if (run) {
      run.end = end;
      run.words += 1;
    } else run = { start: m.index, end, words: 1 };
  }
  close();
  return runs;
}

export function checkReply(text: string, rules: Guidelines, ctx: ReplyContext): GuidelineFinding[] {
  const findings: GuidelineFinding[] = [];
  for (const f of rules.forbidden) {
    if (!applies(f.teams, ctx.team)) continue;
    for (const [start, end] of occurrences(text, f.phrase)) {
      findings.push({ check: 'forbidden_phrase', severity: 'block', start, end, message: `${quote(text.slice(start, end))} is not allowed${f.reason ? `: ${f.reason}` : ''}` });
    }
  }
  for (const r of rules.required) {
    if (r.team !== ctx.team || occurrences(text, r.phrase).length > 0) continue;
    findings.push({
      check: 'missing_phrase',
      severity: 'block',
      start: text.length,
      end: text.length,
      message: `replies from ${r.team} must include ${quote(r.phrase)}${r.reason ? `: ${r.reason}` : ''}`,
    });
  }
  for (const m of text.matchAll(/\{\{[^{}]*\}\}/g)) {
    findings.push({ check: 'unfilled_variable', severity: 'block', start: m.index, end: m.index + m[0].length, message: `${m[0]} looks like a variable that was never filled in` });
  }
  if (rules.tone.allCapsWords !== null) {
    for (const [start, end] of shouting(text, rules.tone.allCapsWords)) {
      findings.push({ check: 'all_caps', severity: 'warn', start, end, message: 'ALL CAPS reads as shouting; write it in sentence case' });
    }
  }
  if (rules.tone.cheerfulToNegative && ctx.replyingTo === 'negative') {
    if (ctx.cannedTone === 'cheerful') {
      findings.push({ check: 'cheerful_to_negative', severity: 'warn', start: 0, end: text.length, message: 'a cheerful canned reply to an unhappy customer: consider an apologetic one' });
    }
    for (const marker of rules.tone.cheerfulMarkers) {
      for (const [start, end] of occurrences(text, marker)) {
        findings.push({ check: 'cheerful_to_negative', severity: 'warn', start, end, message: `${quote(text.slice(start, end))} sounds cheerful; the customer is unhappy` });
      }
    }
  }
  // By position; a span that encloses another comes first.
  return findings.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Whether the findings let the reply go out. */
export function blocksSending(findings: GuidelineFinding[]): boolean {
  return findings.some((f) => f.severity === 'block');
}
