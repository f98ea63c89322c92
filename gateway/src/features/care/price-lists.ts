import { PRICE_LIST_LIMITS, priceListItem } from '@medledger/chaincode/client';
import { z } from 'zod';
import { Problem } from '../../api/errors/problems';
import { defineOperation, type Operation } from '../../api/operation';
import { stakeholderId } from '../../api/schemas';
import { withNonBlankTexts } from '../../api/text-schemas';
import { operations } from './service-steps';
import { priceListModel } from './visit-models';

const hospitalIdParams = z.object({ hospitalId: stakeholderId.describe('An active hospital') });

const priceListBody = z
  .object({
    items: z
      .array(withNonBlankTexts(priceListItem).strict())
      .max(PRICE_LIST_LIMITS.items)
      .refine((items) => new Set(items.map((item) => item.code)).size === items.length, 'each code may appear once')
      .describe(`At most ${PRICE_LIST_LIMITS.items} items, codes distinct; the whole list is replaced`),
  })
  .strict();

/** A hospital's published price list (on chain, public: prices are not health data). */
export const priceListOperations: Operation[] = [
  defineOperation({
    method: 'put',
    path: '/hospitals/{hospitalId}/price-list',
    operationId: 'setHospitalPriceList',
    summary: 'Publish (replace) the calling hospital’s price list',
    description: 'Only the hospital itself (another hospital: 403 NOT_OWNER). Prices are in minor units (cents) of an ISO 4217 currency; 0 is a free service. Once a list exists, estimate requests and referrals to the hospital must name one of its codes.',
    tag: 'Hospital services',
    access: { scope: 'write', role: 'hospital' },
    callers: 'the hospital itself',
    transaction: 'HospitalService:setPriceList',
    params: hospitalIdParams,
    body: priceListBody,
    response: { status: 200, description: 'The published list', schema: priceListModel },
    async handle({ principal, params, body, deps }) {
      // The chaincode takes the hospital from the certificate; the path must name that same hospital.
      if (params.hospitalId !== principal.stakeholderId) {
        throw new Problem('NOT_OWNER', `only hospital ${params.hospitalId} may publish its price list`);
      }
      return deps.ledger.submitJson(principal, 'HospitalService:setPriceList', [JSON.stringify(body.items)]);
    },
  }),
  operations.read({
    path: '/hospitals/{hospitalId}/price-list',
    operationId: 'getHospitalPriceList',
    summary: 'A hospital’s price list (404 before it publishes one)',
    callers: 'any registered principal',
    transaction: 'HospitalService:getPriceList',
    params: hospitalIdParams,
    response: { description: 'The list', schema: priceListModel },
  }),
];
