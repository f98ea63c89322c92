/** A protobuf Timestamp as Fabric carries it in the proposal's channel header. */
export interface TxTimestamp {
  seconds: number;
  nanos: number;
}

const MILLIS_PER_SECOND = 1000;
const NANOS_PER_MILLI = 1_000_000;

export function toTxTimestamp(date: Date): TxTimestamp {
  const millis = date.getTime();
  if (Number.isNaN(millis)) {
    throw new Error('transaction timestamp is an invalid Date');
  }
  // floor (not truncation) keeps nanos non-negative for dates before 1970, as protobuf requires
  const seconds = Math.floor(millis / MILLIS_PER_SECOND);
  return { seconds, nanos: (millis - seconds * MILLIS_PER_SECOND) * NANOS_PER_MILLI };
}

/** Same arithmetic as google-protobuf's Timestamp.toDate(), which the shim's getDateTimestamp() uses. */
export function toDate(timestamp: TxTimestamp): Date {
  return new Date(timestamp.seconds * MILLIS_PER_SECOND + timestamp.nanos / NANOS_PER_MILLI);
}
