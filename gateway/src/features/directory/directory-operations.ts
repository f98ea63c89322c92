import { z } from 'zod';
import { Problem } from '../../api/errors/problems';
import { defineOperation, type Operation } from '../../api/operation';
import { pageOf, pageQuery } from '../../api/pagination';
import { stakeholderIdParams } from '../../api/schemas';
import { nonBlankText } from '../../api/text-schemas';
import { afterIdOf, directoryCursor } from './directory-cursor';
import { DIRECTORY_LIMITS, DIRECTORY_ROLES, directoryEntryInput, directoryEntryModel, directoryRole, isDirectoryRole, type DirectoryEntry } from './directory-entry';
import { isListed, listedPage } from './directory-listing';
import type { DirectoryFilter, DirectoryRepository } from './directory-repository';

const tag = 'Directory';
const LISTED = 'Listed only while the stakeholder is active (verified, not suspended) on the ledger, checked at every read.';

const directoryQuery = pageQuery.extend({
  role: directoryRole.optional().describe('Only this kind of professional'),
  specialty: nonBlankText(DIRECTORY_LIMITS.specialty).optional().describe('Only entries listing this specialty (case-insensitive, whole specialty)'),
  q: nonBlankText(100).optional().describe('Text the name, a specialty, the city or the description contains (case-insensitive)'),
});

/** The filter a query asks for, without the fields it leaves out. */
function filterOf(query: z.output<typeof directoryQuery>): DirectoryFilter {
  return {
    ...(query.role === undefined ? {} : { role: query.role }),
    ...(query.specialty === undefined ? {} : { specialty: query.specialty }),
    ...(query.q === undefined ? {} : { q: query.q }),
  };
}

/**
 * The directory of verified professionals (directory-entry.ts): each professional writes its own
 * entry; any authenticated principal searches the entries of stakeholders the ledger says are
 * active. The entries live off chain; the ledger is asked, as the caller, at every read.
 */
export function directoryOperations(repository: DirectoryRepository): Operation[] {
  return [
    defineOperation({
      method: 'put',
      path: '/me/directory-entry',
      operationId: 'putMyDirectoryEntry',
      summary: 'Create or replace the calling professional’s directory entry',
      description: `For a ${DIRECTORY_ROLES.join(', ')} (others: 403 FORBIDDEN). It may be written before verification; ${LISTED}`,
      tag,
      access: { scope: 'write' },
      callers: DIRECTORY_ROLES.join(', '),
      body: directoryEntryInput,
      response: { status: 200, description: 'The entry as stored', schema: directoryEntryModel },
      handle({ principal, body, deps }) {
        if (!isDirectoryRole(principal.role)) {
          throw new Problem('FORBIDDEN', `a ${principal.role} has no directory entry; only a ${DIRECTORY_ROLES.join(', ')} does`);
        }
        const entry: DirectoryEntry = {
          stakeholderId: principal.stakeholderId,
          role: principal.role,
          displayName: body.displayName,
          specialties: body.specialties,
          ...(body.city === undefined ? {} : { city: body.city }),
          ...(body.about === undefined ? {} : { about: body.about }),
        };
        return repository.put(entry, deps.clock());
      },
    }),
    defineOperation({
      method: 'get',
      path: '/me/directory-entry',
      operationId: 'getMyDirectoryEntry',
      summary: 'The calling professional’s own directory entry, listed or not',
      tag,
      access: { scope: 'read' },
      callers: 'any authenticated principal (404 without an entry)',
      errors: [404],
      response: { status: 200, description: 'The entry as stored', schema: directoryEntryModel },
      async handle({ principal }) {
        const entry = await repository.get(principal.stakeholderId);
        if (entry === undefined) {
          throw new Problem('NOT_FOUND', 'you have no directory entry yet: PUT /me/directory-entry');
        }
        return entry;
      },
    }),
    defineOperation({
      method: 'get',
      path: '/directory',
      operationId: 'searchDirectory',
      summary: 'Search the directory of verified professionals',
      description: `${LISTED} Paged like every list (?limit=, ?cursor=); a page may hold fewer entries than the limit and still have a next one. A cursor belongs to its search and its caller (400 INVALID_ARGUMENT otherwise).`,
      tag,
      access: { scope: 'read' },
      callers: 'any authenticated principal',
      transaction: 'Stakeholder:get',
      query: directoryQuery,
      response: { status: 200, description: 'A page of entries, in stakeholder ID order', schema: pageOf(directoryEntryModel) },
      async handle({ principal, query, deps }) {
        const filter = filterOf(query);
        const afterId = afterIdOf(principal.id, filter, query.cursor);
        const page = await listedPage(repository, deps.ledger, principal, { filter, afterId, limit: query.limit });
        return { items: page.items, nextCursor: page.lastSeen === undefined ? null : directoryCursor(principal.id, filter, page.lastSeen) };
      },
    }),
    defineOperation({
      method: 'get',
      path: '/directory/{stakeholderId}',
      operationId: 'getDirectoryEntry',
      summary: 'One professional’s directory entry',
      description: `${LISTED} 404 when there is no entry or the stakeholder is not active.`,
      tag,
      access: { scope: 'read' },
      callers: 'any authenticated principal',
      transaction: 'Stakeholder:get',
      params: stakeholderIdParams,
      response: { status: 200, description: 'The entry', schema: directoryEntryModel },
      async handle({ principal, params, deps }) {
        const entry = await repository.get(params.stakeholderId);
        if (entry === undefined || !(await isListed(deps.ledger, principal, entry))) {
          throw new Problem('NOT_FOUND', `no listed directory entry for ${params.stakeholderId}`);
        }
        return entry;
      },
    }),
  ];
}
