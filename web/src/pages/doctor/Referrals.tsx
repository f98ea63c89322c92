import { Page } from '../../components/Page';

/** PLACEHOLDER (doctor /referrals): replaced by the page's owner. */
export function ReferralsPage() {
  return <Page title="Referrals">{null}</Page>;
}
