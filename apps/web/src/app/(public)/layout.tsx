import type { ReactNode } from 'react';
import { LanguageMenu } from '@/components/LanguageMenu';
import { getSignedInUser } from '@/server/caller';
import { pageLanguage } from '@/server/language';

/**
 * The pages anyone may open. Someone not signed in picks their language here; a signed-in
 * person's language is the one in their profile.
 */
export default async function PublicLayout({ children }: { children: ReactNode }) {
  const [me, language] = await Promise.all([getSignedInUser(), pageLanguage()]);
  return (
    <main id="main" className="auth-shell">
      {children}
      {me ? null : <LanguageMenu current={language} />}
    </main>
  );
}
