import { ACCESS_BASES } from '../../../../chaincode/src/models/access-log-entry';
import * as claim from '../../../../chaincode/src/models/claim';
import * as application from '../../../../chaincode/src/models/insurance-application';
import * as insurancePackage from '../../../../chaincode/src/models/insurance-package';
import * as order from '../../../../chaincode/src/models/medicine-order';
import * as policy from '../../../../chaincode/src/models/policy';
import * as prescription from '../../../../chaincode/src/models/prescription';
import * as insurance from '../insurance/insurance';
import * as orders from '../prescriptions/orders';
import * as prescriptions from '../prescriptions/prescriptions';

describe('the care resources’ edge schemas mirror the chaincode', () => {
  it('when the enumerations and limits are compared with the chaincode models, then they are the same', () => {
    expect({
      accessBases: [...prescriptions.ACCESS_BASES],
      prescriptionStatuses: [...prescriptions.PRESCRIPTION_STATUSES],
      maxItems: prescriptions.MAX_PRESCRIPTION_ITEMS,
      maxUnits: prescriptions.MAX_UNITS_PER_FILL,
      maxRefills: prescriptions.MAX_REFILLS,
      orderStatuses: [...orders.ORDER_STATUSES],
      paymentMethods: [...orders.PAYMENT_METHODS],
      maxOrder: orders.MAX_ORDER_QUANTITY,
      coverage: [...insurance.COVERAGE_CATEGORIES],
      applicationStatuses: [...insurance.APPLICATION_STATUSES],
      policyStatuses: [...insurance.POLICY_STATUSES],
      claimStatuses: [...insurance.CLAIM_STATUSES],
      claimDecisions: [...insurance.CLAIM_DECISIONS],
      maxEligibility: insurance.MAX_ELIGIBILITY_SUMMARY,
      maxClaimDetails: insurance.MAX_CLAIM_DETAILS,
      currency: insurance.CURRENCY_PATTERN.source,
      paymentRef: insurance.PAYMENT_REF_PATTERN.source,
    }).toEqual({
      accessBases: [...ACCESS_BASES],
      prescriptionStatuses: [...prescription.PRESCRIPTION_STATUSES],
      maxItems: prescription.MAX_PRESCRIPTION_ITEMS,
      maxUnits: prescription.MAX_UNITS_PER_FILL,
      maxRefills: prescription.MAX_REFILLS,
      orderStatuses: [...order.ORDER_STATUSES],
      paymentMethods: [...order.PAYMENT_METHODS],
      maxOrder: order.MAX_ORDER_QUANTITY,
      coverage: [...insurancePackage.COVERAGE_CATEGORIES],
      applicationStatuses: [...application.APPLICATION_STATUSES],
      policyStatuses: [...policy.POLICY_STATUSES],
      claimStatuses: [...claim.CLAIM_STATUSES],
      claimDecisions: [...claim.CLAIM_DECISIONS],
      maxEligibility: insurancePackage.MAX_ELIGIBILITY_SUMMARY,
      maxClaimDetails: claim.MAX_CLAIM_DETAILS,
      currency: insurancePackage.CURRENCY_PATTERN.source,
      paymentRef: claim.PAYMENT_REF_PATTERN.source,
    });
  });
});
