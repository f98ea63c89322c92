import { z } from 'zod';
import { appRoutes } from '../../api/route-table';
import { ledgerUnderTest } from '../../test-support/test-gateway';
import { as, useGatewayAndActors } from '../../acceptance/test-support/actors';

const capabilities = z.object({
  resourceType: z.literal('CapabilityStatement'),
  fhirVersion: z.literal('4.0.1'),
  format: z.array(z.string()),
  rest: z.tuple([z.object({ resource: z.array(z.object({ type: z.string(), interaction: z.array(z.object({ code: z.string() })) })) })]),
});

/** The Express route each interaction is (https://hl7.org/fhir/R4/http.html). */
const ROUTE_OF: Record<string, (type: string) => string> = {
  read: (type) => `GET /fhir/${type}/:id`,
  vread: (type) => `GET /fhir/${type}/:id/_history/:vid`,
  'search-type': (type) => `GET /fhir/${type}`,
  create: (type) => `POST /fhir/${type}`,
};

describe('the FHIR CapabilityStatement', () => {
  const { gateway } = useGatewayAndActors({ ledger: ledgerUnderTest() });

  it('when read without a credential, then it is the R4 CapabilityStatement, and every mounted /fhir route is one of its interactions and each interaction is mounted', async () => {
    const answer = await as(gateway).get('/fhir/metadata');

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const statement = capabilities.parse(answer.body);
    expect(statement.format).toEqual(['json']);
    const declared = statement.rest[0].resource.flatMap(({ type, interaction }) =>
      interaction.map(({ code }) => {
        const route = ROUTE_OF[code];
        if (route === undefined) {
          throw new Error(`${type} declares ${code}, which the server has no route shape for`);
        }
        return route(type);
      }),
    );
    const mounted = appRoutes(gateway.app)
      .filter((route) => route.path.startsWith('/fhir/'))
      .map((route) => `${route.method} ${route.path}`);
    expect(new Set(mounted)).toEqual(new Set([...declared, 'GET /fhir/metadata']));
    expect(mounted).toHaveLength(declared.length + 1);
  });
});
