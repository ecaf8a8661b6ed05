import { createTransport } from 'nodemailer';
import type { Alert, ChannelConfig } from '../../../../shared/alerts.js';
import { keyNumbers, SEVERITY_LABEL, truncate, type MessageContext } from './payloads.js';
import { DeliveryError } from './retry.js';

export type EmailChannel = Extract<ChannelConfig, { kind: 'email' }>;

export interface MailMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** What the email channel needs of a mail library (nodemailer's transporter, or a fake). */
export interface MailTransport {
  sendMail(message: MailMessage): Promise<unknown>;
  close(): void;
}

/** An SMTP transport for one delivery; the password comes from the secret store at send time. */
export function smtpTransport(config: EmailChannel, password: string | null): MailTransport {
  return createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    auth: config.username !== null ? { user: config.username, pass: password ?? '' } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

const html = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

export function alertEmail(config: EmailChannel, alert: Alert, ctx: MessageContext): MailMessage {
  const label = SEVERITY_LABEL[alert.severity];
  const numbers = keyNumbers(alert);
  const items = ctx.items.slice(0, 5);
  const text = [
    `${label}: ${alert.title}`,
    '',
    alert.why,
    '',
    ...(numbers.length > 0 ? [numbers.map(([k, v]) => `${k}: ${v}`).join('\n'), ''] : []),
    ...items.map((i) => `- ${i.author}: ${truncate(i.text, 500)}${i.url ? `\n  ${i.url}` : ''}`),
    ...(items.length > 0 ? [''] : []),
    `Rule: ${alert.ruleName} · raised ${alert.createdAt}`,
    ...(ctx.link ? [`Evidence: ${ctx.link}`] : []),
  ].join('\n');
  const body = [
    `<h2>${html(`${label}: ${alert.title}`)}</h2>`,
    `<p>${html(alert.why)}</p>`,
    ...(numbers.length > 0 ? [`<table>${numbers.map(([k, v]) => `<tr><th align="left">${html(k)}</th><td>${html(v)}</td></tr>`).join('')}</table>`] : []),
    ...(items.length > 0
      ? [`<ul>${items.map((i) => `<li><b>${html(i.author)}</b>: ${html(truncate(i.text, 500))}${i.url && /^https?:/iu.test(i.url) ? ` <a href="${html(i.url)}">open</a>` : ''}</li>`).join('')}</ul>`]
      : []),
    `<p><small>Rule: ${html(alert.ruleName)} · raised ${html(alert.createdAt)}</small></p>`,
    ...(ctx.link ? [`<p><a href="${html(ctx.link)}">Open the evidence in Newsroom</a></p>`] : []),
  ].join('\n');
  return { from: config.from, to: config.to, subject: truncate(`[${label}] ${alert.title}`, 200), text, html: body };
}

/** Sends one message (one attempt), telling a temporary failure (retry) from a permanent one. */
export async function sendMail(transport: MailTransport, message: MailMessage, host: string): Promise<void> {
  try {
    await transport.sendMail(message);
  } catch (err) {
    const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
    const said = `the mail server ${host} ${e.responseCode ? `answered ${truncate(e.response ?? String(e.responseCode), 300)}` : `failed: ${e.code ?? ''} ${e.message ?? String(err)}`.trim()}`;
    if (e.code === 'EAUTH') throw new DeliveryError(`${said}: check the user name and password`, false);
    if (e.code === 'ETLS') throw new DeliveryError(`${said}: check the security setting (TLS on 465, STARTTLS on 587)`, false);
    if (e.responseCode !== undefined) throw new DeliveryError(said, e.responseCode < 500);
    throw new DeliveryError(said, true);
  } finally {
    transport.close();
  }
}
