import type { ReactNode } from 'react';
import { PanelBoundary } from '../components/panel-boundary';
import { FreezeBanner } from '../features/freeze/freeze-banner';
import { FreezeSuggestionPrompt } from '../features/freeze/freeze-suggestion';
import { AppNav } from './app-nav';
import { ConnectionIndicator } from '../components/connection-indicator';

/**
 * The frame of every working screen (desk, composer, posts, crisis): the freeze banner and any
 * freeze suggestion come first, above the title, so nobody schedules a post without seeing them.
 */
export function PageShell({ title, view, children, testId }: { title: string; view: string; children: ReactNode; testId?: string }) {
  return (
    <div className="page" data-view={view}>
      <FreezeBanner size="page" consoleLink={view !== 'crisis'} />
      <FreezeSuggestionPrompt view={view} />
      <header className="page-header">
        <h1>{title}</h1>
        <ConnectionIndicator />
        <AppNav />
      </header>
      <main className="page-main" data-testid={testId}>
        <PanelBoundary key={view} panel={`page:${view}`} label={title}>
          {children}
        </PanelBoundary>
      </main>
    </div>
  );
}
