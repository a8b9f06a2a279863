'use client';

import { useEffect, useState } from 'react';
import { Button } from './Button';
import './copy-button.css';

/** A copy button's words, in its caller's terms ("Select the address…", "Select the key…"). */
export interface CopyWords {
  copy: string;
  copied: string;
  copiedStatus: string;
  failed: string;
}

/**
 * Copies a value (a redirect URI, a new API key) to the clipboard and says so, to the eye on the
 * button and to a screen reader in a status message; where the browser refuses, it says to copy
 * by hand.
 */
export function CopyButton({
  text,
  label,
  words,
}: {
  text: string;
  label: string;
  words: CopyWords;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  // "Copied" for a moment, then the button is ready again.
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = window.setTimeout(() => {
      setState('idle');
    }, 2500);
    return () => {
      window.clearTimeout(timer);
    };
  }, [state]);

  // A new value has not been copied yet.
  const [copiedText, setCopiedText] = useState(text);
  if (copiedText !== text) {
    setCopiedText(text);
    setState('idle');
  }

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // No clipboard outside a secure context, or permission refused.
      setState('failed');
    }
  };

  return (
    <span className="copy-button">
      <Button
        variant="secondary"
        small
        // The visible word, and what is copied, for someone who hears only the button.
        aria-label={state === 'copied' ? undefined : label}
        onClick={() => void copy()}
      >
        {state === 'copied' ? words.copied : words.copy}
      </Button>
      <span className={state === 'failed' ? 'field-error' : 'visually-hidden'} role="status">
        {state === 'copied' ? words.copiedStatus : state === 'failed' ? words.failed : ''}
      </span>
    </span>
  );
}
