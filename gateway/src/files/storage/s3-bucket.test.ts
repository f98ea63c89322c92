import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { ensureBucket } from './s3-bucket';

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

  it('when the store refuses (wrong credentials), then start-up fails instead of creating anything', async () => {
    const send = (): Promise<unknown> => Promise.reject(failure(403));

    await expect(ensureBucket({ send } as never, 'files')).rejects.toThrow('status 403');
  });
});
