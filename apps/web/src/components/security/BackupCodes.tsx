'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import './backup-codes.css';

/** Shown once: the codes, with copy and download, and a button to put them away. */
export function BackupCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useTranslations('security.backupCodes');
  const [copied, setCopied] = useState(false);
  const text = `${t('fileHeading')}\n\n${codes.join('\n')}\n`;

  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'roster-backup-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className="stack" aria-labelledby="backup-codes-heading">
      <h3 id="backup-codes-heading">{t('title')}</h3>
      <Alert tone="warning">{t('warning')}</Alert>
      <ul className="backup-codes" data-testid="backup-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="form-actions">
        <Button variant="secondary" onClick={() => void copy()}>
          {copied ? t('copied') : t('copy')}
        </Button>
        <Button variant="secondary" onClick={download}>
          {t('download')}
        </Button>
        <Button onClick={onDone}>{t('done')}</Button>
      </div>
      <p className="visually-hidden" role="status">
        {copied ? t('copiedStatus') : ''}
      </p>
    </div>
  );
}
