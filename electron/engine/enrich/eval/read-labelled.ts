import { z } from 'zod';
import { INTENTS, SENTIMENTS, STAGES } from '../../../../shared/understanding.js';

/** One labelled post; every label is optional, `lang` (the true language) too. */
export const labelledPostSchema = z.object({
  id: z.string().optional(),
  text: z.string().min(1).max(20_000),
  sentiment: z.enum(SENTIMENTS).optional(),
  intent: z.enum(INTENTS).optional(),
  stage: z.enum(STAGES).optional(),
  lang: z.string().regex(/^[a-z]{2,3}$/).optional(),
});
export type LabelledPost = z.infer<typeof labelledPostSchema>;

export class LabelledFileError extends Error {}

/** RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (quoted) throw new LabelledFileError('CSV: a quoted field is never closed');
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

function validate(raw: unknown, where: string): LabelledPost {
  const r = labelledPostSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new LabelledFileError(`${where}: ${issue.path.join('.') || 'row'}: ${issue.message}`);
  }
  return r.data;
}

/** Reads labelled JSONL (one object a line) or CSV (a header row naming the columns). */
export function readLabelled(name: string, content: string): LabelledPost[] {
  if (/\.csv$/i.test(name)) {
    const [header, ...rows] = parseCsv(content);
    if (!header?.includes('text')) throw new LabelledFileError(`${name}: the header row must name a "text" column`);
    return rows.map((cells, i) => {
      const obj: Record<string, string> = {};
      header.forEach((h, k) => {
        const v = cells[k]?.trim();
        if (v) obj[h.trim()] = v;
      });
      return validate(obj, `${name}:${i + 2}`);
    });
  }
  const out: LabelledPost[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new LabelledFileError(`${name}:${i + 1}: not JSON`);
    }
    out.push(validate(raw, `${name}:${i + 1}`));
  });
  return out;
}
