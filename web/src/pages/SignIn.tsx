import { Page } from '../components/Page';
import { SIGN_IN_URL } from '../session';

/** What a signed-out visitor sees at /: what MedLedger is, and the way in. */
export function SignInPage() {
  return (
    <Page title="Welcome to MedLedger" intro="Your health data, shared only with the people you choose, for the purpose and the time you choose. Every access is recorded and shown to you.">
      <p>
        <a className="button primary" href={SIGN_IN_URL}>
          Sign in
        </a>
      </p>
      <p className="hint">You sign in with your organisation&apos;s identity provider. Organisations&apos; systems use API keys instead.</p>
    </Page>
  );
}
