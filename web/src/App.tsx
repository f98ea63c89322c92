import { Layout } from './Layout';
import { NotFoundPage } from './pages/NotFound';
import { PAGES_BY_ROLE } from './pages/registry';
import { SignInPage } from './pages/SignIn';
import { useRoute } from './router';
import { SessionProvider, useSession, type SignedIn } from './session';
import { ErrorMessage } from './components/Feedback';
import { LiveNotifications } from './components/LiveNotifications';

function SignedInApp({ me }: { me: SignedIn }) {
  const route = useRoute();
  const PageComponent = PAGES_BY_ROLE[me.role][route.path];
  return (
    <SessionProvider me={me}>
      <Layout me={me} path={route.path} headerExtra={<LiveNotifications />}>
        {PageComponent === undefined ? <NotFoundPage path={route.path} /> : <PageComponent key={route.path} />}
      </Layout>
    </SessionProvider>
  );
}

export function App() {
  const session = useSession();
  switch (session.status) {
    case 'loading':
      return <p className="loading" aria-busy="true">Loading…</p>;
    case 'failed':
      return <main id="main"><ErrorMessage message={session.message} /></main>;
    case 'signed-out':
      return <main id="main" className="signed-out"><SignInPage /></main>;
    case 'signed-in':
      return <SignedInApp me={session.me} />;
  }
}
