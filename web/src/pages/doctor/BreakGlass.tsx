import { Page } from '../../components/Page';

/** PLACEHOLDER (doctor /break-glass): replaced by the page's owner. */
export function BreakGlassPage() {
  return <Page title="Emergency access">{null}</Page>;
}
