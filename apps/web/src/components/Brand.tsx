import Link from 'next/link';
import { useTranslations } from 'next-intl';

export function Brand() {
  const t = useTranslations('common');
  const name = t('appName');
  return (
    <Link href="/" className="brand">
      <span className="brand-mark" aria-hidden="true">
        {name.charAt(0)}
      </span>
      {name}
    </Link>
  );
}
