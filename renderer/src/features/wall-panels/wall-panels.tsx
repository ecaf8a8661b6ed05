import { useState } from 'react';
import { WALL_PANELS, type WallLayout, type WallPanelId } from '../../../../shared/alerts';
import { rpc } from '../../api/rpc';
import { PanelBoundary } from '../../components/panel-boundary';
import { may } from '../../lib/permissions';
import { useAction } from '../../lib/use-action';
import { useMethod } from '../../lib/use-method';
import { useRole } from '../../store/app-store';
import { WALL_PANEL_REGISTRY } from './panel-registry';
import { FormError } from '../../components/form-error';

/** The wall's saved name, or 'default' for the unnamed wall. */
export const wallIdOf = (name: string) => (/^[\w.-]{1,64}$/.test(name) ? name : 'default');

/**
 * The panels beside the wall's columns, as the leads arranged them for this wall (walls.get):
 * each in its own boundary, so one failing panel restarts alone.
 */
export function WallPanels({ wallName, editable }: { wallName: string; editable: boolean }) {
  const wallId = wallIdOf(wallName);
  const saved = useMethod('walls.get', { wallId }, ['wall.saved'], 60_000);
  const role = useRole();
  const [arranging, setArranging] = useState(false);
  const layout = saved.data?.layout;
  if (!layout) return null;
  const canArrange = editable && may(role, 'walls.save');
  return (
    <aside className="wall-panels" data-testid="wall-panels" style={{ order: layout.side === 'start' ? -1 : 1 }}>
      {/* A layout saved by a newer hub may name a panel this screen does not have yet: skip it. */}
      {layout.panels.filter((id) => Object.hasOwn(WALL_PANEL_REGISTRY, id)).map((id) => (
        <PanelBoundary key={id} panel={`panel:${id}`} label={WALL_PANEL_REGISTRY[id].title} fallbackAs="section" fallbackClassName="wall-panel">
          {WALL_PANEL_REGISTRY[id].render()}
        </PanelBoundary>
      ))}
      {canArrange ? (
        arranging ? (
          <ArrangePanels wallId={wallId} layout={layout} onDone={() => setArranging(false)} />
        ) : (
          <button type="button" className="secondary" data-testid="arrange-panels" onClick={() => setArranging(true)}>
            Panels…
          </button>
        )
      ) : null}
    </aside>
  );
}

/** Leads choose which panels this wall shows, their order, and which side of the columns. */
function ArrangePanels({ wallId, layout, onDone }: { wallId: string; layout: WallLayout; onDone: () => void }) {
  const [panels, setPanels] = useState<WallPanelId[]>(layout.panels);
  const [side, setSide] = useState(layout.side);
  const act = useAction();
  const toggle = (id: WallPanelId) => setPanels((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const up = (id: WallPanelId) =>
    setPanels((p) => {
      const i = p.indexOf(id);
      if (i <= 0) return p;
      const next = [...p];
      [next[i - 1], next[i]] = [next[i]!, next[i - 1]!];
      return next;
    });
  return (
    <section className="wall-panel arrange-panels" aria-label="Arrange panels">
      <h2>Panels on “{wallId}”</h2>
      {WALL_PANELS.map((id) => (
        <div key={id} className="arrange-row">
          <label>
            <input type="checkbox" checked={panels.includes(id)} onChange={() => toggle(id)} /> {WALL_PANEL_REGISTRY[id].title}
          </label>
          {panels.indexOf(id) > 0 ? (
            <button type="button" className="link-button" onClick={() => up(id)} aria-label={`Move ${WALL_PANEL_REGISTRY[id].title} up`}>
              ↑
            </button>
          ) : null}
        </div>
      ))}
      <label>
        Side{' '}
        <select value={side} onChange={(e) => setSide(e.target.value === 'start' ? 'start' : 'end')}>
          <option value="start">before the columns</option>
          <option value="end">after the columns</option>
        </select>
      </label>
      <FormError error={act.error} />
      <div className="arrange-actions">
        <button type="button" disabled={act.busy} onClick={() => void act.run(() => rpc('walls.save', { wallId, layout: { panels, side } })).then((r) => r && onDone())}>
          Save for this wall
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </section>
  );
}
