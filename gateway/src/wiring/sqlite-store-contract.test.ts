import { openSqliteStore } from './sqlite-store';
import { describeGatewayStore } from './test-support/store-contract';

describeGatewayStore('SQLite (in memory)', () => openSqliteStore());
