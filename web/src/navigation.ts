/**
 * Every page of the portal, per role: the navigation shows these, and the browser suite visits
 * every one of them for its role (web/e2e/every-page.e2e.test.ts: axe, screenshots, no console
 * errors). Plain data, no React, so Node tests import it too. Paths are hash routes (#/consents):
 * the gateway's API owns the real paths of this origin (/me, /consents, ...), the portal only /.
 */
export const ROLES = ['patient', 'doctor', 'hospital', 'pharmacy', 'insurer', 'regulator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface NavEntry {
  path: string;
  title: string;
}

export const NAVIGATION: Readonly<Record<Role, readonly NavEntry[]>> = {
  patient: [
    { path: '/', title: 'Home' },
    { path: '/consents', title: 'Consents' },
    { path: '/disclosures', title: 'Accounting of disclosures' },
    { path: '/records', title: 'Records and files' },
    { path: '/appointments', title: 'Appointments' },
    { path: '/prescriptions', title: 'Prescriptions and orders' },
    { path: '/hospital-services', title: 'Hospital services' },
    { path: '/insurance', title: 'Insurance' },
    { path: '/delegates', title: 'Delegates' },
    { path: '/notifications', title: 'Notifications' },
    { path: '/erasure', title: 'Erase my data' },
  ],
  doctor: [
    { path: '/', title: 'My patients' },
    { path: '/access-requests', title: 'Access requests' },
    { path: '/patient-records', title: 'Patient records' },
    { path: '/prescriptions', title: 'Prescriptions' },
    { path: '/referrals', title: 'Referrals' },
    { path: '/appointments', title: 'Appointments' },
    { path: '/break-glass', title: 'Emergency access' },
    { path: '/profile', title: 'Directory listing' },
    { path: '/notifications', title: 'Notifications' },
  ],
  hospital: [
    { path: '/', title: 'Service requests' },
    { path: '/price-list', title: 'Price list' },
    { path: '/appointments', title: 'Appointments' },
    { path: '/profile', title: 'Directory listing' },
    { path: '/notifications', title: 'Notifications' },
  ],
  pharmacy: [
    { path: '/', title: 'Orders' },
    { path: '/profile', title: 'Directory listing' },
    { path: '/notifications', title: 'Notifications' },
  ],
  insurer: [
    { path: '/', title: 'Applications' },
    { path: '/packages', title: 'Packages' },
    { path: '/claims', title: 'Claims' },
    { path: '/profile', title: 'Directory listing' },
    { path: '/notifications', title: 'Notifications' },
  ],
  regulator: [{ path: '/', title: 'Statistics' }],
  admin: [
    { path: '/', title: 'Verify professionals' },
    { path: '/api-keys', title: 'API keys' },
  ],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
