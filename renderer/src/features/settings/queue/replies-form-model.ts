import type { CannedReply, CannedTone, Guidelines } from '../../../../../shared/queue';

/**
 * Canned replies and brand guidelines as the Replies form edits them: lists stay the text the lead
 * typed ("care, billing") until toCanned/toGuidelines build what queue.canned.save and
 * queue.guidelines.save take; the shared schema (the server's own) says what is wrong.
 */
export interface DraftCanned {
  key: number;
  id: string;
  name: string;
  text: string;
  tone: CannedTone;
  /** Comma-separated team ids; empty = every team. */
  teams: string;
}

export interface DraftForbidden {
  key: number;
  phrase: string;
  reason: string;
  teams: string;
}

export interface DraftRequired {
  key: number;
  team: string;
  phrase: string;
  reason: string;
}

export interface DraftGuidelines {
  forbidden: DraftForbidden[];
  required: DraftRequired[];
  allCaps: boolean;
  allCapsWords: string;
  cheerfulToNegative: boolean;
  cheerfulMarkers: string;
}

let nextKey = 1;
const key = () => nextKey++;
const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const joined = (items: readonly string[]) => items.join(', ');

export const fromCanned = (replies: readonly CannedReply[]): DraftCanned[] => replies.map((r) => ({ key: key(), id: r.id, name: r.name, text: r.text, tone: r.tone, teams: joined(r.teams) }));

export const toCanned = (d: readonly DraftCanned[]) => ({ replies: d.map((r) => ({ id: r.id.trim(), name: r.name, text: r.text, tone: r.tone, teams: list(r.teams) })) });

export function newCanned(taken: readonly string[]): DraftCanned {
  let n = taken.length + 1;
  while (taken.includes(`reply-${n}`)) n++;
  return { key: key(), id: `reply-${n}`, name: '', text: 'Hi {{author}}, ', tone: 'neutral', teams: '' };
}

export const fromGuidelines = (g: Guidelines): DraftGuidelines => ({
  forbidden: g.forbidden.map((f) => ({ key: key(), phrase: f.phrase, reason: f.reason, teams: joined(f.teams) })),
  required: g.required.map((r) => ({ key: key(), team: r.team, phrase: r.phrase, reason: r.reason })),
  allCaps: g.tone.allCapsWords !== null,
  allCapsWords: String(g.tone.allCapsWords ?? 3),
  cheerfulToNegative: g.tone.cheerfulToNegative,
  cheerfulMarkers: joined(g.tone.cheerfulMarkers),
});

export const toGuidelines = (d: DraftGuidelines) => ({
  forbidden: d.forbidden.map((f) => ({ phrase: f.phrase, reason: f.reason, teams: list(f.teams) })),
  required: d.required.map((r) => ({ team: r.team, phrase: r.phrase, reason: r.reason })),
  tone: {
    // '' stays NaN so the schema says "expected a number" rather than saving 0.
    allCapsWords: d.allCaps ? (d.allCapsWords.trim() === '' ? Number.NaN : Number(d.allCapsWords)) : null,
    cheerfulToNegative: d.cheerfulToNegative,
    cheerfulMarkers: list(d.cheerfulMarkers),
  },
});

export const newForbidden = (): DraftForbidden => ({ key: key(), phrase: '', reason: '', teams: '' });
export const newRequired = (team: string): DraftRequired => ({ key: key(), team, phrase: '', reason: '' });

/** What the preview fills in: a made-up customer and the signed-in lead. */
export const SAMPLE_VALUES: Readonly<Record<string, string>> = { author: 'Carla Jones', author_handle: '@carla@social.example', agent: 'you', team: 'Care', brand: 'Kettlebird' };

/**
 * A canned reply as a customer would read it, with sample values. Only a preview: the server
 * checks the text on save (unknown variables, unclosed braces), so what it cannot fill stays as
 * typed here.
 */
export function previewText(text: string, values: Readonly<Record<string, string>> = SAMPLE_VALUES): string {
  return text.replace(/\\\{\{|\{\{([^{}]*)\}\}/g, (whole, inner: string | undefined) => {
    if (inner === undefined) return '{{';
    // {{author|there}}: the sample always has a value, so the fallback never shows here.
    const name = inner.split('|')[0]!.trim();
    return values[name] ?? whole;
  });
}
