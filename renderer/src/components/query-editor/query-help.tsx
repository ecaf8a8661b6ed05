/** The query language at a glance (README "Listening queries" has the whole of it). */
const ROWS: Array<[string, string]> = [
  ['refund', 'a word (any case, accents folded: cafe finds café)'],
  ['"cold brew"', 'a phrase'],
  ['a AND b, a OR b, NOT a, -a', 'combine; AND binds tighter than OR; use ( )'],
  ['refund NEAR/5 order', 'within 5 words (NEAR/5f: in that order)'],
  ['refun*', 'a word starting with (3 letters or more)'],
  ['#kettlebird  @support', 'a hashtag, a mention'],
  ['author:  platform:  lang:de  site:example.com', 'who, where, which language, links to'],
  ['is:reply  has:media', 'replies, posts with media'],
  ['sentiment:negative  intent:complaint  stage:purchase', 'what the engine understood'],
  ['topic:brewco', 'posts tagged with a topic (by id or "name")'],
];

export function QueryHelp() {
  return (
    <details className="query-help" data-testid="query-help">
      <summary>Query syntax</summary>
      <table>
        <tbody>
          {ROWS.map(([example, meaning]) => (
            <tr key={example}>
              <td>
                <code>{example}</code>
              </td>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
