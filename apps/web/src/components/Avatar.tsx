import { useTranslations } from 'next-intl';

export function Avatar({
  name,
  photoUrl,
  size = 'sm',
}: {
  name: string;
  photoUrl: string | null;
  size?: 'sm' | 'lg';
}) {
  const t = useTranslations('common.avatar');
  const className = size === 'lg' ? 'avatar avatar-lg' : 'avatar';
  if (photoUrl) {
    // A plain <img>: photos come from the app's own signed-in route, which next/image would proxy.
    // eslint-disable-next-line @next/next/no-img-element
    return <img className={className} src={photoUrl} alt={t('photoOf', { name })} />;
  }
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
  return (
    <span className={className} aria-hidden="true">
      {initials || '?'}
    </span>
  );
}
