import { Page } from '../../components/Page';

/** PLACEHOLDER (patient /hospital-services): replaced by the page's owner. */
export function HospitalServicesPage() {
  return <Page title="Hospital services">{null}</Page>;
}
