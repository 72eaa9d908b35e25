import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ViolationsSchema } from "../../gen/buf/validate/validate_pb";
import { transientToConnectError } from "./transient";

/** FieldViolation names an input field and what is wrong with it. */
export interface FieldViolation {
  field: string;
  description: string;
}

/** DomainError is the base of errors domain code throws; one interceptor maps them to Connect codes. */
abstract class DomainError extends Error {
  abstract readonly code: Code;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = Code.NotFound;
}

export class InvalidArgumentError extends DomainError {
  readonly code = Code.InvalidArgument;
  constructor(readonly violations: FieldViolation[]) {
    super(violations.map((v) => `${v.field}: ${v.description}`).join("; "));
  }
}

/** VersionConflictError: the caller's expected version is stale (optimistic concurrency). */
export class VersionConflictError extends DomainError {
  readonly code = Code.Aborted;
}

export class FailedPreconditionError extends DomainError {
  readonly code = Code.FailedPrecondition;
}

/** PermissionDeniedError: the caller may see the object but not make this change (a viewer's write, a member managing members). */
export class PermissionDeniedError extends DomainError {
  readonly code = Code.PermissionDenied;
}

export class UnauthenticatedError extends DomainError {
  readonly code = Code.Unauthenticated;
}

export class RateLimitedError extends DomainError {
  readonly code = Code.ResourceExhausted;
  /** retryAfterSeconds, when known, tells the client when a retry can succeed (RetryInfo detail). */
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** toConnectError turns anything thrown by a handler into the ConnectError a client may see. */
export function toConnectError(error: unknown): ConnectError {
  const unavailable = transientToConnectError(error);
  if (unavailable) return unavailable;
  if (error instanceof ConnectError) return error;
  if (error instanceof DomainError) {
    const connectError = new ConnectError(error.message, error.code, undefined, undefined, error);
    if (error instanceof InvalidArgumentError) {
      // Same detail type protovalidate attaches, so clients read one shape for every InvalidArgument.
      connectError.details.push({
        desc: ViolationsSchema,
        value: create(ViolationsSchema, {
          violations: error.violations.map((v) => ({
            field: { elements: v.field.split(".").map((fieldName) => ({ fieldName })) },
            ruleId: "taskmesh.domain",
            message: v.description,
          })),
        }),
      });
    }
    if (error instanceof RateLimitedError && error.retryAfterSeconds !== undefined) {
      // HTTP's own Retry-After (whole seconds): a header on Connect and gRPC-Web, a trailer on gRPC.
      connectError.metadata.set("retry-after", String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    }
    return connectError;
  }
  const sqlState = dataExceptionState(error);
  if (sqlState)
    return new ConnectError(
      `a value is malformed or out of range (SQLSTATE ${sqlState})`,
      Code.InvalidArgument,
      undefined,
      undefined,
      error,
    );
  return new ConnectError("internal error", Code.Internal, undefined, undefined, error);
}

/**
 * dataExceptionState finds a database "data exception" (SQLSTATE class 22: a value the column or
 * function cannot take — NUL byte, out-of-range number or date, malformed uuid) anywhere in a cause
 * chain. Such a failure comes from the request's values, never from the server, so it is the
 * client's InvalidArgument; the contract and domain rules should catch it first, this is the net.
 */
function dataExceptionState(error: unknown): string | undefined {
  for (
    let cause = error, depth = 0;
    cause && typeof cause === "object" && depth < 5;
    cause = (cause as { cause?: unknown }).cause, depth++
  ) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code)) return code;
  }
  return undefined;
}
