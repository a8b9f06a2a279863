'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import './dialog.css';

/**
 * A modal built on the native <dialog> and showModal(): the browser traps focus, makes the page
 * behind it inert and closes it on Escape. Labelled by its heading; focus goes back to whatever
 * opened it.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    return () => {
      dialog.close();
      opener?.focus();
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      // Escape: the parent hears of it at once. The browser's own `close` event comes later, as a
      // task of its own: by then a quick Escape-then-Enter may have opened the dialog again, and a
      // parent still thinking it open would have ignored that Enter.
      onCancel={onClose}
      // Any other way the browser closes it; a late event about a dialog open again is stale.
      onClose={(event) => {
        if (!event.currentTarget.open) onClose();
      }}
    >
      {open ? (
        <div className="dialog-body">
          <h2 id={titleId}>{title}</h2>
          {description ? (
            <div id={descriptionId} className="dialog-description">
              {description}
            </div>
          ) : null}
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
