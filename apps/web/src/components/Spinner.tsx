import { useTranslations } from 'next-intl';

export function Loading({ label }: { label?: string }) {
  const t = useTranslations('common');
  return (
    <div className="loading-block" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('loading')}</span>
    </div>
  );
}
