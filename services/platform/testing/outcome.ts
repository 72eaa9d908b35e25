import { Code, ConnectError } from "@connectrpc/connect";

/** codeOf settles an RPC call and names its outcome: "OK", or the Connect code it failed with ("NotFound"). */
export function codeOf(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => "OK",
    (error: unknown) => Code[ConnectError.from(error).code],
  );
}
