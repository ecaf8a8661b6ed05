import { describe, expect, it, vi } from 'vitest';
import { openExternalLink, safeExternalUrl } from '../../renderer/src/lib/links';

describe('link scheme check', () => {
  it('accepts absolute http and https URLs', () => {
    expect(safeExternalUrl('https://social.example/@ana/1')).toBe('https://social.example/@ana/1');
    expect(safeExternalUrl(' http://example.com ')).toBe('http://example.com/');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\nscript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/x',
    '/relative/path',
    'https://bank.example@evil.example/',
    'https://user:pass@example.com/',
    'not a url',
    '',
  ])('rejects %j', (url) => {
    expect(safeExternalUrl(url)).toBeNull();
  });

  it('rejects non-strings', () => {
    expect(safeExternalUrl(null)).toBeNull();
    expect(safeExternalUrl(undefined)).toBeNull();
  });
});

describe('opening links', () => {
  it('goes through the bridge in Electron and never opens an unsafe URL', async () => {
    const openExternal = vi.fn(async () => ({ ok: true as const, result: true as const }));
    const open = vi.fn();
    expect(openExternalLink('https://a.example/x', { bridge: { openExternal }, open })).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://a.example/x');
    expect(open).not.toHaveBeenCalled();
    expect(openExternalLink('javascript:alert(1)', { bridge: { openExternal }, open })).toBe(false);
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('opens a new tab without an opener in a browser', () => {
    const open = vi.fn();
    expect(openExternalLink('http://a.example/', { bridge: undefined, open })).toBe(true);
    expect(open).toHaveBeenCalledWith('http://a.example/', '_blank', 'noopener,noreferrer');
    expect(openExternalLink('data:text/html,hi', { bridge: undefined, open })).toBe(false);
    expect(open).toHaveBeenCalledTimes(1);
  });
});
