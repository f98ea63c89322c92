/**
 * Fixtures for the checker tests of compose-checks.ts: the pinned versions, a minimal compose file
 * that passes every check, and helpers that break one thing in it at a time.
 */
import { type ComposeFile, type PinnedVersions, parseCompose } from './compose-checks';

export const PINS: PinnedVersions = { fabric: '3.1.5', fabricCa: '1.5.21' };

/** A minimal compose file that passes every check; each negative test breaks one thing. */
export const VALID = `
services:
  ca:
    image: hyperledger/fabric-ca:1.5.21
    environment: [FABRIC_CA_SERVER_TLS_ENABLED=true, "FABRIC_CA_SERVER_BOOT=admin:\${CA_BOOTSTRAP_PASSWORD:?set it}", "USER=\${CA_USER:-admin}"]
    ports: ["127.0.0.1:7054:7054"]
  orderer:
    image: hyperledger/fabric-orderer:3.1.5
    environment:
      ORDERER_GENERAL_TLS_ENABLED: "true"
      ORDERER_ADMIN_TLS_ENABLED: "true"
      ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: "true"
      ORDERER_OPERATIONS_TLS_ENABLED: "true"
    ports: ["127.0.0.1:7050:7050", "127.0.0.1:7053:7053"]
  peer:
    image: hyperledger/fabric-peer:3.1.5
    environment: &peer-env
      CORE_PEER_TLS_ENABLED: "true"
      CORE_OPERATIONS_TLS_ENABLED: "true"
      CORE_LEDGER_STATE_STATEDATABASE: goleveldb
    ports: [{target: 7051, published: 7051, host_ip: 127.0.0.1}]
    volumes: ["./builders:/opt/builders:ro", "ledger:/var/hyperledger/production", "/tmp/anonymous"]
  chaincode:
    build: {context: ., dockerfile: chaincode/Dockerfile}
    environment: {CHAINCODE_TLS_KEY_FILE: /tls/server.key, CHAINCODE_TLS_CERT_FILE: /tls/server.crt}
    expose: ["9999"]
  gateway:
    image: node:20.20.2-bookworm-slim
    ports: ["127.0.0.1:8080:8080", "127.0.0.1::9229"]
    environment:
      MEDLEDGER_DATABASE_URL: "postgres://\${DB_USER:-medledger}:\${DB_PASSWORD:?set it}@db:5432/medledger"
    depends_on:
      db: {condition: service_healthy}
  db:
    image: postgres:15.14-bookworm
    environment: {POSTGRES_USER: "\${DB_USER:-medledger}", POSTGRES_PASSWORD: "\${DB_PASSWORD:?set it}", POSTGRES_DB: medledger}
    volumes: ["db-data:/var/lib/postgresql/data"]
    healthcheck: {test: ["CMD", "pg_isready"]}
volumes:
  ledger:
  db-data:
`;

export const FIXTURE_FILES = new Set(['.', 'builders', 'chaincode', 'chaincode/Dockerfile']);
export const fixtureExists = (relative: string): boolean => FIXTURE_FILES.has(relative);

export function fixture(yaml: string): ComposeFile {
  return parseCompose(yaml);
}

/** VALID with one service replaced (or added). */
export function withService(name: string, serviceYaml: string): ComposeFile {
  const base = parseCompose(VALID);
  const replacement = parseCompose(`services:\n  ${name}:\n${serviceYaml.replace(/^/gm, '    ')}`);
  return { services: { ...base.services, ...replacement.services } };
}
