'use client';

import { useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import './backup-codes.css';

/** Shown once: the codes, with copy and download, and a button to put them away. */
export function BackupCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const text = `Roster backup codes (each works once)\n\n${codes.join('\n')}\n`;

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
      <h3 id="backup-codes-heading">Your backup codes</h3>
      <Alert tone="warning">
        Save these codes somewhere safe now: they are shown only once. Each one signs you in once if
        you lose your phone.
      </Alert>
      <ul className="backup-codes" data-testid="backup-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="form-actions">
        <Button variant="secondary" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy codes'}
        </Button>
        <Button variant="secondary" onClick={download}>
          Download codes
        </Button>
        <Button onClick={onDone}>I have saved them</Button>
      </div>
      <p className="visually-hidden" role="status">
        {copied ? 'Backup codes copied to the clipboard.' : ''}
      </p>
    </div>
  );
}
