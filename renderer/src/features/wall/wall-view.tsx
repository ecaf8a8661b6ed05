import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { BigClock } from '../../components/big-clock';
import { ConnectionIndicator } from '../../components/connection-indicator';
import { PanelBoundary } from '../../components/panel-boundary';
import { useSourceHashtags } from '../../db/use-wall';
import { useIdleCursor } from '../../lib/use-idle-cursor';
import { TopicsContext, useTopics } from '../../db/use-topics';
import { columnTitle } from '../../lib/wall-column';
import { useApp } from '../../store/app-store';
import { columnsFromHashtags } from '../../store/ui-slice';
import { FreezeBanner } from '../freeze/freeze-banner';
import { AlertBanner } from '../wall-panels/alert-ticker';
import { ColumnEditor } from './column-editor';
import { SourceHealth } from './source-health';
import { useArranging } from './use-arranging';
import { WallColumnView } from './wall-column';
import { KioskContext } from './kiosk-context';
import './wall.css';

// The charts (recharts) load after the columns: the wall's first paint doesn't wait for them.
const WallPanels = lazy(() => import('../wall-panels/wall-panels').then((m) => ({ default: m.WallPanels })));

/** The cursor hides after this long without moving: nobody points at a wall. */
const CURSOR_IDLE_MS = 3_000;

/**
 * The big screen: live columns of saved filters, the connection, the sources' health and a clock.
 * A kiosk wall (the read-only `wall` role) shows no controls at all; someone at its keyboard can
 * press E to arrange the columns (they are this screen's own layout), E or Escape to finish.
 */
export function WallView({ name, kiosk, nav }: { name: string | null; kiosk: boolean; nav: ReactNode }) {
  const openWall = useApp((s) => s.openWall);
  const wallName = useApp((s) => s.wallName);
  const columns = useApp((s) => s.columns);
  const addColumn = useApp((s) => s.addColumn);
  const [adding, setAdding] = useState(false);
  const arranging = useArranging(kiosk);
  const editable = !kiosk || arranging;
  const cursorIdle = useIdleCursor(CURSOR_IDLE_MS);

  useEffect(() => openWall(name ?? ''), [name, openWall]);

  // A wall nobody has arranged yet starts with a column per hashtag the sources listen to.
  const layoutSaved = useApp((s) => s.layoutSaved);
  const seedColumns = useApp((s) => s.seedColumns);
  const seed = useSourceHashtags();
  const topics = useTopics();
  useEffect(() => {
    if (!layoutSaved && seed && seed.hashtags.length > 0) seedColumns(columnsFromHashtags(seed.hashtags, seed.topics));
  }, [layoutSaved, seed, seedColumns]);

  const classes = ['wall', kiosk ? 'wall-kiosk' : '', cursorIdle ? 'cursor-idle' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes} data-testid="wall" data-wall-name={wallName} data-kiosk={kiosk ? 'true' : 'false'}>
      <header className="wall-header">
        <div className="wall-brand">
          Newsroom <span className="wall-name">{wallName}</span>
        </div>
        <PanelBoundary panel="header:sources" label="Source health">
          <SourceHealth />
        </PanelBoundary>
        <PanelBoundary panel="header:connection" label="Connection">
          <ConnectionIndicator />
        </PanelBoundary>
        <PanelBoundary panel="header:clock" label="Clock" fallbackClassName="clock-restarting">
          <BigClock />
        </PanelBoundary>
      </header>
      {/* Read-only like everything on the wall: no console link, no suggestion prompt. */}
      <PanelBoundary panel="freeze-banner" label="The freeze banner">
        <FreezeBanner size="wall" />
      </PanelBoundary>
      <PanelBoundary panel="alert-banner" label="The alert banner">
        <AlertBanner />
      </PanelBoundary>
      <div className="wall-body">
        <KioskContext value={kiosk}>
          <Suspense fallback={null}>
            <WallPanels wallName={wallName} editable={editable} />
          </Suspense>
        </KioskContext>
        <main className="wall-grid">
          <TopicsContext value={topics}>
          <KioskContext value={kiosk}>
            {columns.map((c, i) => (
              <PanelBoundary key={c.id} panel={`column:${c.id}`} label={`Column ${columnTitle(c)}`} fallbackAs="section" fallbackClassName="wall-column" fallbackTestId="wall-column">
                <WallColumnView column={c} index={i} count={columns.length} editable={editable} />
              </PanelBoundary>
            ))}
          </KioskContext>
          {adding && editable ? (
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
          </TopicsContext>
          {columns.length === 0 && !adding ? (
            <p className="wall-empty">{editable ? 'No columns on this wall. Add one below.' : 'No columns on this wall. Press E on its keyboard to add one.'}</p>
          ) : null}
        </main>
      </div>
      {editable ? (
        <footer className="wall-footer">
          <button type="button" className="secondary" data-testid="add-column" onClick={() => setAdding(true)} disabled={adding}>
            + Column
          </button>
          {kiosk ? <span className="wall-arranging">Arranging this wall: press E or Escape when done.</span> : nav}
        </footer>
      ) : null}
    </div>
  );
}
