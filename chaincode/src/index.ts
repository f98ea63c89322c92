import type { Contract } from 'fabric-contract-api';
import { PlatformContract } from './contracts/platform-contract';

export const contracts: (new () => Contract)[] = [PlatformContract];
