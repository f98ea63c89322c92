import * as contract from '@medledger/chaincode/client';
import { z } from 'zod';
import { objectId } from '../../api/schemas';

/** What the insurance operations share: hashes, amounts, coverage as published, the policy path. */
export const sha256 = contract.sha256Hex;
export const minor = contract.minorAmount.describe('Amount in minor currency units (cents)');
export const coverage = { coverage: contract.coverage.meta({ id: 'Coverage', description: 'Coverage as published' }) };
export const policyIdParams = z.object({ policyId: objectId });
