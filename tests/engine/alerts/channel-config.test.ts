import { describe, expect, it } from 'vitest';
import { alertRuleSchema, channelInputSchema } from '../../../shared/alerts.js';
import { channelSecretKey, channelView, splitChannelInput } from '../../../electron/engine/alerts/channels/channel-config.js';

const TOKEN_URL = 'https://hooks.slack.com/services/T0001/B0001/XXXXsecretXXXX';

describe('channel settings and their secrets', () => {
  it('keeps the webhook URL out of what is stored and shown', () => {
    const input = channelInputSchema.parse({ id: 'slack', name: 'Crisis room', kind: 'webhook', format: 'slack', url: TOKEN_URL });
    const { config, secret } = splitChannelInput(input, null);
    expect(secret).toBe(TOKEN_URL);
    expect(config).toEqual({ id: 'slack', name: 'Crisis room', enabled: true, minSeverity: 'warning', kind: 'webhook', format: 'slack', host: 'hooks.slack.com' });
    const view = channelView(config, true);
    expect(JSON.stringify(view)).not.toContain('XXXXsecretXXXX');
    expect(view.hasSecret).toBe(true);
    expect(channelSecretKey('slack')).toBe('alerts.channel.slack');
  });

  it('keeps the stored secret when an update leaves it out, and needs one for a new webhook', () => {
    const first = splitChannelInput(channelInputSchema.parse({ id: 's', name: 'S', kind: 'webhook', format: 'teams', url: TOKEN_URL }), null);
    const update = splitChannelInput(channelInputSchema.parse({ id: 's', name: 'Renamed', kind: 'webhook', format: 'teams' }), first.config);
    expect(update.secret).toBeUndefined();
    expect(update.config).toMatchObject({ name: 'Renamed', host: 'hooks.slack.com' });
    expect(() => splitChannelInput(channelInputSchema.parse({ id: 'n', name: 'N', kind: 'webhook', format: 'json' }), null)).toThrow(/needs its URL/u);
  });

  it('keeps the SMTP password out of the stored email settings', () => {
    const input = channelInputSchema.parse({
      id: 'mail',
      name: 'Leads',
      kind: 'email',
      host: 'smtp.kettlebird.example',
      username: 'alerts',
      password: 'hunter2',
      from: 'newsroom@kettlebird.example',
      to: ['crisis@kettlebird.example'],
    });
    const { config, secret } = splitChannelInput(input, null);
    expect(secret).toBe('hunter2');
    expect(config).toMatchObject({ port: 587, security: 'starttls', username: 'alerts' });
    expect(JSON.stringify(config)).not.toContain('hunter2');
  });

  it('refuses URLs that are not http(s) and addresses that are not e-mail addresses', () => {
    expect(channelInputSchema.safeParse({ id: 'x', name: 'X', kind: 'webhook', format: 'slack', url: 'file:///etc/passwd' }).success).toBe(false);
    expect(channelInputSchema.safeParse({ id: 'x', name: 'X', kind: 'email', host: 'h', from: 'a@b.example', to: ['not an address'] }).success).toBe(false);
  });

  it('checks rules: an author rule names someone, a brand rule names the brand', () => {
    const base = { id: 'r', name: 'R', severity: 'warning' };
    expect(alertRuleSchema.safeParse({ ...base, kind: 'author' }).success).toBe(false);
    expect(alertRuleSchema.safeParse({ ...base, kind: 'author', minFollowers: 10_000 }).success).toBe(true);
    expect(alertRuleSchema.safeParse({ ...base, kind: 'brand_trend', brandTerms: [] }).success).toBe(false);
    expect(alertRuleSchema.safeParse({ ...base, kind: 'volume_spike', target: { kind: 'topic' }, threshold: 0 }).success).toBe(false);
    expect(alertRuleSchema.parse({ ...base, kind: 'volume_spike', target: { kind: 'all' } })).toMatchObject({ measure: 'significance', threshold: 3, minCount: 10, cooldownMinutes: 30 });
  });
});
