import { Page } from '../components/Page';
import { Link } from '../router';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <Page title="Page not found">
      <p>
        There is no page at <code>{path}</code> for your role. <Link to="/">Go to your home page</Link>.
      </p>
    </Page>
  );
}
