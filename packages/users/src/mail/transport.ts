import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { MailMessage } from './outbox';

export interface MailTransport {
  /** Resolves once the message is accepted; throws when it is not. */
  send(message: MailMessage & { id: number }): Promise<void>;
  close(): void;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: Logger = {
  info: (message) => {
    console.log(message);
  },
  warn: (message) => {
    console.warn(message);
  },
  error: (message) => {
    console.error(message);
  },
};

/** Sends through SMTP_URL with nodemailer; timeouts keep a dead server from holding a claim. */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(message) {
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
    close: () => {
      transporter.close();
    },
  };
}

/**
 * Without SMTP, each email becomes an `.eml` file in the mail folder (open it in any mail program)
 * and one line is logged: the subject and the file, never the body (it holds tokens).
 */
export function fileTransport(dir: string, from: string, logger: Logger): MailTransport {
  return {
    async send(message) {
      const raw = await new MailComposer({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      })
        .compile()
        .build();
      await fs.mkdir(dir, { recursive: true });
      const safeRecipient = message.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
      const file = path.join(dir, `${Date.now()}-${message.id}-${safeRecipient}.eml`);
      // Written under a temporary name and renamed, so a reader never sees half a message.
      await fs.writeFile(`${file}.tmp`, raw, { mode: 0o600 });
      await fs.rename(`${file}.tmp`, file);
      logger.info(`mail: "${message.subject}" to ${message.to} written to ${file}`);
    },
    close: () => undefined,
  };
}
