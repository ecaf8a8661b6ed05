import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { AppNav } from '../../components/app-nav';
import { BigClock } from '../../components/big-clock';
import { ConnectionIndicator } from '../../components/connection-indicator';
import { db } from '../../db/db';
import { FreezeBanner } from '../freeze/freeze-banner';
import { useApp } from '../../store/app-store';
import { columnsFromHashtags } from '../../store/ui-slice';
import { ColumnEditor } from './column-editor';
import { SourceHealth } from './source-health';
import { WallColumnView } from './wall-column';
import './wall.css';

/** The big screen: live columns of saved filters, the connection, the sources' health and a clock. */
export function WallView({ name }: { name: string | null }) {
  const openWall = useApp((s) => s.openWall);
  const wallName = useApp((s) => s.wallName);
  const columns = useApp((s) => s.columns);
  const addColumn = useApp((s) => s.addColumn);
  const [adding, setAdding] = useState(false);

  useEffect(() => openWall(name ?? ''), [name, openWall]);

  // A wall nobody has arranged yet starts with a column per hashtag the sources listen to.
  const layoutSaved = useApp((s) => s.layoutSaved);
  const seedColumns = useApp((s) => s.seedColumns);
  const hashtags = useLiveQuery(async () => (await db.sources.toArray()).flatMap((s) => s.config.hashtags), []);
  useEffect(() => {
    if (!layoutSaved && hashtags && hashtags.length > 0) seedColumns(columnsFromHashtags(hashtags));
  }, [layoutSaved, hashtags, seedColumns]);

  return (
    <div className="wall" data-testid="wall" data-wall-name={wallName}>
      <header className="wall-header">
        <div className="wall-brand">
          Newsroom <span className="wall-name">{wallName}</span>
        </div>
        <SourceHealth />
        <ConnectionIndicator />
        <BigClock />
      </header>
      {/* Read-only like everything on the wall: no console link, no suggestion prompt. */}
      <FreezeBanner size="wall" />
      <main className="wall-grid">
        {columns.map((c, i) => (
          <WallColumnView key={c.id} column={c} index={i} count={columns.length} />
        ))}
        {adding ? (
          <section className="wall-column wall-column-new" aria-label="New column">
            <ColumnEditor
              onCancel={() => setAdding(false)}
              onSave={(filter, title) => {
                addColumn(filter, title);
                setAdding(false);
              }}
            />
          </section>
        ) : null}
        {columns.length === 0 && !adding ? <p className="wall-empty">No columns on this wall. Add one below.</p> : null}
      </main>
      <footer className="wall-footer">
        <button type="button" className="secondary" data-testid="add-column" onClick={() => setAdding(true)} disabled={adding}>
          + Column
        </button>
        <AppNav />
      </footer>
    </div>
  );
}
