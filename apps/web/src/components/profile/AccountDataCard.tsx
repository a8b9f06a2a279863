'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { useErrorText } from '@/lib/errors';
import { trpc } from '@/lib/trpc';
import { useMe } from '@/lib/use-me';
import './account-data.css';

/** Today in the reader's own calendar, as YYYY-MM-DD: the date in the file's name. */
function localDate(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Hands a text to the browser as a file to save, without a round trip to the server. */
function saveFile(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the URL is not needed after.
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 0);
}

/**
 * "Your data": everything Roster holds about the person (`me.export`), as one JSON file they
 * keep. Fetched fresh at each click and kept nowhere else in the page.
 */
export function AccountDataCard() {
  const t = useTranslations('profile.accountData');
  const me = useMe();
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    setError(null);
    setPending(true);
    try {
      const data = await utils.me.export.fetch(undefined, { staleTime: 0, gcTime: 0 });
      saveFile(
        `roster-${me.username}-${localDate(new Date())}.json`,
        JSON.stringify(data, null, 2),
      );
    } catch (failure) {
      setError(errorText.message(failure));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="card account-data-card" aria-labelledby="account-data-title">
      <div className="card-header">
        <h2 id="account-data-title">{t('title')}</h2>
        <p>{t('description')}</p>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="form-actions">
        <Button variant="secondary" loading={pending} onClick={() => void download()}>
          {t('download')}
        </Button>
      </div>
    </section>
  );
}
