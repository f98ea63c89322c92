/**
 * An error with a stable code and nothing of HTTP; its message is "CODE: detail" and its name the
 * subclass's. Modules throw their own subclasses (FileError, PrincipalError, IdempotencyError);
 * the gateway's error catalog (api/errors/catalog.ts) gives each code its status, title and type.
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${detail}`, options);
    this.name = new.target.name;
  }
}
