'use client';

import { UsersListFilter, type UsersRead } from '@roster/users/schemas';
import { keepPreviousData } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert } from '../Alert';
import { Avatar } from '../Avatar';
import { Button } from '../Button';
import { TextField } from '../Field';
import { Loading } from '../Spinner';
import { CreateUserDialog } from './CreateUserDialog';
import { FILTER_LABELS } from './options';
import { UserBadges } from './UserBadges';
import { errorMessage } from '@/lib/errors';
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
      label="Search users"
      type="search"
      name="search"
      value={term}
      maxLength={250}
      autoComplete="off"
      spellCheck={false}
      hint="Part of a username, name or email address."
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
  return (
    <nav className="filter-tabs" aria-label="Show">
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
          {FILTER_LABELS[filter]}
          <span className="tab-count">{counts ? counts[filter].toLocaleString('en') : '…'}</span>
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
  if (pages <= 1 && page === 1) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 ? (
        <Link
          className="button button-secondary button-small"
          href={href({ page: String(Math.min(page - 1, Math.max(pages, 1))) })}
          scroll={false}
          rel="prev"
        >
          Previous page
        </Link>
      ) : (
        <span className="button button-secondary button-small" aria-disabled="true">
          Previous page
        </span>
      )}
      <span className="pagination-status">
        Page {page.toLocaleString('en')} of {Math.max(pages, 1).toLocaleString('en')}
      </span>
      {page < pages ? (
        <Link
          className="button button-secondary button-small"
          href={href({ page: String(page + 1) })}
          scroll={false}
          rel="next"
        >
          Next page
        </Link>
      ) : (
        <span className="button button-secondary button-small" aria-disabled="true">
          Next page
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
  const utils = trpc.useUtils();
  const approve = useForm({
    mutation: trpc.admin.users.approve.useMutation(),
    fields: [],
    onSuccess: async () => {
      onDone({
        ok: true,
        message: `Approved ${user.name} (@${user.username}). They were told by email.`,
      });
      await utils.admin.users.invalidate();
    },
  });
  const onApprove = async () => {
    const outcome = await approve.submit({ id: user.id });
    if (!outcome.succeeded) {
      onDone({ ok: false, message: outcome.formError ?? 'Could not approve this user.' });
    }
  };
  return (
    <Button
      small
      loading={approve.pending}
      aria-label={`Approve ${user.username}`}
      onClick={() => void onApprove()}
    >
      Approve
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
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Users, ordered by username</caption>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col" className="email-cell">
              Email
            </th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
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
                    <div className="muted">@{user.username}</div>
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
        User list
      </h2>
      <div className="toolbar">
        <SearchBox urlSearch={url.search} onSearch={onSearch} />
        <CreateUserDialog />
      </div>
      {filter ? <FilterTabs current={filter} counts={counts.data} href={href} /> : null}
      {notice ? <Alert tone={notice.ok ? 'success' : 'error'}>{notice.message}</Alert> : null}
      {error ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
      {!data ? (
        error ? null : (
          <Loading label="Loading users…" />
        )
      ) : (
        <>
          <p className="list-summary">
            {/* Announced when a search or tab changes the result; "Updating…" is not. */}
            <span aria-live="polite">{summary(data, filter ?? 'all', url.search)}</span>
            {list.isFetching ? <span className="muted"> Updating…</span> : null}
          </p>
          {data.records.length > 0 ? (
            <UsersTable users={data.records} meId={me.id} onApproved={setNotice} />
          ) : data.total > 0 ? (
            <p>
              This page is past the end of the list.{' '}
              <Link href={href({ page: String(pages) })}>Go to the last page</Link>
            </p>
          ) : null}
          <Pagination page={url.page} pages={pages} href={href} />
        </>
      )}
    </section>
  );
}

const NOUNS: Record<UsersListFilter, [one: string, many: string]> = {
  all: ['user', 'users'],
  pending_approval: ['sign-up waiting for approval', 'sign-ups waiting for approval'],
  unverified: ['unverified user', 'unverified users'],
  inactive: ['inactive user', 'inactive users'],
  admins: ['administrator', 'administrators'],
};

function summary(data: { total: number }, filter: UsersListFilter, search: string): string {
  const [one, many] = NOUNS[filter];
  const matching = search ? ` matching “${search}”` : '';
  if (data.total === 0) return `No ${many}${matching}.`;
  return `${data.total.toLocaleString('en')} ${data.total === 1 ? one : many}${matching}.`;
}
