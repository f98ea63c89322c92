import { z } from 'zod';
import { as } from '../../acceptance/test-support/actors';
import { expectValidFhir, fhirErrors } from '../../fhir/test-support/expect-valid-fhir';
import { FHIR_RESOURCES } from './fhir-operations';
import type { FhirResourceModule } from './fhir-interactions';
import { useFhirWorld, type FhirWorld } from './test-support/fhir-world';

/**
 * Every resource the FHIR facade emits, validated by a real FHIR validator (@medplum/core against
 * the R4 base definitions, offline) with 0 errors. Generated from the registered resource modules
 * (FHIR_RESOURCES): for each type, each search is called on the seeded world (with patient= when it
 * takes one, and again page by page with _count=1 following Bundle.link next), each found resource
 * is read by id and each version vread; so a type added later is validated without anyone
 * remembering to, and a type with nothing to show fails until its data is seeded (fhir-world.ts).
 */

const bundle = z.object({
  resourceType: z.literal('Bundle'),
  link: z.array(z.object({ relation: z.string(), url: z.string() })),
  entry: z.array(z.object({ resource: z.object({ resourceType: z.string(), id: z.string(), meta: z.object({ versionId: z.string().optional() }).optional() }) })).optional(),
});
type Found = NonNullable<z.output<typeof bundle>['entry']>[number]['resource'];

async function get(world: FhirWorld, path: string): Promise<unknown> {
  // As a FHIR client asks: Binary answers the resource, not the raw content, only when asked for FHIR JSON.
  const answer = await as(world.care.gateway, world.caller()).get(path).set('Accept', 'application/fhir+json');
  if (answer.status !== 200) {
    throw new Error(`GET ${path} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
  expect(answer.headers['content-type']).toMatch(/^application\/fhir\+json/);
  return answer.body;
}

/** The search's query: the patient when the search takes one, else what the world names for the type (fhir-world.ts). */
function searchPath(world: FhirWorld, module: FhirResourceModule, extra = ''): string {
  const takesPatient = module.interactions.some((interaction) => interaction.searchParams.some((param) => param.name === 'patient'));
  const query = [takesPatient ? `patient=Patient/${world.care.patientId}` : (world.searchQueries[module.type] ?? ''), extra].filter((part) => part !== '').join('&');
  return `/fhir/${module.type}${query === '' ? '' : `?${query}`}`;
}

/** Every page of a search with _count=1, each validated; the resources found. */
async function searchAllPages(world: FhirWorld, module: FhirResourceModule): Promise<Found[]> {
  const found: Found[] = [];
  let path: string | undefined = searchPath(world, module, '_count=1');
  for (let pages = 0; path !== undefined && pages < 50; pages += 1) {
    const page = await get(world, path);
    expectValidFhir(page);
    const parsed = bundle.parse(page);
    found.push(...(parsed.entry ?? []).map((entry) => entry.resource));
    const next = parsed.link.find((link) => link.relation === 'next')?.url;
    path = next === undefined ? undefined : new URL(next).pathname + new URL(next).search;
  }
  return found;
}

/** The search, first page and every page with _count=1, validated; the resources found and how many resources were validated. */
async function exerciseSearch(world: FhirWorld, module: FhirResourceModule): Promise<{ found: Found[]; validated: number }> {
  const first = await get(world, searchPath(world, module));
  expectValidFhir(first);
  const found = (bundle.parse(first).entry ?? []).map((entry) => entry.resource);
  const paged = await searchAllPages(world, module);
  expect(paged.map((resource) => resource.id)).toEqual(expect.arrayContaining(found.map((resource) => resource.id)) as unknown);
  return { found, validated: 1 + found.length + paged.length };
}

/** Read by id, and vread the version the read names; how many resources were validated. */
async function exerciseRead(world: FhirWorld, module: FhirResourceModule, id: string, vread: boolean): Promise<number> {
  const read = await get(world, `/fhir/${module.type}/${id}`);
  expectValidFhir(read);
  const versionId = z.object({ meta: z.object({ versionId: z.string().optional() }).optional() }).parse(read).meta?.versionId;
  if (!vread || versionId === undefined) {
    return 1;
  }
  expectValidFhir(await get(world, `/fhir/${module.type}/${id}/_history/${versionId}`));
  return 2;
}

async function exercise(world: FhirWorld, module: FhirResourceModule): Promise<number> {
  const has = (interaction: string) => module.interactions.some((declared) => declared.interaction === interaction);
  const search = has('search-type') ? await exerciseSearch(world, module) : { found: [], validated: 0 };
  const ids = [...new Set([...search.found.map((resource) => resource.id), ...(world.knownIds[module.type] ?? [])])];
  if (ids.length === 0) {
    throw new Error(`the seeded world has no ${module.type}: seed one in features/fhir/test-support/fhir-world.ts`);
  }
  let validated = search.validated;
  for (const id of has('read') ? ids : []) {
    validated += await exerciseRead(world, module, id, has('vread'));
  }
  return validated;
}

describe('every resource the FHIR facade emits validates against R4 (generated from the registered resources)', () => {
  const world = useFhirWorld();

  it('when the CapabilityStatement is read, then it validates', async () => {
    expectValidFhir(await get(world, '/fhir/metadata'));
  });

  it('when a read is refused, then the OperationOutcome validates', async () => {
    const answer = await as(world.care.gateway, world.caller()).get('/fhir/Patient/pat-doesnotexist1');
    expect(answer.status).toBe(404);
    expectValidFhir(answer.body);
  });

  it.each(FHIR_RESOURCES.map((module) => [module.type, module] as const))('when every read and search of %s is called on seeded data, then every emitted resource validates with 0 errors', async (_type, module) => {
    expect(await exercise(world, module)).toBeGreaterThan(0);
  });

  it('when a resource breaks R4, then the harness reports it (it can fail)', () => {
    expect(fhirErrors({ resourceType: 'Consent', id: 'x', status: 'granted', scope: {}, category: [] })).not.toEqual([]);
    expect(fhirErrors({ resourceType: 'Bundle', type: 'searchset', entry: [{ fullUrl: 'http://x/Patient/1', resource: { resourceType: 'Patient', id: '1', active: 'yes' } }] })).toContainEqual(expect.stringMatching(/^Patient\/1 Patient\.active/));
    expect(() => {
      expectValidFhir({ resourceType: 'Patient', id: 'p', active: 'yes' });
    }).toThrow();
  });
});
