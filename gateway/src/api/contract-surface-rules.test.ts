import * as contract from '@medledger/chaincode/client';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The gateway takes every ID pattern and enumeration from the chaincode's contract surface and
 * never spells one out again (CONVENTIONS.md: "it never copies a pattern or an enum"). A copy would
 * keep passing every other test until the chaincode changed the rule; this finds it the day it is
 * written. Tests and test support may name values freely.
 */
const GATEWAY_SOURCES = join(__dirname, '..');

function productionSources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'test-support' ? [] : productionSources(path);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const exported = Object.entries(contract as Record<string, unknown>);
const patterns = exported.flatMap(([name, value]) => (value instanceof RegExp ? [{ name, text: value.source }] : []));
/** Each list of two or more codes, as source code writes it: 'a', 'b', 'c'. */
const enumerations = exported.flatMap(([name, value]) =>
  Array.isArray(value) && value.length > 1 && value.every((item) => typeof item === 'string') ? [{ name, text: value.map((item) => `'${item}'`).join(', ') }] : [],
);

/** The rules a source spells out. */
function copiesInSource(source: string, rules: { name: string; text: string }[]): string[] {
  return rules.filter((rule) => source.includes(rule.text)).map((rule) => rule.name);
}

function copiesIn(rules: { name: string; text: string }[]): string[] {
  return productionSources(GATEWAY_SOURCES).flatMap((path) => copiesInSource(readFileSync(path, 'utf8'), rules).map((name) => `${relative(GATEWAY_SOURCES, path)} copies ${name}`));
}

describe('the gateway takes the chaincode’s rules from its contract surface', () => {
  it('when the contract surface is read, then it exports the patterns and enumerations this test looks for', () => {
    expect(patterns.map((pattern) => pattern.name)).toEqual(expect.arrayContaining(['STAKEHOLDER_ID_PATTERN', 'OBJECT_ID_PATTERN', 'ISO_INSTANT_PATTERN', 'MEDIA_TYPE_PATTERN']));
    expect(enumerations.map((enumeration) => enumeration.name)).toEqual(expect.arrayContaining(['ROLES', 'DATA_CATEGORIES', 'ACCESS_ACTIONS', 'GRANT_STATUSES', 'COVERAGE_CATEGORIES']));
  });

  it('when a source spells out a contract pattern or enumeration, then the check names it', () => {
    const copied = String.raw`export const OBJECT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/;
      const action = z.enum(['view', 'edit']);`;

    expect([...copiesInSource(copied, patterns), ...copiesInSource(copied, enumerations)]).toEqual(['OBJECT_ID_PATTERN', 'ACCESS_ACTIONS']);
  });

  it('when the gateway’s sources are read, then none spells out a pattern of the contract surface', () => {
    expect(copiesIn(patterns)).toEqual([]);
  });

  it('when the gateway’s sources are read, then none spells out an enumeration of the contract surface', () => {
    expect(copiesIn(enumerations)).toEqual([]);
  });
});
