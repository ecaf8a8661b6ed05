import { describe, expect, it, vi } from 'vitest';
import { RpcError } from '../../shared/errors.js';
import { externalUrlProblem, safeOpenExternal } from '../../electron/main/open-external.js';

describe('safeOpenExternal', () => {
  it.each(['https://mastodon.social/@brand/123', 'http://example.com/path?q=1#frag', 'HTTPS://EXAMPLE.COM/'])('opens %s', async (url) => {
    const open = vi.fn(async () => undefined);
    await safeOpenExternal(url, open);
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith(new URL(url).href);
  });

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['javascript: with leading space', ' javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['file: UNC', 'file://server/share/evil.exe'],
    ['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['smb:', 'smb://attacker.example/share'],
    ['custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['app: (our own)', 'app://newsroom/index.html'],
    ['credentials', 'https://bank.example@evil.example/login'],
    ['malformed', 'http//missing-colon'],
    ['relative', '/relative/path'],
    ['empty', ''],
    ['no host', 'https://'],
    ['too long', `https://example.com/${'a'.repeat(9000)}`],
    ['not a string', 42],
    ['object', { href: 'https://example.com' }],
  ])('refuses %s', async (_name, url) => {
    const open = vi.fn(async () => undefined);
    await expect(safeOpenExternal(url, open)).rejects.toBeInstanceOf(RpcError);
    await expect(safeOpenExternal(url, open)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(open).not.toHaveBeenCalled();
  });

  it('passes the normalized URL, not the raw string', async () => {
    const open = vi.fn(async () => undefined);
    await safeOpenExternal('https://example.com/a b\n', open);
    expect(open).toHaveBeenCalledWith('https://example.com/a%20b');
  });

  it('explains the refusal', () => {
    expect(externalUrlProblem('file:///etc/passwd')).toMatch(/http and https/);
    expect(externalUrlProblem('https://example.com')).toBeNull();
  });
});
