import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  countPendingMail,
  createMailWorker,
  enqueueMail,
  SECOND,
  signUp,
  UsersSignup,
} from '../src/index';
import { smtpTransport } from '../src/mail/transport';
import { createTestServices, DIALECTS, GOOD_PASSWORD, type TestServices } from '../src/testing';

interface Received {
  to: string;
  subject: string;
  raw: string;
}

/** A real SMTP server on loopback that records what it accepts. */
class TestSmtpServer {
  readonly received: Received[] = [];
  #server: SMTPServer | undefined;

  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.received.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','),
            subject: /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '',
            raw,
          });
          callback();
        });
      },
    });
    const server = this.#server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server)
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe.each(DIALECTS)('mail delivery over SMTP on %s', (dialect) => {
  let s: TestServices;
  let smtp: TestSmtpServer;

  beforeEach(async () => {
    s = await createTestServices(dialect);
    smtp = new TestSmtpServer(await freePort());
  });
  afterEach(async () => {
    await smtp.stop();
    await s.destroy();
  });

  const queue = async (count: number) => {
    for (let i = 0; i < count; i += 1) {
      await enqueueMail(s, {
        to: `person${i}@example.com`,
        subject: `Message ${i}`,
        text: `Hello ${i}`,
        html: `<p>Hello ${i}</p>`,
      });
    }
  };

  it('delivers queued mail with a text and an HTML part', async () => {
    await smtp.start();
    const worker = createMailWorker({
      db: s.db,
      clock: s.clock,
      mailKey: s.mailKey,
      transport: smtpTransport(`smtp://127.0.0.1:${smtp.port}`, 'Roster <no-reply@roster.test>'),
      logger: silent,
    });
    await queue(3);
    await worker.flush();
    expect(smtp.received.map((mail) => mail.subject).sort()).toEqual([
      'Message 0',
      'Message 1',
      'Message 2',
    ]);
    expect(smtp.received[0]?.raw).toContain('multipart/alternative');
    expect(smtp.received[0]?.raw).toContain('text/html');
    expect(await countPendingMail(s.db)).toBe(0);
    await worker.stop();
  });

  it('keeps mail while the server is down and delivers each message once when it is back', async () => {
    const worker = createMailWorker({
      db: s.db,
      clock: s.clock,
      mailKey: s.mailKey,
      transport: smtpTransport(`smtp://127.0.0.1:${smtp.port}`, 'Roster <no-reply@roster.test>'),
      logger: silent,
    });
    await queue(5);
    await worker.flush();
    expect(await countPendingMail(s.db)).toBe(5);
    // Retries back off but never wait more than 30 s.
    s.clock.advance(2 * SECOND);
    await worker.flush();
    expect(await countPendingMail(s.db)).toBe(5);
    const failed = await s.db
      .selectFrom('mailOutbox')
      .select(['attempts', 'nextAttemptAt', 'lastError'])
      .execute();
    for (const row of failed) {
      expect(row.attempts).toBe(2);
      expect(row.nextAttemptAt - s.clock.now()).toBeLessThanOrEqual(30 * SECOND);
      expect(row.lastError).toBeTruthy();
    }

    await smtp.start();
    // Not due yet: nothing is sent early.
    await worker.flush();
    expect(smtp.received).toHaveLength(0);
    s.clock.advance(30 * SECOND);
    await worker.flush();
    await worker.flush();
    expect(smtp.received.map((mail) => mail.subject).sort()).toEqual(
      [0, 1, 2, 3, 4].map((i) => `Message ${i}`),
    );
    expect(await countPendingMail(s.db)).toBe(0);
    await worker.stop();
  });

  it('two senders sharing the outbox (two instances) send each message exactly once', async () => {
    await smtp.start();
    const make = () =>
      createMailWorker({
        db: s.db,
        clock: s.clock,
        mailKey: s.mailKey,
        transport: smtpTransport(`smtp://127.0.0.1:${smtp.port}`, 'Roster <no-reply@roster.test>'),
        logger: silent,
      });
    const [a, b] = [make(), make()];
    await queue(12);
    await Promise.all([a.flush(), b.flush(), a.flush(), b.flush()]);
    const subjects = smtp.received.map((mail) => mail.subject);
    expect(subjects).toHaveLength(12);
    expect(new Set(subjects).size).toBe(12);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('a dead SMTP server never fails the request that queued the mail', async () => {
    const worker = createMailWorker({
      db: s.db,
      clock: s.clock,
      mailKey: s.mailKey,
      transport: smtpTransport(`smtp://127.0.0.1:${smtp.port}`, 'Roster <no-reply@roster.test>'),
      logger: silent,
    });
    worker.start();
    await s.settings({ signupEnabled: true });
    const result = await signUp(
      { ...s, mailer: worker },
      { ip: null, userAgent: null },
      UsersSignup.parse({
        name: 'M',
        username: 'm',
        email: 'm@example.com',
        password: GOOD_PASSWORD,
      }),
    );
    expect(result.status).toBe('pending');
    await worker.flush();
    expect(await countPendingMail(s.db)).toBe(1);
    await worker.stop();
  });
});
