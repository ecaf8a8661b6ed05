import type { Platform } from '../../../shared/domain';

const PLATFORM_LABEL: Record<Platform, string> = { mastodon: 'Mastodon' };

/** "Mastodon" for `mastodon`; a platform this build doesn't know (a newer hub) shows as its id. */
export function platformLabel(p: string): string {
  return (PLATFORM_LABEL as Record<string, string>)[p] ?? p;
}
