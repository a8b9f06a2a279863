import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { MAIL_DIR } from './env';

export interface Mail {
  file: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

async function readAll(): Promise<Mail[]> {
  let names: string[];
  try {
    names = (await fs.readdir(MAIL_DIR)).filter((name) => name.endsWith('.eml')).sort();
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(MAIL_DIR, name);
      const parsed = await simpleParser(await fs.readFile(file));
      const to = Array.isArray(parsed.to) ? parsed.to[0]?.text : parsed.to?.text;
      return {
        file,
        to: (to ?? '').toLowerCase(),
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
      };
    }),
  );
}

/** Waits for an email to this address whose subject matches, in the server's mail drop. */
export async function waitForMail(to: string, subject: RegExp): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const mails = await readAll();
        found = mails
          .reverse()
          .find((mail) => mail.to.includes(to.toLowerCase()) && subject.test(mail.subject));
        return Boolean(found);
      },
      { timeout: 20_000, message: `an email to ${to} matching ${subject}` },
    )
    .toBe(true);
  if (!found) throw new Error('unreachable');
  return found;
}

/** The first link in a mail that goes to `pathname` on the app, with the language it names. */
export function linkIn(mail: Mail, pathname: string): string {
  const match = new RegExp(
    `https?://[^\\s"<>]+${pathname.replace(/[/-]/g, '\\$&')}\\?token=[A-Za-z0-9_-]+(&lang=[a-z]+)?`,
  ).exec(mail.text);
  if (!match) throw new Error(`no ${pathname} link in "${mail.subject}"`);
  return match[0];
}
