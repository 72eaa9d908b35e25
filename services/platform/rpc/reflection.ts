import { create, type DescFile, type DescService, toBinary } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import type { ConnectRouter } from "@connectrpc/connect";
import {
  ServerReflection,
  type ServerReflectionRequest,
  type ServerReflectionResponse,
  ServerReflectionResponseSchema,
} from "../../../gen/grpc/reflection/v1/reflection_pb";

/** Index of the files behind a set of services, by file name and by fully-qualified symbol. */
function indexFiles(services: DescService[]) {
  const byName = new Map<string, DescFile>();
  const bySymbol = new Map<string, DescFile>();
  const visit = (file: DescFile) => {
    if (byName.has(file.proto.name)) return;
    byName.set(file.proto.name, file);
    const pkg = file.proto.package ? `${file.proto.package}.` : "";
    const addMessages = (
      prefix: string,
      messages: readonly {
        name: string;
        nestedMessages: readonly unknown[];
        nestedEnums: readonly { name: string }[];
      }[],
    ) => {
      for (const message of messages) {
        const name = `${prefix}${message.name}`;
        bySymbol.set(name, file);
        for (const nestedEnum of message.nestedEnums) bySymbol.set(`${name}.${nestedEnum.name}`, file);
        addMessages(`${name}.`, message.nestedMessages as typeof messages);
      }
    };
    addMessages(pkg, file.messages);
    for (const fileEnum of file.enums) bySymbol.set(`${pkg}${fileEnum.name}`, file);
    for (const service of file.services) {
      bySymbol.set(service.typeName, file);
      for (const method of service.methods) bySymbol.set(`${service.typeName}.${method.name}`, file);
    }
    for (const dependency of file.dependencies) visit(dependency);
  };
  for (const service of services) visit(service.file);
  return { byName, bySymbol };
}

/** The file and everything it imports, each serialized once, as reflection clients expect. */
function withDependencies(file: DescFile): Uint8Array[] {
  const seen = new Set<string>();
  const out: Uint8Array[] = [];
  const visit = (f: DescFile) => {
    if (seen.has(f.proto.name)) return;
    seen.add(f.proto.name);
    out.push(toBinary(FileDescriptorProtoSchema, f.proto));
    for (const dependency of f.dependencies) visit(dependency);
  };
  visit(file);
  return out;
}

/**
 * registerReflection serves grpc.reflection.v1 for the given services, so `grpcurl list` and
 * `describe` work without proto files.
 */
export function registerReflection(router: ConnectRouter, services: DescService[]): void {
  const all = [...services, ServerReflection];
  const { byName, bySymbol } = indexFiles(all);
  const answer = (req: ServerReflectionRequest): ServerReflectionResponse => {
    const base = { validHost: req.host, originalRequest: req };
    const files = (file: DescFile | undefined, what: string) =>
      file
        ? create(ServerReflectionResponseSchema, {
            ...base,
            messageResponse: { case: "fileDescriptorResponse", value: { fileDescriptorProto: withDependencies(file) } },
          })
        : create(ServerReflectionResponseSchema, {
            ...base,
            messageResponse: { case: "errorResponse", value: { errorCode: 5, errorMessage: `${what} not found` } },
          });
    switch (req.messageRequest.case) {
      case "listServices":
        return create(ServerReflectionResponseSchema, {
          ...base,
          messageResponse: { case: "listServicesResponse", value: { service: all.map((s) => ({ name: s.typeName })) } },
        });
      case "fileByFilename":
        return files(byName.get(req.messageRequest.value), req.messageRequest.value);
      case "fileContainingSymbol":
        return files(bySymbol.get(req.messageRequest.value), req.messageRequest.value);
      case "fileContainingExtension":
        return files(undefined, "extension");
      case "allExtensionNumbersOfType":
        return create(ServerReflectionResponseSchema, {
          ...base,
          messageResponse: {
            case: "allExtensionNumbersResponse",
            value: { baseTypeName: req.messageRequest.value, extensionNumber: [] },
          },
        });
      default:
        return create(ServerReflectionResponseSchema, {
          ...base,
          messageResponse: { case: "errorResponse", value: { errorCode: 3, errorMessage: "empty request" } },
        });
    }
  };
  router.service(ServerReflection, {
    async *serverReflectionInfo(requests) {
      for await (const req of requests) yield answer(req);
    },
  });
}
