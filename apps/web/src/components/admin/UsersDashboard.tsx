'use client';

import { UsersListFilter, type UsersRead } from '@roster/users/schemas';
import { keepPreviousData } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert } from '../Alert';
import { Avatar } from '../Avatar';
import { Button } from '../Button';
import { TextField } from '../Field';
import { Loading } from '../Spinner';
import { CreateUserDialog } from './CreateUserDialog';
import { UserBadges } from './UserBadges';
import { useErrorText } from '@/lib/errors';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { useMe } from '@/lib/use-me';
import './users-dashboard.css';

/** Long enough that typing a name sends one request, short enough to feel live. */
const SEARCH_DEBOUNCE_MS = 300;

function parsePage(value: string | null): number {
  const page = Number(value);
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

function parseFilter(value: string | null): UsersListFilter | null {
  const parsed = UsersListFilter.safeParse(value);
  return parsed.success ? parsed.data : null;
}

type UrlChanges = Partial<Record<'page' | 'search' | 'filter', string | null>>;

/** The list's state (page, search, tab) lives in the URL, so it survives reloads and links. */
function useListUrl() {
  const pathname = usePathname();
  const params = useSearchParams();
  const href = useCallback(
    (changes: UrlChanges) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '' || (key === 'page' && value === '1')) next.delete(key);
        else next.set(key, value);
      }
      const query = next.toString();
      return query ? `${pathname}?${query}` : pathname;
    },
    [pathname, params],
  );
  return {
    page: parsePage(params.get('page')),
    search: (params.get('search') ?? '').trim(),
    filter: parseFilter(params.get('filter')),
    href,
  };
}

/** The search box: typing updates the URL after a pause; back and forward update the box. */
function SearchBox({
  urlSearch,
  onSearch,
}: {
  urlSearch: string;
  onSearch: (term: string) => void;
}) {
  const t = useTranslations('admin.dashboard');
  const [term, setTerm] = useState(urlSearch);
  const [pushed, setPushed] = useState(urlSearch);
  const [seen, setSeen] = useState(urlSearch);
  // A URL this box did not write (history navigation) replaces what is typed; the URL catching up
  // with the box's own earlier value must not undo keystrokes typed since.
  if (urlSearch !== seen) {
    setSeen(urlSearch);
    if (urlSearch !== pushed) {
      setTerm(urlSearch);
      setPushed(urlSearch);
    }
  }

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const commit = useCallback(
    (value: string) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      if (value === urlSearch) return;
      setPushed(value);
      onSearch(value);
    },
    [urlSearch, onSearch],
  );

  useEffect(() => {
    const next = term.trim();
    if (next === urlSearch) return;
    timer.current = setTimeout(() => {
      commit(next);
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [term, urlSearch, commit]);

  return (
    <TextField
      label={t('searchLabel')}
      type="search"
      name="search"
      value={term}
      maxLength={250}
      autoComplete="off"
      spellCheck={false}
      hint={t('searchHint')}
      fieldClassName="search-field"
      onChange={(event) => {
        setTerm(event.target.value);
      }}
      // Leaving the box (say, to click a user) applies the search at once: a late debounced
      // update would otherwise pull the page back to the list after that click.
      onBlur={() => {
        commit(term.trim());
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit(term.trim());
      }}
    />
  );
}

function FilterTabs({
  current,
  counts,
  href,
}: {
  current: UsersListFilter;
  counts: Record<UsersListFilter, number> | undefined;
  href: (changes: UrlChanges) => string;
}) {
  const t = useTranslations('admin.dashboard');
  const format = useFormatter();
  return (
    <nav className="filter-tabs" aria-label={t('tabsLabel')}>
      {UsersListFilter.options.map((filter) => (
        <Link
          key={filter}
          href={href({ filter, page: null })}
          scroll={false}
          aria-current={filter === current ? 'true' : undefined}
          className={
            filter === 'pending_approval' && (counts?.[filter] ?? 0) > 0 ? 'attention' : ''
          }
        >
          {t(`filters.${filter}`)}
          <span className="tab-count">
            {counts ? format.number(counts[filter]) : t('countLoading')}
          </span>
        </Link>
      ))}
    </nav>
  );
}

function Pagination({
  page,
  pages,
  href,
}: {
  page: number;
  pages: number;
  href: (changes: UrlChanges) => string;
}) {
  const t = useTranslations('admin.dashboard');
  if (pages <= 1 && page === 1) return null;
  return (
    <nav className="pagination" aria-label={t('pagesLabel')}>
      {page > 1 ? (
        <Link
          className="button button-secondary button-small"
          href={href({ page: String(Math.min(page - 1, Math.max(pages, 1))) })}
          scroll={false}
          rel="prev"
        >
          {t('previousPage')}
        </Link>
      ) : (
        <span className="button button-secondary button-small" aria-disabled="true">
          {t('previousPage')}
        </span>
      )}
      <span className="pagination-status">{t('pageOf', { page, pages: Math.max(pages, 1) })}</span>
      {page < pages ? (
        <Link
          className="button button-secondary button-small"
          href={href({ page: String(page + 1) })}
          scroll={false}
          rel="next"
        >
          {t('nextPage')}
        </Link>
      ) : (
        <span className="button button-secondary button-small" aria-disabled="true">
          {t('nextPage')}
        </span>
      )}
    </nav>
  );
}

function ApproveButton({
  user,
  onDone,
}: {
  user: UsersRead;
  onDone: (outcome: { ok: boolean; message: string }) => void;
}) {
  const t = useTranslations('admin.dashboard');
  const utils = trpc.useUtils();
  const approve = useForm({
    mutation: trpc.admin.users.approve.useMutation(),
    fields: [],
    onSuccess: async () => {
      onDone({
        ok: true,
        message: t('approved', { name: user.name, username: user.username }),
      });
      await utils.admin.users.invalidate();
    },
  });
  const onApprove = async () => {
    const outcome = await approve.submit({ id: user.id });
    if (!outcome.succeeded) {
      onDone({ ok: false, message: outcome.formError ?? t('approveFailed') });
    }
  };
  return (
    <Button
      small
      loading={approve.pending}
      aria-label={t('approveLabel', { username: user.username })}
      onClick={() => void onApprove()}
    >
      {t('approve')}
    </Button>
  );
}

function UsersTable({
  users,
  meId,
  onApproved,
}: {
  users: UsersRead[];
  meId: number;
  onApproved: (outcome: { ok: boolean; message: string }) => void;
}) {
  const t = useTranslations('admin.dashboard');
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columnUser')}</th>
            <th scope="col" className="email-cell">
              {t('columnEmail')}
            </th>
            <th scope="col">{t('columnStatus')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('columnActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                <div className="user-cell">
                  <Avatar name={user.name} photoUrl={null} />
                  <div>
                    <Link href={`/admin/users/${user.id}`} className="user-link">
                      {user.name}
                    </Link>
                    <div className="muted">{t('handle', { username: user.username })}</div>
                    <div className="muted user-email-inline">{user.email}</div>
                  </div>
                </div>
              </td>
              <td className="email-cell">{user.email}</td>
              <td>
                <UserBadges user={user} meId={meId} />
              </td>
              <td className="actions-cell">
                {user.pendingAdminApproval ? (
                  <ApproveButton user={user} onDone={onApproved} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UsersDashboard() {
  const t = useTranslations('admin.dashboard');
  const errorText = useErrorText();
  const me = useMe();
  const router = useRouter();
  const url = useListUrl();
  const [notice, setNotice] = useState<{ ok: boolean; message: string } | null>(null);
  const search = url.search || undefined;

  const counts = trpc.admin.users.counts.useQuery(
    { search },
    { placeholderData: keepPreviousData },
  );
  // Pending sign-ups come first when there are any, unless the URL asks for a tab.
  const filter: UsersListFilter | null =
    url.filter ??
    (counts.data ? (counts.data.pending_approval > 0 ? 'pending_approval' : 'all') : null);
  // The page size is the server's setting; asked for explicitly so the page count is known.
  const settings = trpc.serverSettings.get.useQuery();
  const pageSize = settings.data?.numRecordsPerPage ?? 0;
  const list = trpc.admin.users.list.useQuery(
    { pageNumber: url.page, numRecords: pageSize || 1, search, filter: filter ?? 'all' },
    { enabled: filter !== null && pageSize > 0, placeholderData: keepPreviousData },
  );

  const { href } = url;
  const onSearch = useCallback(
    (term: string) => {
      router.replace(href({ search: term, page: null }), { scroll: false });
    },
    [router, href],
  );

  const error = counts.error ?? settings.error ?? list.error;
  const data = list.data;
  const pages = data && pageSize > 0 ? Math.ceil(data.total / pageSize) : 0;

  return (
    <section className="card admin-users" aria-labelledby="users-list-title">
      <h2 id="users-list-title" className="visually-hidden">
        {t('listTitle')}
      </h2>
      <div className="toolbar">
        <SearchBox urlSearch={url.search} onSearch={onSearch} />
        <CreateUserDialog />
      </div>
      {filter ? <FilterTabs current={filter} counts={counts.data} href={href} /> : null}
      {notice ? <Alert tone={notice.ok ? 'success' : 'error'}>{notice.message}</Alert> : null}
      {error ? <Alert tone="error">{errorText.message(error)}</Alert> : null}
      {!data ? (
        error ? null : (
          <Loading label={t('loading')} />
        )
      ) : (
        <>
          <p className="list-summary">
            {/* Announced when a search or tab changes the result; "Updating…" is not. */}
            <span aria-live="polite">
              {url.search
                ? t(`summaryMatching.${filter ?? 'all'}`, { count: data.total, search: url.search })
                : t(`summary.${filter ?? 'all'}`, { count: data.total })}
            </span>
            {list.isFetching ? <span className="muted"> {t('updating')}</span> : null}
          </p>
          {data.records.length > 0 ? (
            <UsersTable users={data.records} meId={me.id} onApproved={setNotice} />
          ) : data.total > 0 ? (
            <p>
              {t('pastEnd')} <Link href={href({ page: String(pages) })}>{t('lastPage')}</Link>
            </p>
          ) : null}
          <Pagination page={url.page} pages={pages} href={href} />
        </>
      )}
    </section>
  );
}
