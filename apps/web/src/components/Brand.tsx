import Link from 'next/link';

export function Brand() {
  return (
    <Link href="/" className="brand">
      <span className="brand-mark" aria-hidden="true">
        R
      </span>
      Roster
    </Link>
  );
}
