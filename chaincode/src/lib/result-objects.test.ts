import { z } from 'zod';
import { registerResultObjects } from './result-objects';

interface Registered {
  properties: Record<string, unknown>;
  required: string[];
}

function registered(name: string): Registered | undefined {
  const objects = (Reflect as unknown as { getMetadata(key: string, target: object): unknown }).getMetadata('fabric:objects', global);
  return (objects as Record<string, Registered> | undefined)?.[name];
}

describe('registering result objects from zod views', () => {
  test('when a union of objects is registered, then each field is required only where every variant requires it', () => {
    // Arrange
    const reading = z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('number'), value: z.number().int(), unit: z.string(), note: z.never().optional() }),
      z.object({ kind: z.literal('text'), value: z.number(), note: z.string() }),
    ]);

    // Act
    registerResultObjects({ Reading: reading, ReadingPage: z.object({ items: z.array(reading), counts: z.record(z.string(), z.number()) }) });

    // Assert
    expect(registered('Reading')).toMatchObject({
      properties: { kind: { type: 'string' }, value: { type: 'number' }, unit: { type: 'string' }, note: { type: 'string' } },
      required: ['kind', 'value'],
    });
    expect(registered('ReadingPage')).toMatchObject({
      properties: { items: { type: 'array', items: { $ref: 'Reading' } }, counts: { type: 'object', additionalProperties: { type: 'number' } } },
      required: ['items', 'counts'],
    });
  });

  test('when a view holds an object the list does not name, then registration fails instead of describing it loosely', () => {
    // Arrange
    const unnamed = z.object({ inner: z.object({ a: z.string() }) });

    // Act
    const register = (): void => {
      registerResultObjects({ Outer: unnamed });
    };

    // Assert
    expect(register).toThrow('GetMetadata cannot describe this object: RESULT_OBJECTS does not name it');
  });
});
