/**
 * tsx electron/sandbox/cli.ts [--port N] [--host H] [--scenario NAME|none] [--seed N] [--speed X]
 *                             [--replay FILE] [--token T] [--rate-limit N] [--paused] [--quiet]
 * --rate-limit sets the general budget per 5-minute window (Mastodon's default is 300): raise it for
 * load and crash tests that post more than a real account would.
 * Runs the sandbox on its own (for trying a connector or curl against it) and prints its URL
 * and the brand token.
 */
import { parseArgs } from 'node:util';
import { createSandbox, type SandboxOptions } from './create-sandbox.js';
import { DEFAULT_RATE_LIMIT } from './rate-limit.js';

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got "${v}"`);
  return n;
}

function positive(name: string, v: string): number {
  const n = num(name, v)!;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of requests, at least 1; got "${v}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      scenario: { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      replay: { type: 'string' },
      token: { type: 'string' },
      'rate-limit': { type: 'string' },
      paused: { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log('usage: tsx electron/sandbox/cli.ts [--port N] [--host H] [--scenario NAME|none] [--seed N] [--speed X] [--replay FILE] [--token T] [--rate-limit N] [--paused] [--quiet]');
    return;
  }
  const opts: SandboxOptions = {
    port: num('port', values.port) ?? 0,
    ...(values.host ? { host: values.host } : {}),
    ...(values.scenario !== undefined ? { scenario: values.scenario === 'none' ? null : values.scenario } : {}),
    ...(values.seed !== undefined ? { seed: num('seed', values.seed)! } : {}),
    ...(values.speed !== undefined ? { speed: num('speed', values.speed)! } : {}),
    ...(values.replay ? { replay: values.replay } : {}),
    ...(values.token ? { brandToken: values.token } : {}),
    ...(values['rate-limit'] !== undefined ? { rateLimit: { ...DEFAULT_RATE_LIMIT, limit: positive('rate-limit', values['rate-limit']) } } : {}),
    ...(values.paused ? { paused: true } : {}),
    ...(values.quiet ? {} : { log: (m: string) => console.error(m) }),
  };
  const sb = await createSandbox(opts);
  console.log(`Sandbox URL:  ${sb.url}`);
  console.log(`Brand:        @${sb.brand.acct} (id ${sb.brand.id})`);
  console.log(`Brand token:  ${sb.brandToken}`);
  console.log(`Hashtags:     ${sb.hashtags.map((h) => `#${h}`).join(' ')}`);
  console.log(`Terms:        ${sb.terms.join(', ')}`);
  console.log(`Control API:  ${sb.url}/_sandbox/state  ${sb.url}/_sandbox/published  POST ${sb.url}/_sandbox/faults`);
  const stop = () => {
    void sb.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
