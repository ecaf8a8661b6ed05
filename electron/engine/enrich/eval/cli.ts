import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createEnricher } from '../enricher.js';
import { loadLanguageDetector } from '../language.js';
import { LabelledFileError, readLabelled } from './read-labelled.js';
import { formatReport, runEval } from './run-eval.js';

const USAGE = `usage: npm run eval -- FILE [FILE…] [--json] [--mistakes]
  FILE        labelled JSONL ({"text", "sentiment"?, "intent"?, "stage"?, "lang"?} a line) or CSV (header row)
  --json      print the report as JSON
  --mistakes  also list every post the rules got wrong (tuning data only: never the held-aside part)`;

/** npm run eval: accuracy, macro-F1 and confusion per label set, and posts/s, per file. */
async function main(argv: string[]): Promise<number> {
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--json' && a !== '--mistakes');
  if (files.length === 0 || unknown.length > 0) {
    console.error(unknown.length ? `unknown option ${unknown[0]}\n${USAGE}` : USAGE);
    return 2;
  }
  const json = argv.includes('--json');
  const enricher = createEnricher({ detector: await loadLanguageDetector() });
  const out: Record<string, unknown> = {};
  for (const file of files) {
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch (e) {
      console.error(`cannot read ${file}: ${(e as Error).message}`);
      return 2;
    }
    const posts = readLabelled(file, content);
    if (posts.length === 0) {
      console.error(`${file}: no labelled posts`);
      return 2;
    }
    const report = runEval(enricher, posts);
    const { mistakes, ...summary } = report;
    if (json) {
      out[basename(file)] = argv.includes('--mistakes') ? report : summary;
    } else {
      console.log(formatReport(file, report));
      if (argv.includes('--mistakes')) {
        for (const m of mistakes) console.log(`  ✗ ${m.set} ${m.gold} → ${m.predicted}  ${m.id ?? ''} ${m.text}\n      ${m.reasons.join(' | ')}`);
      }
      console.log('');
    }
  }
  if (json) console.log(JSON.stringify(files.length === 1 ? Object.values(out)[0] : out, null, 2));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof LabelledFileError ? err.message : err);
    process.exit(2);
  },
);
