import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertDispatcher } from '../../../electron/engine/alerts/channels/dispatcher.js';
import { alert, channelWorld, RecordingClock } from './channel-helpers.js';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

const received: Mail[] = [];
let busyOnce = true;
let server: SMTPServer;
let port = 0;

// A local SMTP server: login alerts / s3cret; busy@ is refused once (451), gone@ for good (550).
beforeAll(async () => {
  server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'alerts' && auth.password === 's3cret') cb(null, { user: 'alerts' });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (address.address === 'gone@kettlebird.example') return cb(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      if (address.address === 'busy@kettlebird.example' && busyOnce) {
        busyOnce = false;
        return cb(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      }
      cb();
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Quoted-printable to text. */
function qp(s: string): string {
  const bytes = s.replace(/=\r?\n/gu, '').replace(/=([0-9A-F]{2})/gu, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The Subject header, unfolded and RFC 2047-decoded. */
function subject(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/mu.exec(raw)![1]!.replace(/\r?\n[ \t]/gu, ' ');
  return header.replace(/=\?UTF-8\?Q\?(.*?)\?=\s*/gu, (_, w: string) => qp(w.replace(/_/gu, ' ')));
}

/** The text/plain and text/html parts, decoded. */
function parts(raw: string): [string, string] {
  const body = (type: string) => qp(raw.split(`Content-Type: ${type}`)[1]!.split(/\r?\n--/u)[0]!.split(/\r?\n\r?\n/u).slice(1).join('\n'));
  return [body('text/plain'), body('text/html')];
}

function world(to: string[], password: string | null = 's3cret') {
  return channelWorld(
    { id: 'ch', name: 'Crisis leads', enabled: true, minSeverity: 'warning', kind: 'email', host: '127.0.0.1', port, security: 'none', username: 'alerts', from: 'newsroom@kettlebird.example', to },
    password,
  );
}

function dispatcher(w: ReturnType<typeof world>) {
  return createAlertDispatcher({
    clock: new RecordingClock(),
    http: fetch,
    random: () => 0.5,
    channels: w.channels,
    secrets: w.secrets,
    deadLetters: w.deadLetters,
    evidenceItems: () => [{ author: '@witness', text: 'Shots fired <script>alert(1)</script> near the station', url: 'https://social.example/@witness/1' }],
    alertLink: (id) => `https://newsroom.example/#/alerts/${id}`,
  });
}

describe('email channel over SMTP', () => {
  it('delivers the alert with its evidence to a local SMTP server, logging in with the stored password', async () => {
    const w = world(['crisis@kettlebird.example', 'lead@kettlebird.example']);
    const [report] = await dispatcher(w).dispatch(alert());
    expect(report).toEqual({ channelId: 'ch', status: 'delivered', attempts: 1 });
    const mail = received.at(-1)!;
    expect(mail.from).toBe('newsroom@kettlebird.example');
    expect(mail.to).toEqual(['crisis@kettlebird.example', 'lead@kettlebird.example']);
    expect(subject(mail.raw)).toBe('[CRISIS] Sensitive news: “shooting” in the news');
    const [text, html] = parts(mail.raw);
    expect(text).toContain('significance: 19.1');
    expect(text).toContain('Evidence: https://newsroom.example/#/alerts/al-1');
    expect(text).toContain('- @witness: Shots fired <script>alert(1)</script> near the station');
    // The HTML part shows a post's markup as text.
    expect(html).toContain('Shots fired &lt;script&gt;alert(1)&lt;/script&gt; near the station');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<a href="https://newsroom.example/#/alerts/al-1">');
  });

  it('retries a temporary refusal (451) and delivers', async () => {
    const w = world(['busy@kettlebird.example']);
    const before = received.length;
    const [report] = await dispatcher(w).dispatch(alert());
    expect(report).toEqual({ channelId: 'ch', status: 'delivered', attempts: 2 });
    expect(received.length).toBe(before + 1);
  });

  it('dead-letters a permanent refusal (550) after one attempt', async () => {
    const w = world(['gone@kettlebird.example']);
    const [report] = await dispatcher(w).dispatch(alert());
    expect(report).toMatchObject({ status: 'dead_letter', attempts: 1 });
    expect(w.deadLetters.list()[0]!.error).toMatch(/the mail server 127\.0\.0\.1 answered 550/u);
  });

  it('dead-letters a wrong password with what to check, and never echoes the password', async () => {
    const w = world(['crisis@kettlebird.example'], 'wrong-password-123');
    const [report] = await dispatcher(w).dispatch(alert());
    expect(report).toMatchObject({ status: 'dead_letter', attempts: 1 });
    expect(report!.reason).toMatch(/check the user name and password$/u);
    expect(report!.reason).not.toContain('wrong-password-123');
  });
});
