import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { loadConfig } from '../../config';
import { ensureBucket, s3ClientOf } from './s3-bucket';

function failure(httpStatusCode: number): Error {
  return Object.assign(new Error(`status ${httpStatusCode}`), { $metadata: { httpStatusCode } });
}

describe('ensureBucket', () => {
  it('when the bucket exists, then nothing is created', async () => {
    const sent: unknown[] = [];
    await ensureBucket({ send: (command: unknown) => Promise.resolve(sent.push(command)) } as never, 'files');

    expect(sent).toEqual([expect.any(HeadBucketCommand)]);
  });

  it('when the bucket is missing (a fresh MinIO), then it is created', async () => {
    const sent: unknown[] = [];
    const send = (command: unknown): Promise<unknown> => {
      sent.push(command);
      return command instanceof HeadBucketCommand ? Promise.reject(failure(404)) : Promise.resolve({});
    };

    await ensureBucket({ send } as never, 'files');

    expect(sent).toEqual([expect.any(HeadBucketCommand), expect.any(CreateBucketCommand)]);
  });

  it('when another replica creates the bucket first (409 on create), then the bucket is checked again and start-up goes on', async () => {
    const sent: unknown[] = [];
    const send = (command: unknown): Promise<unknown> => {
      sent.push(command);
      if (command instanceof CreateBucketCommand) return Promise.reject(failure(409));
      return sent.length === 1 ? Promise.reject(failure(404)) : Promise.resolve({});
    };

    await ensureBucket({ send } as never, 'files');

    expect(sent).toEqual([expect.any(HeadBucketCommand), expect.any(CreateBucketCommand), expect.any(HeadBucketCommand)]);
  });

  it('when the create fails otherwise, or the bucket still does not answer after a 409, then start-up fails', async () => {
    const createFails = (status: number) => (command: unknown): Promise<unknown> => Promise.reject(failure(command instanceof CreateBucketCommand ? status : 404));

    await expect(ensureBucket({ send: createFails(403) } as never, 'files')).rejects.toThrow('status 403');
    await expect(ensureBucket({ send: createFails(409) } as never, 'files')).rejects.toThrow('status 404');
  });

  it('when the store refuses (wrong credentials), then start-up fails instead of creating anything', async () => {
    const send = (): Promise<unknown> => Promise.reject(failure(403));

    await expect(ensureBucket({ send } as never, 'files')).rejects.toThrow('status 403');
  });
});

describe('s3ClientOf', () => {
  it('when the settings come frozen from the configuration, then requests are still signed with their credentials', async () => {
    const authorizations: (string | undefined)[] = [];
    const store = createServer((request, response) => {
      authorizations.push(request.headers.authorization);
      response.end();
    });
    await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = store.address() as AddressInfo;
      const settings = loadConfig({
        MEDLEDGER_S3_ENDPOINT: `http://127.0.0.1:${port}`,
        MEDLEDGER_S3_BUCKET: 'files',
        MEDLEDGER_S3_ACCESS_KEY_ID: 'compose-user',
        MEDLEDGER_S3_SECRET_ACCESS_KEY: 'compose-secret',
      }).files.s3;
      if (settings === undefined) throw new Error('the configuration has no S3 settings');
      expect(Object.isFrozen(settings.credentials)).toBe(true);

      await s3ClientOf(settings).send(new HeadBucketCommand({ Bucket: settings.bucket }));

      expect(authorizations).toEqual([expect.stringContaining('Credential=compose-user/')]);
    } finally {
      store.close();
    }
  });
});
