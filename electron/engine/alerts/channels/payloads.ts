import type { Alert, Severity, WebhookFormat } from '../../../../shared/alerts.js';

/** A post behind an alert, as a message shows it (looked up by the host from the evidence's item ids). */
export interface EvidenceItem {
  author: string;
  text: string;
  url: string | null;
}

export interface MessageContext {
  items: readonly EvidenceItem[];
  /** The alert in the app (with its evidence), when the host knows its public address. */
  link: string | null;
}

export const SEVERITY_LABEL: Record<Severity, string> = { info: 'Info', warning: 'Warning', crisis: 'CRISIS' };
const MAX_ITEMS = 3;
const NUMBER_NAMES = ['count', 'expected', 'sd', 'significance', 'ratio', 'threshold', 'sentiment', 'usual', 'withBrand', 'silencedPosts'];

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function safeUrl(url: string | null): string | null {
  return url !== null && /^https?:\/\/[^\s<>|"]+$/iu.test(url) ? url : null;
}

/** The figures worth a line in a message, rounded. */
export function keyNumbers(alert: Alert): Array<[string, string]> {
  return NUMBER_NAMES.filter((k) => alert.evidence.numbers[k] !== undefined).map((k) => [k, String(Math.round(alert.evidence.numbers[k]! * 100) / 100)]);
}

// Slack mrkdwn: &, < and > are control characters (links, @channel); post text must stay text.
const slackText = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
// Teams TextBlocks render a markdown subset without escapes: break "](" so a post's text can't
// become a disguised link (bold and lists are harmless).
const teamsText = (s: string) => s.replace(/\]\(/gu, ']\u200b(');

function slack(alert: Alert, ctx: MessageContext): unknown {
  const label = SEVERITY_LABEL[alert.severity];
  const items = ctx.items.slice(0, MAX_ITEMS).map((i) => {
    const url = safeUrl(i.url);
    return `• *${slackText(truncate(i.author, 100))}*: ${slackText(truncate(i.text, 280))}${url ? ` <${url}|open>` : ''}`;
  });
  const numbers = keyNumbers(alert).map(([k, v]) => `${k} ${v}`).join(' · ');
  return {
    text: truncate(`[${label}] ${alert.title}`, 300),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncate(`${label}: ${alert.title}`, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: truncate(slackText(alert.why), 2900) } },
      ...(items.length > 0 ? [{ type: 'section', text: { type: 'mrkdwn', text: truncate(items.join('\n'), 2900) } }] : []),
      { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(slackText(`Rule: ${alert.ruleName} · ${alert.createdAt}${numbers ? ` · ${numbers}` : ''}`), 2900) }] },
      ...(ctx.link ? [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the evidence' }, url: ctx.link }] }] : []),
    ],
  };
}

function teams(alert: Alert, ctx: MessageContext): unknown {
  const label = SEVERITY_LABEL[alert.severity];
  const color = alert.severity === 'crisis' ? 'Attention' : alert.severity === 'warning' ? 'Warning' : 'Default';
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: teamsText(`${label}: ${alert.title}`), weight: 'Bolder', size: 'Medium', color, wrap: true },
            { type: 'TextBlock', text: teamsText(alert.why), wrap: true },
            {
              type: 'FactSet',
              facts: [
                { title: 'Rule', value: teamsText(alert.ruleName) },
                { title: 'Raised', value: alert.createdAt },
                ...keyNumbers(alert).map(([k, v]) => ({ title: k, value: v })),
              ],
            },
            ...ctx.items.slice(0, MAX_ITEMS).map((i) => ({ type: 'TextBlock', text: teamsText(`${truncate(i.author, 100)}: ${truncate(i.text, 280)}`), wrap: true, isSubtle: true })),
          ],
          actions: ctx.link ? [{ type: 'Action.OpenUrl', title: 'Open the evidence', url: ctx.link }] : [],
        },
      },
    ],
  };
}

/**
 * The body for a webhook: Slack incoming-webhook blocks, a Teams Adaptive Card in a message
 * envelope (what Teams' "when a webhook request is received" workflows take), or plain JSON.
 */
export function webhookPayload(format: WebhookFormat, alert: Alert, ctx: MessageContext): unknown {
  if (format === 'slack') return slack(alert, ctx);
  if (format === 'teams') return teams(alert, ctx);
  return { alert, items: ctx.items.slice(0, MAX_ITEMS), link: ctx.link };
}
