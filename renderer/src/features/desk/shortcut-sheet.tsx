export const DESK_SHORTCUTS: ReadonlyArray<[string, string]> = [
  ['j / k', 'next / previous conversation'],
  ['Enter', 'open the selected conversation'],
  ['r', 'reply (focus the reply box)'],
  ['n', 'write an internal note'],
  ['c', 'claim the conversation'],
  ['e', 'resolve it'],
  ['/', 'filter'],
  ['1 / 2 / 3', 'my queue / team queue / everything'],
  ['Ctrl+Enter', 'send the reply'],
  ['Esc', 'leave the text box / close this sheet'],
  ['?', 'show or hide this sheet'],
];

/** The desk's keyboard shortcuts, on `?`. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <div className="shortcut-sheet" role="dialog" aria-label="Keyboard shortcuts" data-testid="shortcut-sheet">
      <h2>Keyboard shortcuts</h2>
      <dl>
        {DESK_SHORTCUTS.map(([k, what]) => (
          <div key={k}>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
