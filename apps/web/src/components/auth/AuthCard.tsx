import type { ReactNode } from 'react';
import { Brand } from '../Brand';

export function AuthCard({
  title,
  lede,
  wide = false,
  children,
  footer,
}: {
  title: string;
  lede?: ReactNode;
  wide?: boolean;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className={wide ? 'auth-card auth-card-wide' : 'auth-card'}>
      <div className="auth-brand">
        <Brand />
      </div>
      <section className="card" aria-labelledby="auth-title">
        <h1 id="auth-title">{title}</h1>
        {lede ? <p className="lede">{lede}</p> : null}
        {children}
      </section>
      {footer ? <div className="auth-footer">{footer}</div> : null}
    </div>
  );
}
