/**
 * The contract surface: the one place for the chaincode's ID patterns, enumerations, limits and
 * the shapes its transactions return, as zod schemas with the types inferred from them. The
 * chaincode validates with these rules; the gateway builds its request and response schemas from
 * them instead of copying them.
 */
export * from './identifiers';
export * from './formats';
export * from './roles';
export * from './categories';
export * from './purposes';
export * from './confidentiality';
export * from './statuses';
export * from './payments';
export * from './limits';
export * from './pages';
export * from './stakeholders';
export * from './grants';
export * from './delegations';
export * from './access-log';
export * from './records';
export * from './prescriptions';
export * from './insurance';
export * from './appointments';
export * from './hospital-services';
export * from './price-lists';
export * from './transactions';
