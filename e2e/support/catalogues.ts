import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string, where: string): string {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    node = typeof node === 'object' && Object.hasOwn(node, part) ? node[part] : undefined;
  }
  if (typeof node !== 'string') throw new Error(`${key} in ${where} is not a message`);
  return node;
}

/**
 * A page message as the catalogue words it (`auth.login.title`), so the tests check the
 * translation that ships rather than a copy of it. Only for messages without placeholders.
 */
export function pageText(language: string, key: string): string {
  const [namespace = '', ...rest] = key.split('.');
  const file = path.join(root, 'apps/web/messages', language, `${namespace}.json`);
  return lookup(JSON.parse(fs.readFileSync(file, 'utf8')) as Tree, rest.join('.'), file);
}

/** An email message as the mail catalogue words it (`verifyEmail.subject`). */
export function mailText(language: string, key: string): string {
  const file = path.join(root, 'packages/users/src/mail/messages', `${language}.json`);
  return lookup(JSON.parse(fs.readFileSync(file, 'utf8')) as Tree, key, file);
}

/** A literal as a regular expression matching it exactly. */
export function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
