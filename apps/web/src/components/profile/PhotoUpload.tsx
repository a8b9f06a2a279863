'use client';

import {
  PHOTO_MAX_BYTES,
  PHOTO_MESSAGES,
  PHOTO_SNIFF_BYTES,
  sniffImageType,
} from '@roster/users/schemas';
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { Alert } from '../Alert';
import { Avatar } from '../Avatar';
import { Button } from '../Button';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { useMe } from '@/lib/use-me';
import './photo-upload.css';

/**
 * The server's own first checks, made before sending, with its words: a 40 MB holiday photo is
 * refused at once instead of after a long upload. The server still decides.
 */
async function checkBeforeUpload(file: File): Promise<string | null> {
  if (file.size > PHOTO_MAX_BYTES) return PHOTO_MESSAGES.tooLarge;
  const head = new Uint8Array(await file.slice(0, PHOTO_SNIFF_BYTES).arrayBuffer());
  return sniffImageType(head) === null ? PHOTO_MESSAGES.wrongType : null;
}

export function PhotoUpload() {
  const me = useMe();
  const utils = trpc.useUtils();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const headingId = useId();

  const clearChoice = () => {
    setFile(null);
    setPreview(null);
    if (inputRef.current) inputRef.current.value = '';
  };

  const upload = useForm({
    mutation: trpc.me.uploadPhoto.useMutation(),
    fields: ['file'],
    onSuccess: async () => {
      clearChoice();
      await utils.me.get.invalidate();
      setNotice('Your new photo is saved.');
    },
  });
  const remove = useForm({
    mutation: trpc.me.deletePhoto.useMutation(),
    fields: [],
    onSuccess: async () => {
      await utils.me.get.invalidate();
      setNotice('Your photo was removed.');
    },
  });

  // An object URL holds the file in memory until it is revoked.
  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview);
    },
    [preview],
  );

  const clearMessages = () => {
    setChoiceError(null);
    upload.reset();
    remove.reset();
    setNotice(null);
  };

  const onChoose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    clearMessages();
    setFile(null);
    setPreview(null);
    if (!chosen) return;
    const problem = await checkBeforeUpload(chosen);
    if (problem) {
      setChoiceError(problem);
      return;
    }
    setFile(chosen);
    setPreview(URL.createObjectURL(chosen));
  };

  const error = choiceError ?? upload.fields.file ?? upload.formError ?? remove.formError;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="card-header">
        <h2 id={headingId}>Photo</h2>
        <p>Shown next to your name at the top of every page and on your public profile.</p>
      </div>
      <div className="photo-upload">
        {preview ? (
          // A plain <img>: the preview is a local object URL, which next/image cannot load.
          // eslint-disable-next-line @next/next/no-img-element
          <img className="avatar avatar-lg" src={preview} alt="Preview of the chosen photo" />
        ) : (
          <Avatar name={me.name} photoUrl={me.photoUrl} size="lg" />
        )}
        <form
          className="photo-controls"
          // The form's one input is the file, under the name the API reads.
          onSubmit={upload.onSubmit((data) => data)}
          noValidate
        >
          <div className="field">
            <label htmlFor={inputId}>{me.photoUrl ? 'Choose a new photo' : 'Choose a photo'}</label>
            <input
              ref={inputRef}
              id={inputId}
              className="file-input"
              type="file"
              name="file"
              accept="image/png,image/jpeg,image/webp"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${hintId} ${errorId}` : hintId}
              onChange={(event) => void onChoose(event)}
            />
            <p className="hint" id={hintId}>
              PNG, JPEG or WebP, at most 5 MB and 4096 × 4096 pixels. It is resized and stripped of
              location and camera data.
            </p>
            {error ? (
              <p className="field-error" id={errorId} role="alert">
                {error}
              </p>
            ) : null}
          </div>
          <div className="form-actions">
            {file ? (
              <>
                <Button type="submit" loading={upload.pending}>
                  Upload photo
                </Button>
                <Button variant="ghost" disabled={upload.pending} onClick={clearChoice}>
                  Cancel
                </Button>
              </>
            ) : me.photoUrl ? (
              <Button
                variant="secondary"
                loading={remove.pending}
                onClick={() => {
                  clearMessages();
                  void remove.submit();
                }}
              >
                Remove photo
              </Button>
            ) : null}
          </div>
          {notice ? <Alert tone="success">{notice}</Alert> : null}
        </form>
      </div>
    </section>
  );
}
