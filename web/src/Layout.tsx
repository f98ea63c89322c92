import { useState, type ReactNode } from 'react';
import { messageOf } from './api/problem';
import { NAVIGATION } from './navigation';
import { hrefOf } from './router';
import { signOut, type SignedIn } from './session';

const ROLE_NAMES = { patient: 'Patient', doctor: 'Doctor', hospital: 'Hospital or lab', pharmacy: 'Pharmacy', insurer: 'Insurer', regulator: 'Regulator', admin: 'Administrator' } as const;

function SignOutButton() {
  const [failure, setFailure] = useState<string>();
  return (
    <>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          signOut().catch((error: unknown) => {
            setFailure(messageOf(error));
          });
        }}
      >
        Sign out
      </button>
      {failure === undefined ? null : <span role="alert">{failure}</span>}
    </>
  );
}

/** The frame of every signed-in page: skip link, header with who is signed in, the role's menu. */
export function Layout({ me, path, children, headerExtra }: { me: SignedIn; path: string; children: ReactNode; headerExtra?: ReactNode }) {
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <>
      {/* The hash is the portal's route, so the skip link moves focus itself instead of changing it. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="site-header">
        <a className="brand" href={hrefOf('/')}>
          MedLedger
        </a>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="site-nav" onClick={() => { setMenuOpen(!menuOpen); }}>
          Menu
        </button>
        <div className="who">
          {headerExtra}
          <span>
            {me.displayName} <span className="role">({ROLE_NAMES[me.role]})</span>
          </span>
          <SignOutButton />
        </div>
      </header>
      <div className="frame">
        <nav id="site-nav" className={menuOpen ? 'site-nav open' : 'site-nav'} aria-label="Main">
          <ul>
            {NAVIGATION[me.role].map((entry) => (
              <li key={entry.path}>
                <a href={hrefOf(entry.path)} aria-current={entry.path === path ? 'page' : undefined} onClick={() => { setMenuOpen(false); }}>
                  {entry.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          {me.stakeholderStatus === 'active' ? null : (
            <p className="message warn" role="status">
              Your registration is {me.stakeholderStatus}: an administrator must verify you before the ledger accepts your actions.
            </p>
          )}
          {children}
        </main>
      </div>
      <footer className="site-footer">
        <a href="/docs">API documentation</a>
      </footer>
    </>
  );
}
