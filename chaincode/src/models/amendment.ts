export type { Amendment, AmendmentDetails, AmendmentStatus, ErasedAmendment, LiveAmendment } from '../contract';

export const AMENDMENT_TYPE = 'amendment';
export const AMENDMENT_DETAILS_TYPE = 'amendmentDetails';
/** [fileId, proposedAt, amendmentId]: a file's amendments in proposal order. */
export const AMENDMENT_BY_FILE_INDEX = 'amendment~file~proposed';
