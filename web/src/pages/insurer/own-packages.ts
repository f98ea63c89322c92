import { api, ok } from '../../api/client';
import type { InsurancePackage, InsurancePackageVersion } from '../../lib/insurance';
import { allPages } from '../../lib/paging';

export interface OwnPackage {
  latest: InsurancePackage;
  versions: InsurancePackageVersion[];
}

/** The catalogue's packages that are this insurer's, each with every version (oldest first). */
export async function loadOwnPackages(insurerId: string): Promise<OwnPackage[]> {
  const catalogue = await allPages((cursor) => ok(api.GET('/insurance/packages', { params: { query: { limit: 100, cursor } } })));
  const own = catalogue.items.filter((item) => item.insurerId === insurerId);
  return Promise.all(
    own.map(async (latest) => {
      const versions = await allPages((cursor) => ok(api.GET('/insurance/packages/{packageId}/versions', { params: { path: { packageId: latest.packageId }, query: { limit: 100, cursor } } })));
      return { latest, versions: versions.items };
    }),
  );
}
