import 'server-only';
import type { Language } from '@roster/users/schemas';
import type { Messages } from './catalogue';
import { NAMESPACES } from './catalogue';

const loaded = new Map<Language, Promise<Messages>>();

async function load(language: Language): Promise<Messages> {
  const parts = await Promise.all(
    NAMESPACES.map(
      async (namespace) =>
        [
          namespace,
          ((await import(`../../messages/${language}/${namespace}.json`)) as { default: unknown })
            .default,
        ] as const,
    ),
  );
  return Object.fromEntries(parts) as unknown as Messages;
}

/** A language's whole catalogue, read once per process. */
export function messagesFor(language: Language): Promise<Messages> {
  let messages = loaded.get(language);
  if (!messages) {
    messages = load(language);
    loaded.set(language, messages);
  }
  return messages;
}
