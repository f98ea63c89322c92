/**
 * configtx.yaml's channel profile: Raft with three consenters, a batch timeout, the agreed capabilities.
 */
import { isRecord, textOf } from './compose-model';

export const CHANNEL_PROFILE = 'MedLedgerChannel';

/**
 * The channel profile: a Raft ordering service of three consenters, a BatchTimeout, the agreed
 * capabilities (Channel V3_0, Orderer V2_0, Application V2_5), and no system-channel parts.
 */
export function checkConfigtx(configtx: unknown, profileName = CHANNEL_PROFILE): string[] {
  const profiles = isRecord(configtx) && isRecord(configtx.Profiles) ? configtx.Profiles : undefined;
  const profile = profiles?.[profileName];
  if (!isRecord(profile)) {
    return [`configtx.yaml has no profile ${profileName}`];
  }
  const orderer = isRecord(profile.Orderer) ? profile.Orderer : {};
  const application = isRecord(profile.Application) ? profile.Application : {};
  const violations = [...ordererViolations(orderer), ...capabilityViolations(profile, orderer, application)];
  if (profile.Consortium !== undefined || profile.Consortiums !== undefined) {
    violations.push('must not define Consortium(s): there is no system channel');
  }
  return violations.map((violation) => `${profileName}: ${violation}`);
}

/** Raft with three consenters, each fully described, and a BatchTimeout. */
function ordererViolations(orderer: Record<string, unknown>): string[] {
  const violations: string[] = [];
  if (orderer.OrdererType !== 'etcdraft') {
    violations.push('Orderer.OrdererType must be etcdraft');
  }
  const raft = isRecord(orderer.EtcdRaft) ? orderer.EtcdRaft : {};
  const consenters: unknown[] = Array.isArray(raft.Consenters) ? raft.Consenters : [];
  if (consenters.length !== 3) {
    violations.push(`Orderer.EtcdRaft.Consenters must list 3 consenters, found ${consenters.length}`);
  }
  consenters.forEach((consenter, index) => {
    for (const field of ['Host', 'Port', 'ClientTLSCert', 'ServerTLSCert']) {
      if (!isRecord(consenter) || isBlank(consenter[field])) {
        violations.push(`consenter ${index + 1} has no ${field}`);
      }
    }
  });
  if (isBlank(orderer.BatchTimeout) || textOf(orderer.BatchTimeout).trim() === '') {
    violations.push('Orderer.BatchTimeout must be set');
  }
  return violations;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** The agreed capabilities: Channel V3_0, Orderer V2_0, Application V2_5. */
function capabilityViolations(profile: Record<string, unknown>, orderer: Record<string, unknown>, application: Record<string, unknown>): string[] {
  const capability = (section: Record<string, unknown>, name: string): boolean => isRecord(section.Capabilities) && section.Capabilities[name] === true;
  return [
    ...(capability(profile, 'V3_0') ? [] : ['Channel capability V3_0 must be true']),
    ...(capability(orderer, 'V2_0') ? [] : ['Orderer capability V2_0 must be true']),
    ...(capability(application, 'V2_5') ? [] : ['Application capability V2_5 must be true (needed for PurgePrivateData)']),
  ];
}
