import { z } from 'zod';

/** Money on the ledger: amounts in minor units (cents) of an ISO 4217 currency, and how it moved. */

/** An ISO 4217 currency code such as EUR. */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
/** An insurer's opaque reference of a claim payment (a transfer ID), 1-128 characters. */
export const CLAIM_PAYMENT_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;

/** How a patient pays a pharmacy for a medicine order. */
export const ORDER_PAYMENT_METHODS = ['online', 'cash-on-delivery'] as const;
export type OrderPaymentMethod = (typeof ORDER_PAYMENT_METHODS)[number];
/** How a patient pays a hospital for a service. */
export const SERVICE_PAYMENT_METHODS = ['online', 'cash'] as const;
export type ServicePaymentMethod = (typeof SERVICE_PAYMENT_METHODS)[number];

export const currency = z.string().regex(CURRENCY_PATTERN, 'must be an ISO 4217 code such as EUR');
export const claimPaymentRef = z.string().regex(CLAIM_PAYMENT_REF_PATTERN, 'must be 1-128 letters, digits or . _ : / -');
export const orderPaymentMethod = z.enum(ORDER_PAYMENT_METHODS);
export const servicePaymentMethod = z.enum(SERVICE_PAYMENT_METHODS);
/** A positive amount in minor units. */
export const minorAmount = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
