import { Code, ConnectError } from "@connectrpc/connect";
import { ViolationsSchema } from "../../../gen/buf/validate/validate_pb";

/** codeOf settles an RPC call and names its outcome: "OK", or the Connect code it failed with ("NotFound"). */
export function codeOf(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => "OK",
    (error: unknown) => Code[ConnectError.from(error).code],
  );
}

/**
 * failureOf settles an RPC call and names its outcome with the fields its violations point at
 * ("reminders[1].at"): { code: "OK", fields: [] } when it succeeds.
 */
export async function failureOf(call: Promise<unknown>): Promise<{ code: string; fields: string[] }> {
  try {
    await call;
    return { code: "OK", fields: [] };
  } catch (error) {
    const e = ConnectError.from(error);
    const fields = e
      .findDetails(ViolationsSchema)
      .flatMap((v) => v.violations)
      .map((v) =>
        (v.field?.elements ?? [])
          .map((el) => el.fieldName + (el.subscript.case === "index" ? `[${el.subscript.value}]` : ""))
          .join("."),
      );
    return { code: Code[e.code], fields };
  }
}
