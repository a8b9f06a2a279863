'use client';

import {
  PHOTO_MAX_BYTES,
  PHOTO_MAX_SIDE,
  PHOTO_SNIFF_BYTES,
  sniffImageType,
} from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { Alert } from '../Alert';
import { Avatar } from '../Avatar';
import { Button } from '../Button';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { useMe } from '@/lib/use-me';
import './photo-upload.css';

/** The limits as the hint and the messages say them. */
const LIMITS = { megabytes: PHOTO_MAX_BYTES / (1024 * 1024), side: PHOTO_MAX_SIDE };

/** What the browser can tell is wrong with a file, by the reasons of PHOTO_MESSAGES. */
type PhotoProblem = 'tooLarge' | 'wrongType';

/**
 * The server's own first checks, made before sending, with its words: a 40 MB holiday photo is
 * refused at once instead of after a long upload. The server still decides.
 */
async function checkBeforeUpload(file: File): Promise<PhotoProblem | null> {
  if (file.size > PHOTO_MAX_BYTES) return 'tooLarge';
  const head = new Uint8Array(await file.slice(0, PHOTO_SNIFF_BYTES).arrayBuffer());
  return sniffImageType(head) === null ? 'wrongType' : null;
}

export function PhotoUpload() {
  const t = useTranslations('profile.photo');
  const me = useMe();
  const utils = trpc.useUtils();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [choiceError, setChoiceError] = useState<PhotoProblem | null>(null);
  const [notice, setNotice] = useState<'saved' | 'removed' | null>(null);
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
      setNotice('saved');
    },
  });
  const remove = useForm({
    mutation: trpc.me.deletePhoto.useMutation(),
    fields: [],
    onSuccess: async () => {
      await utils.me.get.invalidate();
      setNotice('removed');
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

  const error =
    (choiceError ? t(`problems.${choiceError}`, LIMITS) : null) ??
    upload.fields.file ??
    upload.formError ??
    remove.formError;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="card-header">
        <h2 id={headingId}>{t('title')}</h2>
        <p>{t('description')}</p>
      </div>
      <div className="photo-upload">
        {preview ? (
          // A plain <img>: the preview is a local object URL, which next/image cannot load.
          // eslint-disable-next-line @next/next/no-img-element
          <img className="avatar avatar-lg" src={preview} alt={t('previewAlt')} />
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
            <label htmlFor={inputId}>{me.photoUrl ? t('chooseNew') : t('choose')}</label>
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
              {t('hint', LIMITS)}
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
                  {t('upload')}
                </Button>
                <Button variant="ghost" disabled={upload.pending} onClick={clearChoice}>
                  {t('cancel')}
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
                {t('remove')}
              </Button>
            ) : null}
          </div>
          {notice ? <Alert tone="success">{t(notice)}</Alert> : null}
        </form>
      </div>
    </section>
  );
}
