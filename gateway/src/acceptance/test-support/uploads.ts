import request from 'supertest';
import { z } from 'zod';
import { bodyOf, type HasBody } from '../../test-support/response-body';
import type { TestGateway } from '../../test-support/test-gateway';
import type { Actor } from './actors';

export interface FileToUpload {
  patientId: string;
  category: string;
  fileName: string;
  mediaType: string;
  content: string | Buffer;
  /** A file ID a workflow planned for this upload (X-File-Id); default: the gateway allocates one. */
  fileId?: string;
}

/** POST /files as the actor: the file's fields as headers, its bytes as the body. */
export function upload(gateway: TestGateway, actor: Actor, file: FileToUpload): request.Test {
  return request(gateway.app)
    .post('/files')
    .set(...actor.header)
    .set('Content-Type', file.mediaType)
    .set('X-Patient-Id', file.patientId)
    .set('X-Category', file.category)
    .set('X-File-Name', file.fileName)
    .set(file.fileId === undefined ? {} : { 'X-File-Id': file.fileId })
    .send(file.content);
}

/** The ID of the file an upload created. */
export function fileIdOf(response: HasBody): string {
  return bodyOf(response, z.object({ file: z.object({ fileId: z.string() }) })).file.fileId;
}

/** An upload a test arranges: anything but 201 stops the test; returns the new file's ID. */
export async function uploadedFile(gateway: TestGateway, actor: Actor, file: FileToUpload): Promise<string> {
  const response = await upload(gateway, actor, file);
  if (response.status !== 201) {
    throw new Error(`upload failed: ${response.status} ${response.text}`);
  }
  return fileIdOf(response);
}
