// The apropos page: apropos(1) over this site, in the browser, with no
// server. The database (src/plugins/apropos-db.ts) is built with the site
// and handed to this route as a module; src/apropos/apropos.ts evaluates
// the query. The query lives in the URL (?q=...) so a search can be shared.
import React, { useEffect, useMemo, useState } from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import { apropos, AproposError, type AproposDoc, type AproposResult } from '../../apropos/apropos.ts';
import styles from './styles.module.css';

const EXAMPLES: readonly string[] = [
  'Fn=jumbo_pg_alloc',
  'Cd=ZERO_COPY_SOCKETS',
  'Dv~^TIIOC',
  'Er=EPERM',
  'Va=zero_copy',
  'Fn=socow -a Va=socow_stats',
  '-s 9 page',
];

type Outcome = { results: AproposResult[]; error: null } | { results: null; error: string };

function run(db: readonly AproposDoc[], query: string): Outcome | null {
  if (query.trim() === '') return null;
  try {
    return { results: apropos(db, query), error: null };
  } catch (e) {
    if (e instanceof AproposError) return { results: null, error: e.message };
    throw e;
  }
}

function Why({ result }: { result: AproposResult }): React.ReactElement | null {
  const shown = [...new Map(result.matched.filter((m) => m.key !== 'Nm' && m.key !== 'Nd').map((m) => [`${m.key}=${m.value}`, m])).values()].slice(0, 4);
  if (shown.length === 0) return null;
  return (
    <span className={styles.why}>
      {' '}[{shown.map((m, i) => (
        <React.Fragment key={`${m.key}=${m.value}`}>
          {i > 0 ? ', ' : null}
          <Link to={m.href}>{m.key}={m.value}</Link>
        </React.Fragment>
      ))}]
    </span>
  );
}

export default function AproposPage({ db }: { db: AproposDoc[] }): React.ReactElement {
  const [query, setQuery] = useState('');
  // Read ?q= after hydration: the static page is the same for every query.
  useEffect(() => {
    const q = new URLSearchParams(window.location.search).get('q');
    if (q !== null) setQuery(q);
  }, []);
  useEffect(() => {
    const url = new URL(window.location.href);
    if (query === '') url.searchParams.delete('q');
    else url.searchParams.set('q', query);
    window.history.replaceState(null, '', url.toString());
  }, [query]);
  const outcome = useMemo(() => run(db, query), [db, query]);

  return (
    <Layout title="apropos" description="Search the zcsim manual pages, kernel options and sysctls by name or by mdoc semantic key, as apropos(1) does.">
      <main className={`container margin-vert--lg ${styles.page}`}>
        <h1>apropos</h1>
        <p>
          Search the manual pages, the <Link to="/kernel/options">kernel options</Link> and
          the <Link to="/kernel/sysctls">sysctls</Link> by name, or by the mdoc macro that
          marks a word: <code>Fn=</code> functions, <code>Dv=</code> constants and ioctls,{' '}
          <code>Cd=</code> kernel configuration, <code>Va=</code> variables and sysctls,{' '}
          <code>Er=</code> errors, <code>Nm=</code> names, <code>Nd=</code> descriptions,{' '}
          <code>Sh=</code> section titles. Everything runs in this page.
        </p>
        <form className={styles.form} role="search" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="apropos-query" className={styles.prompt}>$ apropos</label>
          <input
            id="apropos-query"
            className={styles.input}
            type="search"
            value={query}
            placeholder="Fn=jumbo_pg_alloc"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setQuery(e.target.value)}
            data-apropos-input
          />
        </form>
        <div className={styles.results} data-apropos-results data-query={query}>
          {outcome === null ? null : outcome.error !== null ? (
            <pre className={styles.error} data-apropos-error>{outcome.error}</pre>
          ) : outcome.results.length === 0 ? (
            <pre className={styles.none} data-apropos-none>{query}: nothing appropriate</pre>
          ) : (
            <ul className={styles.list}>
              {outcome.results.map((r) => (
                <li key={`${r.href} ${r.line}`} data-apropos-result={r.line}>
                  <Link to={r.href} className={styles.name ?? ""}>{r.names.join(', ')}({r.section})</Link>
                  {' - '}{r.description}
                  <Why result={r} />
                </li>
              ))}
            </ul>
          )}
        </div>
        <h2>Syntax</h2>
        <p>As in apropos(1) from mandoc:</p>
        <ul>
          <li><code>word</code>: a substring of a name or description (here also of a function, constant, option, sysctl or error name), any case.</li>
          <li><code>Key=value</code>: a substring of the words marked with that macro; <code>Key~regex</code>: a regular expression. Several keys: <code>Fn,Dv=alloc</code>; every key: <code>any=alloc</code>.</li>
          <li>Terms side by side mean <em>or</em> (<code>-o</code> says it explicitly); <code>-a</code> means <em>and</em> and binds tighter; <code>!</code> negates the next term.</li>
          <li><code>-s 9</code> keeps section 9 only; <code>-s options</code> and <code>-s sysctl</code> keep the generated references.</li>
        </ul>
        <p>
          Try:{' '}
          {EXAMPLES.map((q, i) => (
            <React.Fragment key={q}>
              {i > 0 ? ', ' : null}
              <button type="button" className={styles.example} onClick={() => setQuery(q)}>{q}</button>
            </React.Fragment>
          ))}
        </p>
      </main>
    </Layout>
  );
}
