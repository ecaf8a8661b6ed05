import type { z } from 'zod';
import type { ChannelConfig, ChannelView, channelInputSchema } from '../../../../shared/alerts.js';

export type ParsedChannelInput = z.output<typeof channelInputSchema>;

/** Where a channel's secret (webhook URL or SMTP password) lives in the host's secret store. */
export function channelSecretKey(channelId: string): string {
  return `alerts.channel.${channelId}`;
}

/**
 * Splits a channel as a lead saves it into what is stored and shown (no secret, only the
 * webhook's host as a hint) and the secret for the secret store (undefined = keep the stored one).
 */
export function splitChannelInput(input: ParsedChannelInput, previous: ChannelConfig | null): { config: ChannelConfig; secret: string | undefined } {
  const common = { id: input.id, name: input.name, enabled: input.enabled, minSeverity: input.minSeverity };
  if (input.kind === 'webhook') {
    const host = input.url !== undefined ? new URL(input.url).host : previous?.kind === 'webhook' ? previous.host : null;
    if (host === null) throw new Error('a new webhook channel needs its URL');
    return { config: { ...common, kind: 'webhook', format: input.format, host }, secret: input.url };
  }
  const { host, port, security, username, from, to } = input;
  return { config: { ...common, kind: 'email', host, port, security, username, from, to }, secret: input.password };
}

export function channelView(config: ChannelConfig, hasSecret: boolean): ChannelView {
  return { ...config, hasSecret };
}
