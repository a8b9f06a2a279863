import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { Avatar } from '@/components/Avatar';
import { Brand } from '@/components/Brand';
import { errorCodeOf, serverCaller } from '@/server/caller';
import './public-profile.css';

export const dynamic = 'force-dynamic';

type Params = Promise<{ username: string }>;

/** The segment as typed; a malformed escape is looked up as it is (and simply not found). */
async function usernameOf(params: Params): Promise<string> {
  const { username } = await params;
  try {
    return decodeURIComponent(username);
  } catch {
    return username;
  }
}

/** One lookup per request, shared by the page and its title. Null when the API says NOT_FOUND. */
const loadProfile = cache(async (username: string) => {
  const caller = await serverCaller();
  try {
    return await caller.users.publicProfile({ username });
  } catch (error) {
    // A username that cannot exist (empty, too long) is as absent as one that does not.
    const code = errorCodeOf(error);
    if (code === 'NOT_FOUND' || code === 'BAD_REQUEST') return null;
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const profile = await loadProfile(await usernameOf(params));
  if (profile) return { title: profile.name };
  const t = await getTranslations('profile.notFound');
  return { title: t('title') };
}

export default async function PublicProfilePage({ params }: { params: Params }) {
  const profile = await loadProfile(await usernameOf(params));
  if (!profile) notFound();
  const t = await getTranslations('profile.publicProfile');
  return (
    <div className="public-profile">
      <div className="auth-brand">
        <Brand />
      </div>
      <article className="card" aria-labelledby="public-name">
        <Avatar name={profile.name} photoUrl={profile.photoUrl} size="lg" />
        <h1 id="public-name">{profile.name}</h1>
        <p className="muted">@{profile.username}</p>
        {profile.city ? (
          <p className="public-city">
            {t.rich('city', {
              city: profile.city,
              hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
            })}
          </p>
        ) : null}
      </article>
    </div>
  );
}
