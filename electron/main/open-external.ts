import { RpcError } from '../../shared/errors.js';

const MAX_URL_LENGTH = 8192;

/**
 * Why a URL may not be handed to the OS, or null when it may. Only http(s) passes: file:, smb:,
 * javascript:, data: and custom schemes can run programs or reach local/network shares through
 * the OS handler. Credentials in the authority (`https://bank.example@evil.example`) are refused
 * because they exist mainly to disguise where a link goes.
 */
export function externalUrlProblem(raw: unknown): string | null {
  if (typeof raw !== 'string') return 'A link is a string.';
  if (raw.length === 0 || raw.length > MAX_URL_LENGTH) return `A link is 1 to ${MAX_URL_LENGTH} characters.`;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'That link is not a valid URL.';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `Only http and https links open outside the app, not ${u.protocol}`;
  if (!u.hostname) return 'That link has no host.';
  if (u.username || u.password) return 'Links with a user name or password in them are not opened.';
  return null;
}

/**
 * Opens a link in the user's browser after the scheme check. The normalized href is what goes to
 * the OS, never the raw string. Throws RpcError('invalid_input') for a refused link.
 */
export async function safeOpenExternal(raw: unknown, open: (url: string) => Promise<void>): Promise<void> {
  const problem = externalUrlProblem(raw);
  if (problem) throw new RpcError('invalid_input', problem);
  await open(new URL(raw as string).href);
}
