import { useEffect, useState, type ReactNode } from 'react';

/** The hash route: '#/consents?patient=P1' → { path: '/consents', query: patient=P1 }. */
export interface Route {
  path: string;
  query: URLSearchParams;
}

function currentRoute(): Route {
  const hash = window.location.hash.replace(/^#/, '');
  const [path = '/', search = ''] = hash.split('?', 2);
  return { path: path === '' ? '/' : path, query: new URLSearchParams(search) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const changed = () => {
      setRoute(currentRoute());
    };
    window.addEventListener('hashchange', changed);
    return () => {
      window.removeEventListener('hashchange', changed);
    };
  }, []);
  return route;
}

/** The href of a portal page, with an optional query. */
export function hrefOf(path: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `#${path}${search === '' ? '' : `?${search}`}`;
}

export function navigate(path: string, query: Record<string, string> = {}): void {
  window.location.hash = hrefOf(path, query).slice(1);
}

export function Link({ to, query, children, className }: { to: string; query?: Record<string, string>; children: ReactNode; className?: string }) {
  return (
    <a href={hrefOf(to, query)} className={className}>
      {children}
    </a>
  );
}
